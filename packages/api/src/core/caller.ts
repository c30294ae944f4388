/** The signed-in caller; null when anonymous. */
export interface SessionContext {
  /** A signed-in session, or a personal access token (see modules/auth/tokens.ts). */
  kind: "session" | "token";
  sessionId: string;
  userId: string;
  roles: readonly string[];
  /** What those roles grant, as "action:entity:access" (core/permissions.ts checks them). */
  permissions: readonly string[];
  /** A token's scopes; absent for sessions, which may do all their roles allow. */
  scopes?: readonly ("read" | "write" | "admin")[];
}
