import type { ReactNode } from "react";
import { cn } from "./cn.ts";

export function Card({
  title,
  description,
  children,
  className,
}: {
  title?: string;
  /** A line under the title saying what the card is for. */
  description?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section aria-label={title} className={cn("rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200", className)}>
      {title && <h2 className={cn("text-base font-semibold text-slate-900", description ? "mb-1" : "mb-3")}>{title}</h2>}
      {description && <p className="mb-4 text-sm text-slate-600">{description}</p>}
      {children}
    </section>
  );
}
