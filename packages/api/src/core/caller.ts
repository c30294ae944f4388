// Who is calling a procedure: a person signed in with a session, or a personal access
// token acting for one (modules/auth/tokens.ts). Null in the context when anonymous.

interface SignedIn {
  userId: string;
  roles: readonly string[];
  /** What those roles grant, as "action:entity:access" (core/permissions.ts checks them). */
  permissions: readonly string[];
}

/** A session from signing in (web cookie, desktop or API bearer token). */
export interface SessionCaller extends SignedIn {
  kind: "session";
  /** The session's id (the SHA-256 of its token). */
  sessionId: string;
}

/** A personal access token: it may do what its scopes allow within its owner's roles. */
export interface TokenCaller extends SignedIn {
  kind: "token";
  tokenId: string;
  scopes: readonly ("read" | "write" | "admin")[];
}

export type Caller = SessionCaller | TokenCaller;

/** The id of the session behind a caller, or null for a token (which has none to end). */
export function sessionIdOf(caller: Caller | null): string | null {
  return caller?.kind === "session" ? caller.sessionId : null;
}

/** Whether two callers stand on the same credential (the same session, or the same token). */
export function sameCredential(a: Caller, b: Caller): boolean {
  return a.kind === "session" ? b.kind === "session" && a.sessionId === b.sessionId : b.kind === "token" && a.tokenId === b.tokenId;
}
