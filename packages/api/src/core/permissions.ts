// What each role may do. Roles are data (users ↔ roles in the database); the permissions
// a role grants are declared here, checked by one helper on the server and mirrored by
// `can()` in the UI.
export const PERMISSIONS = ["users:read", "users:write", "roles:write", "audit:read", "outbox:read", "content:write", "metrics:read"] as const;
export type Permission = (typeof PERMISSIONS)[number];

// A Map, not an object: role names are data anyone with roles:write chooses, and a role
// named "constructor" or "__proto__" must not find Object.prototype's properties.
const ROLE_PERMISSIONS: ReadonlyMap<string, readonly Permission[]> = new Map<string, readonly Permission[]>([
  ["admin", PERMISSIONS],
  ["user", []],
]);

export function can(roles: readonly string[], permission: Permission): boolean {
  return roles.some((role) => ROLE_PERMISSIONS.get(role)?.includes(permission) ?? false);
}
