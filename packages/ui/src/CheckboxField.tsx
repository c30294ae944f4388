import { useId, type InputHTMLAttributes, type ReactNode } from "react";
import { cn } from "./cn.ts";

export interface CheckboxFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, "type"> {
  label: ReactNode;
  hint?: ReactNode;
}

/** A checkbox with its label beside it. */
export function CheckboxField({ label, hint, id, className, ...rest }: CheckboxFieldProps) {
  const generatedId = useId();
  const inputId = id ?? generatedId;
  const hintId = `${inputId}-hint`;
  return (
    <div className={cn("flex items-start gap-2", className)}>
      <input
        id={inputId}
        type="checkbox"
        aria-describedby={hint ? hintId : undefined}
        {...rest}
        className="mt-0.5 size-4 shrink-0 accent-glow-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-glow-500"
      />
      <div className="flex flex-col">
        <label htmlFor={inputId} className="text-sm font-medium text-slate-700">
          {label}
        </label>
        {hint && (
          <p id={hintId} className="text-xs text-slate-500">
            {hint}
          </p>
        )}
      </div>
    </div>
  );
}
