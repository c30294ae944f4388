import { useEffect, type RefObject } from "react";
import { errorData, errorMessage } from "./trpc.ts";

/** The server's rule for new passwords (packages/api/src/modules/auth/passwords.ts), shown before it refuses one. */
export const PASSWORD_RULE = "At least 10 characters, and not a common or easily guessed password.";

export interface FormProblems<Field extends string> {
  /** Messages to show beside the form's own fields. */
  fields: Partial<Record<Field, string>>;
  /** Everything else, for one alert above the submit button. */
  alert: string | null;
}

/** Splits a failed call's error into messages beside the form's fields and one alert for the rest. */
export function formProblems<Field extends string>(error: unknown, fields: readonly Field[]): FormProblems<Field> {
  if (!error) return { fields: {}, alert: null };
  const fieldErrors = errorData(error)?.fieldErrors;
  if (!fieldErrors) return { fields: {}, alert: errorMessage(error) };
  const shown: Partial<Record<Field, string>> = {};
  const rest: string[] = [];
  for (const [key, messages] of Object.entries(fieldErrors)) {
    if ((fields as readonly string[]).includes(key)) shown[key as Field] = messages.join(" ");
    else rest.push(...messages);
  }
  return { fields: shown, alert: rest.length > 0 ? rest.join(" ") : null };
}

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
