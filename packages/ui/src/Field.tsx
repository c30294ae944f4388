import { useId, type ReactNode } from "react";
import { cn } from "./cn.ts";

export interface FieldProps {
  label: string;
  /** Guidance shown under the control, e.g. a password rule. */
  hint?: ReactNode;
  /** Why the value was refused; marks the control invalid and is read out with it. */
  error?: string | null;
  id?: string | undefined;
  className?: string | undefined;
}

/** What a form control needs from its frame: its id, and the ARIA and classes that tie it to the label, hint and error. */
export interface ControlProps {
  id: string;
  "aria-invalid": true | undefined;
  "aria-describedby": string | undefined;
  className: string;
}

/**
 * A labelled form control with its hint and error tied to it for assistive technology:
 * the one frame behind TextField and SelectField.
 */
export function Field({ label, hint, error, id, className, children }: FieldProps & { children: (control: ControlProps) => ReactNode }) {
  const generatedId = useId();
  const controlId = id ?? generatedId;
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;
  return (
    <div className={cn("flex min-w-0 flex-col gap-1", className)}>
      <label htmlFor={controlId} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      {children({
        id: controlId,
        "aria-invalid": error ? true : undefined,
        "aria-describedby": [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined,
        className: cn(
          "w-full min-w-0 rounded-lg bg-white px-3 py-2 text-base text-slate-900 ring-1 sm:text-sm",
          "focus:outline-2 focus:outline-offset-0 focus:outline-glow-500 disabled:bg-slate-100 disabled:text-slate-500",
          error ? "ring-red-500" : "ring-slate-300",
        ),
      })}
      {hint && (
        <p id={hintId} className="text-xs text-slate-500">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="text-sm font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
