import { useId, type ReactNode } from "react";
import { Badge } from "./Badge.tsx";
import { cn } from "./cn.ts";
import { ProgressBar } from "./ProgressBar.tsx";

export interface ActionCardProps {
  /** 1, 2, 3: where the step sits in the day's plan. */
  position: number;
  /** The step's short name, e.g. "Clear". */
  label: string;
  title: string;
  description: string;
  progress: number;
  target: number;
  /** What the progress counts, e.g. "creators blocked". */
  unit: string;
  done: boolean;
  /** What to do next: usually a link to the step's screen. */
  action: ReactNode;
  className?: string;
}

/** One step of a daily plan: what to do, how far along it is, and the way in. */
export function ActionCard({ position, label, title, description, progress, target, unit, done, action, className }: ActionCardProps) {
  const titleId = useId();
  return (
    <article
      aria-labelledby={titleId}
      data-step={label.toLowerCase()}
      data-done={done || undefined}
      className={cn(
        "flex min-w-0 flex-col gap-3 rounded-2xl bg-white p-5 shadow-sm ring-1",
        done ? "ring-emerald-300" : "ring-slate-200",
        className,
      )}
    >
      <div className="flex items-center justify-between gap-2">
        <p className="text-xs font-semibold uppercase tracking-wide text-glow-700">
          Step {position} · {label}
        </p>
        {done ? <Badge tone="success">✓ Done</Badge> : <Badge>To do</Badge>}
      </div>
      <h3 id={titleId} className="text-base font-semibold text-slate-900">
        {title}
      </h3>
      <p className="text-sm text-slate-600">{description}</p>
      <div className="mt-auto flex flex-col gap-1.5">
        <ProgressBar value={progress} max={target} label={`${label} progress`} />
        <p className="text-xs text-slate-600" data-progress>
          {target > 0 ? `${Math.min(progress, target)} of ${target} ${unit}` : "Nothing to do today"}
        </p>
      </div>
      <div className="flex flex-wrap gap-2">{action}</div>
    </article>
  );
}
