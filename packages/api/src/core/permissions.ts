// What each role may do. Roles are data (users ↔ roles in the database); the permissions
// a role grants are declared here, checked by one helper on the server and mirrored by
// `can()` in the UI.
export const PERMISSIONS = ["users:read", "users:write", "roles:write", "audit:read", "outbox:read", "content:write", "metrics:read"] as const;
export type Permission = (typeof PERMISSIONS)[number];

const ROLE_PERMISSIONS: Record<string, readonly Permission[]> = {
  admin: PERMISSIONS,
  user: [],
};

export function can(roles: readonly string[], permission: Permission): boolean {
  return roles.some((role) => ROLE_PERMISSIONS[role]?.includes(permission));
}
