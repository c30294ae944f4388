// Where a caller's session token comes from: the web app's HttpOnly cookie, or an
// `Authorization: Bearer` header from the desktop app and the typed client.

export const SESSION_COOKIE = "glow_session";

export interface Credential {
  token: string;
  source: "cookie" | "bearer";
}

const TOKEN_SHAPE = /^[a-z2-7]{32}$/;

function cookieValue(header: string | undefined, name: string): string | null {
  for (const part of (header ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return null;
}

/** The presented token; a bearer header wins over a cookie. Malformed tokens count as none. */
export function readCredential(headers: Record<string, string | string[] | undefined>): Credential | null {
  const authorization = headers.authorization;
  if (typeof authorization === "string" && authorization.startsWith("Bearer ")) {
    const token = authorization.slice("Bearer ".length).trim();
    return { token, source: "bearer" };
  }
  const cookieHeader = typeof headers.cookie === "string" ? headers.cookie : undefined;
  const token = cookieValue(cookieHeader, SESSION_COOKIE);
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
