import { cn } from "./cn.ts";

/** How far along something is, e.g. "2 of 3 creators blocked"; `label` names it for assistive technology. */
export function ProgressBar({ value, max, label, className }: { value: number; max: number; label: string; className?: string }) {
  const now = Math.max(0, Math.min(value, max));
  // Nothing to do counts as all done.
  const percent = max > 0 ? Math.round((now / max) * 100) : 100;
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={Math.max(max, 1)}
      aria-valuenow={max > 0 ? now : 1}
      aria-valuetext={`${now} of ${max}`}
      className={cn("h-2 w-full overflow-hidden rounded-full bg-slate-200", className)}
    >
      <div className="h-full rounded-full bg-glow-500 transition-[width] duration-300" style={{ width: `${percent}%` }} />
    </div>
  );
}
