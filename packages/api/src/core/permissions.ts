// What a caller may do. Permissions are data (decision 019): rows of action × entity × access
// that roles grant (tables permissions, role_permissions). This file holds the one check, used
// by the server and mirrored in the UI (so it imports nothing), and the permissions the code
// knows: what the migration seeded, and the type procedures name theirs with.

export const PERMISSION_ACCESS = ["own", "any"] as const;
/** "any": every row of the entity; "own": only rows whose owner is the caller. */
export type PermissionAccess = (typeof PERMISSION_ACCESS)[number];

/** Every permission a check in the code names ("action:entity"), with what it lets a role do; each exists as a row with access "any". */
export const PERMISSIONS = {
  "read:users": "See people, their sessions and their roles",
  "write:users": "Change people's roles, end their sessions, deactivate them",
  "write:roles": "Create roles and grant or revoke their permissions",
  "read:audit": "Read the audit log and the request log",
  "read:outbox": "Read the development email outbox",
  "write:content": "Curate categories, creators and videos",
  "read:metrics": "See product metrics and server status",
  "read:organizations": "See every organization, its members and its parent and children",
  "write:organizations": "Change members' roles in any organization (support)",
  "read:jobs": "See the background job queues, their jobs and dead letters",
  "write:jobs": "Retry or cancel background jobs",
} as const;
export type PermissionName = keyof typeof PERMISSIONS;

type Named<Name extends string> = Name extends `${infer Action}:${infer Entity}` ? { action: Action; entity: Entity } : never;

/**
 * What a check asks for. `access` "any": a grant for every row; "own": a grant for the caller's
 * own rows is enough (with a resource, only when the caller owns it); left out, the resource
 * decides (without one, only "any" counts).
 */
export type PermissionCheck<Name extends string = PermissionName> = Named<Name> & { access?: PermissionAccess };

/** Who is asking: the signed-in person and the permissions their roles grant, as "action:entity:access". */
export interface Grantee {
  userId: string;
  permissions: readonly string[];
}

/** A permission as callers carry it: "read:metrics:any". */
export function grantName(permission: { action: string; entity: string; access: PermissionAccess }): string {
  return `${permission.action}:${permission.entity}:${permission.access}`;
}

/**
 * The one permission check. A known permission's typo is a type error; a test or a module's
 * own permission names its type: `can<"update:post">(caller, { action: "update", entity: "post", access: "own" }, post)`.
 */
export function can<Name extends string = PermissionName>(
  caller: Grantee | null | undefined,
  check: NoInfer<PermissionCheck<Name>>,
  resource?: { ownerId: string | null },
): boolean {
  if (!caller) return false;
  const grants = (access: PermissionAccess) =>
    caller.permissions.includes(grantName({ action: check.action, entity: check.entity, access }));
  if (grants("any")) return true;
  if (check.access === "any" || !grants("own")) return false;
  return resource ? resource.ownerId === caller.userId : check.access === "own";
}
