// Not in @glow/ui yet: a labelled input with its error, announced to screen readers.
import { cn } from "@glow/ui";
import { useId, type InputHTMLAttributes } from "react";

export function TextField({
  label,
  error,
  className,
  id,
  ...input
}: InputHTMLAttributes<HTMLInputElement> & { label: string; error?: string | undefined }) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const errorId = `${inputId}-error`;
  return (
    <div className={cn("flex flex-col gap-1", className)}>
      <label htmlFor={inputId} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={inputId}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={cn(
          "rounded-lg bg-white px-3 py-2 text-slate-900 ring-1 ring-slate-300 focus:outline-2 focus:outline-glow-500",
          error && "ring-red-500",
        )}
        {...input}
      />
      {error && (
        <p id={errorId} className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
