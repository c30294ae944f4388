import { cn } from "./cn.ts";

export interface SegmentedOption<Value extends string> {
  value: Value;
  label: string;
}

/** A few mutually exclusive choices side by side (radio buttons underneath: arrow keys move between them). */
export function SegmentedControl<Value extends string>({
  legend,
  name,
  options,
  value,
  onChange,
  className,
}: {
  legend: string;
  name: string;
  options: ReadonlyArray<SegmentedOption<Value>>;
  value: Value;
  onChange: (value: Value) => void;
  className?: string;
}) {
  return (
    <fieldset className={cn("flex min-w-0 flex-wrap items-center gap-2", className)}>
      <legend className="sr-only">{legend}</legend>
      <span className="inline-flex flex-wrap rounded-lg bg-white p-1 ring-1 ring-slate-300">
        {options.map((option) => (
          <label
            key={option.value}
            className={cn(
              "cursor-pointer rounded-md px-3 py-1.5 text-sm font-medium text-slate-700",
              "has-checked:bg-glow-600 has-checked:text-white has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-glow-500",
            )}
          >
            <input
              type="radio"
              name={name}
              value={option.value}
              checked={option.value === value}
              onChange={() => onChange(option.value)}
              className="sr-only"
            />
            {option.label}
          </label>
        ))}
      </span>
    </fieldset>
  );
}
