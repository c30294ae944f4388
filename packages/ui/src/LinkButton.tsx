import type { ButtonHTMLAttributes } from "react";
import { cn } from "./cn.ts";
import { Spinner } from "./Spinner.tsx";

/** A link's look, for anchors and router links inside text. */
export const linkClassName =
  "font-medium text-glow-700 underline decoration-glow-500/40 underline-offset-2 hover:decoration-glow-700 focus-visible:rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-glow-500";

export interface LinkButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  /** Shows a spinner and blocks clicks while an action runs. */
  busy?: boolean;
}

/** An action that sits in text and looks like a link, but is a button (it does something, it goes nowhere). */
export function LinkButton({ busy = false, disabled, className, children, ...rest }: LinkButtonProps) {
  return (
    <button
      type="button"
      {...rest}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      className={cn(linkClassName, "inline-flex items-center gap-1 text-sm disabled:cursor-not-allowed disabled:opacity-60", className)}
    >
      {busy && <Spinner size="sm" label="" />}
      {children}
    </button>
  );
}
