// Cookies as services ask for them and as the transport sets them: a service answers the
// cookies that go with its result; the router (or the OAuth callback) puts them on the response.

export interface CookieToSet {
  name: string;
  value: string;
  path: string;
  maxAgeSeconds: number;
  expires: Date;
  sameSite: "Lax" | "Strict";
}

/** A service's answer with the cookies that go with it. */
export type WithCookies<T> = T & { cookies: CookieToSet[] };

/** The `Set-Cookie` value: always HttpOnly; `Secure` when the request came over HTTPS. */
export function setCookieHeader(cookie: CookieToSet, secure: boolean): string {
  return [
    `${cookie.name}=${cookie.value}`,
    `Path=${cookie.path}`,
    `Max-Age=${cookie.maxAgeSeconds}`,
    `Expires=${cookie.expires.toUTCString()}`,
    "HttpOnly",
    `SameSite=${cookie.sameSite}`,
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}

/** Puts the cookies a service asked for on the response. */
export function setCookies(
  response: { appendHeader(name: string, value: string): void },
  cookies: readonly CookieToSet[],
  secure: boolean,
): void {
  for (const cookie of cookies) response.appendHeader("Set-Cookie", setCookieHeader(cookie, secure));
}
