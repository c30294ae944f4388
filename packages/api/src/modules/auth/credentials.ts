// Where a caller's session token comes from: the web app's HttpOnly cookie, or an
// `Authorization: Bearer` header from the desktop app and the typed client.

export const SESSION_COOKIE = "glow_session";

export interface Credential {
  token: string;
  source: "cookie" | "bearer";
}

const TOKEN_SHAPE = /^[a-z2-7]{32}$/;

/** One cookie's value from a Cookie header; a malformed one counts as absent. */
export function readCookie(header: string | undefined, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key !== name) continue;
    try {
      return decodeURIComponent(rest.join("="));
    } catch {
      return null;
    }
  }
  return null;
}

function cookie(name: string, value: string, options: { path: string; maxAgeSeconds: number; sameSite: "Lax" | "Strict"; secure: boolean }): string {
  const expires = options.maxAgeSeconds > 0 ? new Date(Date.now() + options.maxAgeSeconds * 1000) : new Date(0);
  return [
    `${name}=${value}`,
    `Path=${options.path}`,
    `Max-Age=${options.maxAgeSeconds}`,
    `Expires=${expires.toUTCString()}`,
    "HttpOnly",
    `SameSite=${options.sameSite}`,
    ...(options.secure ? ["Secure"] : []),
  ].join("; ");
}

export const OAUTH_STATE_COOKIE = "glow_oauth_state";
// Lax: the provider sends the browser back with a top-level cross-site GET, which Lax lets through.
const OAUTH_STATE_PATH = "/auth/oauth";

/** Ties an OAuth flow to the browser that started it: holds the hash of its state, for the callback only. */
export function oauthStateCookie(stateHash: string, maxAgeSeconds: number, secure: boolean): string {
  return cookie(OAUTH_STATE_COOKIE, stateHash, { path: OAUTH_STATE_PATH, maxAgeSeconds, sameSite: "Lax", secure });
}

export function clearedOAuthStateCookie(secure: boolean): string {
  return cookie(OAUTH_STATE_COOKIE, "", { path: OAUTH_STATE_PATH, maxAgeSeconds: 0, sameSite: "Lax", secure });
}

export const DEVICE_COOKIE = "glow_device";

/** The signed device cookie (see devices.ts): only sign-in reads it, so it goes to /trpc only, same-site only. */
export function deviceCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return cookie(DEVICE_COOKIE, value, { path: "/trpc", maxAgeSeconds, sameSite: "Strict", secure });
}

/** The presented token; a bearer header wins over a cookie. Malformed tokens count as none. */
export function readCredential(headers: Record<string, string | string[] | undefined>): Credential | null {
  const authorization = headers.authorization;
  if (typeof authorization === "string" && authorization.startsWith("Bearer ")) {
    const token = authorization.slice("Bearer ".length).trim();
    return { token, source: "bearer" };
  }
  const cookieHeader = typeof headers.cookie === "string" ? headers.cookie : undefined;
  const token = readCookie(cookieHeader, SESSION_COOKIE);
  return token && TOKEN_SHAPE.test(token) ? { token, source: "cookie" } : null;
}

/** `Set-Cookie` for the session: HttpOnly, SameSite=Lax, Secure over HTTPS. */
export function sessionCookie(token: string, expiresAt: Date, secure: boolean): string {
  const maxAge = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return [
    `${SESSION_COOKIE}=${token}`,
    "Path=/",
    `Max-Age=${maxAge}`,
    `Expires=${expiresAt.toUTCString()}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

export function clearedSessionCookie(secure: boolean): string {
  return [`${SESSION_COOKIE}=`, "Path=/", "Max-Age=0", "Expires=Thu, 01 Jan 1970 00:00:00 GMT", "HttpOnly", "SameSite=Lax", ...(secure ? ["Secure"] : [])].join("; ");
}
