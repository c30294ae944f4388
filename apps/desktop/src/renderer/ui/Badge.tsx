// Not in @glow/ui yet: a small label for roles and account states.
import { cn } from "@glow/ui";
import type { ReactNode } from "react";

const tones = {
  neutral: "bg-slate-100 text-slate-700",
  glow: "bg-glow-100 text-glow-700",
  red: "bg-red-100 text-red-800",
  green: "bg-emerald-100 text-emerald-800",
} as const;

export function Badge({ tone = "neutral", children }: { tone?: keyof typeof tones; children: ReactNode }) {
  return <span className={cn("inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium", tones[tone])}>{children}</span>;
}

export function RoleBadges({ roles }: { roles: readonly string[] }) {
  if (roles.length === 0) return <span className="text-xs text-slate-500">No roles</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {roles.map((role) => (
        <Badge key={role} tone={role === "admin" ? "glow" : "neutral"}>
          {role}
        </Badge>
      ))}
    </span>
  );
}
