import { useId, type ReactNode, type SelectHTMLAttributes } from "react";
import { cn } from "./cn.ts";

export interface SelectFieldProps extends SelectHTMLAttributes<HTMLSelectElement> {
  label: string;
  hint?: ReactNode;
  /** Why the choice was refused; marks the field invalid and is read out with it. */
  error?: string | null;
  children: ReactNode;
}

/** A labelled select with its hint and error tied to it, like `TextField`. */
export function SelectField({ label, hint, error, id, className, children, ...rest }: SelectFieldProps) {
  const generatedId = useId();
  const selectId = id ?? generatedId;
  const hintId = `${selectId}-hint`;
  const errorId = `${selectId}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;
  return (
    <div className={cn("flex min-w-0 flex-col gap-1", className)}>
      <label htmlFor={selectId} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <select
        id={selectId}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        {...rest}
        className={cn(
          "w-full min-w-0 rounded-lg bg-white px-3 py-2 text-base text-slate-900 ring-1 sm:text-sm",
          "focus:outline-2 focus:outline-offset-0 focus:outline-glow-500 disabled:bg-slate-100 disabled:text-slate-500",
          error ? "ring-red-500" : "ring-slate-300",
        )}
      >
        {children}
      </select>
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
