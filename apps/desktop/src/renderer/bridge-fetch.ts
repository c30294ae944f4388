// tRPC's HTTP links, pointed at the main process instead of the network: main checks the
// request, adds the session's bearer token (which this page never sees) and sends it on.
import type { ApiRequest, ApiResponse, GlowBridge, QueuedWrite } from "../shared/bridge.ts";
import type { Connectivity } from "./connectivity.ts";

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

function toResponse(answer: ApiResponse): Response {
  return new Response(NULL_BODY_STATUSES.has(answer.status) ? null : answer.body, { status: answer.status, headers: answer.headers });
}

function checkedInit(input: RequestInfo | URL | string, init: LinkRequestInit): ApiRequest {
  if (typeof input !== "string") throw new TypeError("bridgeFetch takes the request's path as a string");
  init.signal?.throwIfAborted();
  const method = (init.method ?? "GET").toUpperCase();
  if (method !== "GET" && method !== "POST") throw new TypeError(`bridgeFetch cannot send ${method}`);
  if (init.body !== undefined && init.body !== null && typeof init.body !== "string")
    throw new TypeError("bridgeFetch sends text bodies only");
  return {
    path: input,
    method,
    headers: Object.fromEntries(new Headers(init.headers as HeadersInit | undefined)),
    body: typeof init.body === "string" ? init.body : null,
  };
}

/** Main refused the request itself (a bug in the page, not the network). */
function isRefusal(error: unknown): boolean {
  return error instanceof Error && /Refused/.test(error.message);
}

export function bridgeFetch(api: GlowBridge["api"], connectivity?: Connectivity) {
  return async (input: RequestInfo | URL | string, init: LinkRequestInit = {}): Promise<Response> => {
    const request = checkedInit(input, init);
    // Main cannot cancel its request, but the caller stops waiting for it.
    const pending = api.request(request).then(
      (answer) => {
        connectivity?.reached();
        return answer;
      },
      (error: unknown) => {
        if (!isRefusal(error)) connectivity?.unreachable();
        throw error;
      },
    );
    const answer = await (init.signal ? Promise.race([pending, whenAborted(init.signal)]) : pending);
    return toResponse(answer);
  };
}

/** A write main holds in its queue until the server can be reached; the mutation fails with this, and the UI says so. */
export class QueuedWriteError extends Error {
  readonly write: QueuedWrite;
  constructor(write: QueuedWrite) {
    super(`Queued until the server can be reached: ${write.label}`);
    this.name = "QueuedWriteError";
    this.write = write;
  }
}

/** A `fetch` for the writes that may wait (shared/writes.ts): main sends them in order, with an Idempotency-Key, or queues them. */
export function writeFetch(writes: GlowBridge["writes"], connectivity?: Connectivity) {
  return async (input: RequestInfo | URL | string, init: LinkRequestInit = {}): Promise<Response> => {
    const request = checkedInit(input, init);
    if (request.method !== "POST" || request.body === null) throw new TypeError("writeFetch sends POST requests with a body");
    // Not raced against the signal: once handed to main, the write goes through or waits in its queue.
    const outcome = await writes.send({ path: request.path, body: request.body });
    // Queued: behind other writes, or the server did not answer (the banner learns that from the queue's state).
    if (outcome.state === "queued") throw new QueuedWriteError(outcome.write);
    connectivity?.reached();
    return toResponse(outcome.response);
  };
}
