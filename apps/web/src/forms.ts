import { useEffect, type RefObject } from "react";

/** The server's rule for new passwords (packages/api/src/modules/auth/passwords.ts), shown before it refuses one. */
export const PASSWORD_RULE = "At least 10 characters, and not a common or easily guessed password.";

/** After a refused submit, moves focus to the first field marked invalid, so it is read out with its error. */
export function useFocusFirstInvalid(form: RefObject<HTMLFormElement | null>, error: unknown): void {
  useEffect(() => {
    if (error) form.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [form, error]);
}

/** A text field's value from submitted form data. */
export function formText(data: FormData, name: string): string {
  const value = data.get(name);
  return typeof value === "string" ? value : "";
}

/** Sets the document title for a screen, e.g. "Sign in · Glow". */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · Glow`;
  }, [title]);
}
