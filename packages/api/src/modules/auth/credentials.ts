// Where a caller's session token comes from: the web app's HttpOnly cookie, or an
// `Authorization: Bearer` header from the desktop app and the typed client.
import type { CookieToSet } from "../../core/cookies.ts";

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

function cookie(name: string, value: string, options: { path: string; maxAgeSeconds: number; sameSite: "Lax" | "Strict" }): CookieToSet {
  const expires = options.maxAgeSeconds > 0 ? new Date(Date.now() + options.maxAgeSeconds * 1000) : new Date(0);
  return { name, value, ...options, expires };
}

export const OAUTH_STATE_COOKIE = "glow_oauth_state";
// Lax: the provider sends the browser back with a top-level cross-site GET, which Lax lets through.
const OAUTH_STATE_PATH = "/auth/oauth";

/** Ties an OAuth flow to the browser that started it: holds the hash of its state, for the callback only. */
export function oauthStateCookie(stateHash: string, maxAgeSeconds: number): CookieToSet {
  return cookie(OAUTH_STATE_COOKIE, stateHash, { path: OAUTH_STATE_PATH, maxAgeSeconds, sameSite: "Lax" });
}

export function clearedOAuthStateCookie(): CookieToSet {
  return cookie(OAUTH_STATE_COOKIE, "", { path: OAUTH_STATE_PATH, maxAgeSeconds: 0, sameSite: "Lax" });
}

export const DEVICE_COOKIE = "glow_device";

/** The signed device cookie (see devices.ts): only sign-in reads it, so it goes to /trpc only, same-site only. */
export function deviceCookie(value: string, maxAgeSeconds: number): CookieToSet {
  return cookie(DEVICE_COOKIE, value, { path: "/trpc", maxAgeSeconds, sameSite: "Strict" });
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

/** The session's cookie, for the whole site, SameSite=Lax, until the session expires. */
export function sessionCookie(token: string, expiresAt: Date): CookieToSet {
  const maxAgeSeconds = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  return { name: SESSION_COOKIE, value: token, path: "/", maxAgeSeconds, expires: expiresAt, sameSite: "Lax" };
}

export function clearedSessionCookie(): CookieToSet {
  return cookie(SESSION_COOKIE, "", { path: "/", maxAgeSeconds: 0, sameSite: "Lax" });
}
