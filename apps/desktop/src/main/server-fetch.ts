// How main talks to the Glow server over HTTP: Node's fetch with a time limit, the app's
// user agent, and no redirects (a redirect could carry the bearer token to another host).

export type Fetch = typeof globalThis.fetch;

export interface ServerFetchOptions {
  userAgent: string;
  timeoutMs?: number;
  /** Replaced in tests. */
  fetch?: Fetch;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

export function serverFetch({ userAgent, timeoutMs = DEFAULT_TIMEOUT_MS, fetch = globalThis.fetch }: ServerFetchOptions): Fetch {
  return (input, init = {}) => {
    const headers = new Headers(init.headers);
    // Shown to the user and admins in their session lists.
    headers.set("user-agent", userAgent);
    const timeout = AbortSignal.timeout(timeoutMs);
    return fetch(input, {
      ...init,
      headers,
      redirect: "error",
      signal: init.signal ? AbortSignal.any([init.signal, timeout]) : timeout,
    });
  };
}
