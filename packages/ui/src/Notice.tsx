import type { ReactNode } from "react";
import { cn } from "./cn.ts";

const tones = {
  success: "bg-emerald-50 text-emerald-900 ring-emerald-200",
  info: "bg-sky-50 text-sky-900 ring-sky-200",
  warning: "bg-amber-50 text-amber-900 ring-amber-200",
} as const;

/** News the user should see but need not act on (a saved change, a sent email); announced politely. */
export function Notice({ tone = "info", children, className }: { tone?: keyof typeof tones; children: ReactNode; className?: string }) {
  return (
    <div role="status" className={cn("flex flex-col gap-1 rounded-lg p-3 text-sm ring-1", tones[tone], className)}>
      {children}
    </div>
  );
}
