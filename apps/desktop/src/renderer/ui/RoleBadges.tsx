import { Badge } from "@glow/ui";

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
