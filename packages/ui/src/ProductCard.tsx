import { useId, type ReactNode } from "react";
import { Badge } from "./Badge.tsx";
import { cn } from "./cn.ts";

/** A live product can be used today; a coming one is shown so people know what their account will hold. */
export type ProductStatus = "live" | "coming-soon";

export interface ProductCardProps {
  /** Stable id, e.g. "reset" (tests and styles find the card by it). */
  id: string;
  name: string;
  /** One line: what a person gets from it. */
  tagline: string;
  description: string;
  /** What a person does in it, in order (Reset: Clear, Watch, Reinforce). */
  steps?: readonly { name: string; description: string }[];
  status: ProductStatus;
  /** The way in (a link); coming products have none. */
  action?: ReactNode;
  className?: string;
}

/** One of Glow's products on the front page: what it is, whether it is live, and the way in. */
export function ProductCard({ id, name, tagline, description, steps, status, action, className }: ProductCardProps) {
  const titleId = useId();
  const live = status === "live";
  return (
    <article
      aria-labelledby={titleId}
      data-product={id}
      data-status={status}
      className={cn(
        "flex min-w-0 flex-col gap-4 rounded-2xl p-5 ring-1",
        live ? "bg-white shadow-sm ring-glow-500/30" : "bg-white/60 ring-slate-200",
        className,
      )}
    >
      <div className="flex items-start justify-between gap-3">
        <div className="flex min-w-0 items-center gap-3">
          <span
            aria-hidden="true"
            className={cn(
              "grid size-10 shrink-0 place-items-center rounded-xl text-lg font-bold",
              live ? "bg-glow-600 text-white" : "bg-slate-100 text-slate-500",
            )}
          >
            {name.charAt(0)}
          </span>
          <div className="min-w-0">
            <h3 id={titleId} className="text-lg font-semibold text-slate-900">
              {name}
            </h3>
            <p className="text-sm text-slate-600">{tagline}</p>
          </div>
        </div>
        <span className="shrink-0 whitespace-nowrap">{live ? <Badge tone="success">Live</Badge> : <Badge>Coming soon</Badge>}</span>
      </div>
      <p className={cn("text-sm", live ? "text-slate-700" : "text-slate-600")}>{description}</p>
      {steps && steps.length > 0 && (
        <ol className="grid grid-cols-1 gap-3 sm:grid-cols-3">
          {steps.map((step, index) => (
            <li key={step.name} className="flex gap-3 rounded-xl bg-glow-50 p-3">
              <span
                aria-hidden="true"
                className="grid size-6 shrink-0 place-items-center rounded-full bg-glow-100 text-xs font-semibold text-glow-700"
              >
                {index + 1}
              </span>
              <p className="text-sm text-slate-700">
                <strong className="font-semibold text-slate-900">{step.name}</strong>
                <span className="sr-only">:</span> <span className="block">{step.description}</span>
              </p>
            </li>
          ))}
        </ol>
      )}
      {action && <div className="mt-auto flex flex-wrap gap-3">{action}</div>}
    </article>
  );
}
