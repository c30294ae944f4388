// What a person's roles grant, read from the database in the same query as the roles: used
// where a credential is validated (sessions, API tokens) and for auth.me.
import { grantName, type PermissionAccess } from "./permissions.ts";

/** Prisma `select` for a user's roles with the permissions each grants. */
export const rolesWithGrants = {
  select: {
    role: { select: { name: true, permissions: { select: { permission: { select: { action: true, entity: true, access: true } } } } } },
  },
} as const;

interface HeldRole {
  role: { name: string; permissions: Array<{ permission: { action: string; entity: string; access: PermissionAccess } }> };
}

/** Role names and the permissions they grant ("action:entity:access"), both sorted; `keep` picks the roles that count. */
export function grantsOf(
  held: readonly HeldRole[],
  keep: (role: string) => boolean = () => true,
): { roles: string[]; permissions: string[] } {
  const kept = held.filter((r) => keep(r.role.name));
  const permissions = new Set(kept.flatMap((r) => r.role.permissions.map((p) => grantName(p.permission))));
  return { roles: kept.map((r) => r.role.name).sort(), permissions: [...permissions].sort() };
}
