import type { ReactNode } from "react";
import { cn } from "./cn.ts";

export function Card({ title, children, className }: { title?: string; children: ReactNode; className?: string }) {
  return (
    <section
      aria-label={title}
      className={cn("rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200", className)}
    >
      {title && <h2 className="mb-3 text-base font-semibold text-slate-900">{title}</h2>}
      {children}
    </section>
  );
}
