// tRPC's HTTP link, pointed at the main process instead of the network: main checks the
// request, adds the session's bearer token (which this page never sees) and sends it on.
import type { ApiRequest, GlowBridge } from "../shared/bridge.ts";

/** The parts of RequestInit that tRPC's link passes. */
interface LinkRequestInit {
  method?: string;
  headers?: HeadersInit | [string, string][] | Record<string, string>;
  body?: unknown;
  signal?: AbortSignal | null;
}

const NULL_BODY_STATUSES = new Set([101, 103, 204, 205, 304]);

function whenAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

export function bridgeFetch(api: GlowBridge["api"]) {
  return async (input: RequestInfo | URL | string, init: LinkRequestInit = {}): Promise<Response> => {
    if (typeof input !== "string") throw new TypeError("bridgeFetch takes the request's path as a string");
    init.signal?.throwIfAborted();
    const method = (init.method ?? "GET").toUpperCase();
    if (method !== "GET" && method !== "POST") throw new TypeError(`bridgeFetch cannot send ${method}`);
    if (init.body !== undefined && init.body !== null && typeof init.body !== "string") throw new TypeError("bridgeFetch sends text bodies only");
    const request: ApiRequest = {
      path: input,
      method,
      headers: Object.fromEntries(new Headers(init.headers as HeadersInit | undefined)),
      body: typeof init.body === "string" ? init.body : null,
    };
    // Main cannot cancel its request, but the caller stops waiting for it.
    const pending = api.request(request);
    const answer = await (init.signal ? Promise.race([pending, whenAborted(init.signal)]) : pending);
    return new Response(NULL_BODY_STATUSES.has(answer.status) ? null : answer.body, { status: answer.status, headers: answer.headers });
  };
}
