import { useId, type InputHTMLAttributes, type ReactNode } from "react";
import { cn } from "./cn.ts";

export interface TextFieldProps extends InputHTMLAttributes<HTMLInputElement> {
  label: string;
  /** Guidance shown under the field, e.g. a password rule. */
  hint?: ReactNode;
  /** Why the value was refused; marks the field invalid and is read out with it. */
  error?: string | null;
}

/** A labelled input with its hint and error tied to it for assistive technology. */
export function TextField({ label, hint, error, id, className, type = "text", ...rest }: TextFieldProps) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;

  return (
    <div className={cn("flex flex-col gap-1", className)}>
      <label htmlFor={inputId} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={inputId}
        type={type}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...rest}
        className={cn(
          "w-full min-w-0 rounded-lg bg-white px-3 py-2 text-base text-slate-900 ring-1 sm:text-sm",
          "focus:outline-2 focus:outline-offset-0 focus:outline-glow-500 disabled:bg-slate-100 disabled:text-slate-500",
          error ? "ring-red-500" : "ring-slate-300",
        )}
      />
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
