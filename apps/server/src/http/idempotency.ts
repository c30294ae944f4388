// Idempotency keys (as Stripe's API has them): a POST carrying `Idempotency-Key` runs once.
// Its response is kept for a day (in Redis when configured, so every instance sees it);
// a repeat with the same key gets that response again without running the procedure,
// a repeat while the first is still running gets 409, and the same key with another
// method, path or body gets 422. The desktop app's offline queue relies on this to replay
// writes without duplicates.
//
// Keys belong to a signed-in person, whose credential is checked afresh before every
// replay (a revoked session gets 401, never the stored answer). Anonymous callers have no
// credential to scope a key by, so they cannot use one; nor can auth.* procedures, which
// hand out or change credentials; and only whole JSON answers are kept, never streams or
// answers that set cookies.
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Cache } from "@glow/api";
import { readBody } from "./request-body.ts";

export const IDEMPOTENCY_HEADER = "idempotency-key";
const KEY_SHAPE = /^[A-Za-z0-9_.:-]{8,100}$/;
const KEEP_SECONDS = 24 * 60 * 60;
const PENDING_SECONDS = 60;
/** Answers that say "try again": kept, they would refuse every retry for a day. */
const RETRYABLE_STATUSES = new Set([401, 408, 409, 429]);

interface StoredResponse {
  state: "done";
  fingerprint: string;
  status: number;
  contentType: string;
  body: string;
}
type Entry = StoredResponse | { state: "pending"; fingerprint: string };

/** Who is calling, checked now: a signed-in person, a credential that no longer holds, or nobody. */
export type IdempotencyCaller = { kind: "signed-in"; userId: string } | { kind: "ended" } | { kind: "anonymous" };

export interface IdempotentRequest {
  cache: Cache;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  /** The prefix before procedure paths ("/trpc/"). */
  basePath: string;
  bodyLimitBytes: number;
  requestId: string;
  caller(): Promise<IdempotencyCaller>;
  /** Runs the request with its body, read here once (null when over the limit). */
  handle(body: Buffer | null): Promise<void>;
}

function refuse(res: ServerResponse, status: number, error: string, requestId: string): true {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify({ error, requestId }));
  return true;
}

/** The procedures a request names, or null when its path cannot be read (the handler answers that). */
function proceduresOf(url: URL, basePath: string): string[] | null {
  try {
    const path = decodeURIComponent(url.pathname.slice(basePath.length));
    return url.searchParams.get("batch") === "1" ? path.split(",") : [path];
  } catch {
    return null;
  }
}

const asksForStream = (req: IncomingMessage) =>
  req.headers["trpc-accept"] !== undefined || /application\/jsonl|text\/event-stream/.test(req.headers.accept ?? "");

/**
 * Handles the request under its idempotency key. Returns false when it carries none (or is
 * no POST): the caller handles it normally.
 */
export async function withIdempotency(request: IdempotentRequest): Promise<boolean> {
  const { cache, req, res, url, requestId } = request;
  const key = req.headers[IDEMPOTENCY_HEADER];
  if (req.method !== "POST" || key === undefined) return false;
  if (typeof key !== "string" || !KEY_SHAPE.test(key))
    return refuse(res, 400, "Idempotency-Key must be 8–100 letters, digits or _.:-", requestId);
  const procedures = proceduresOf(url, request.basePath);
  if (!procedures) return false;
  if (procedures.some((path) => path.startsWith("auth."))) {
    return refuse(
      res,
      400,
      "Idempotency-Key is not accepted by auth.* procedures: their answers hand out or change credentials",
      requestId,
    );
  }
  if (asksForStream(req)) return refuse(res, 400, "Idempotency-Key is not accepted for streamed answers", requestId);

  const caller = await request.caller();
  if (caller.kind === "anonymous")
    return refuse(res, 400, "Idempotency-Key needs a signed-in caller (a session or an API token)", requestId);
  if (caller.kind === "ended") return refuse(res, 401, "Your session has ended. Sign in again.", requestId);

  const body = await readBody(req, request.bodyLimitBytes);
  if (body === null) {
    await request.handle(null); // the handler answers 413
    return true;
  }
  const fingerprint = createHash("sha256").update(`${req.method}\n${url.pathname}${url.search}\n`).update(body).digest("hex");
  const cacheKey = `idempotency:${caller.userId}:${key}`;

  if (!(await cache.setIfAbsent(cacheKey, { state: "pending", fingerprint } satisfies Entry, PENDING_SECONDS))) {
    const entry = await cache.get<Entry>(cacheKey);
    if (entry && entry.fingerprint !== fingerprint) {
      return refuse(
        res,
        422,
        "This Idempotency-Key was already used for another request (a different method, path or body). Use a new key for a new request.",
        requestId,
      );
    }
    if (entry?.state === "done") {
      res.writeHead(entry.status, { "content-type": entry.contentType, "idempotent-replayed": "true" });
      res.end(entry.body);
      return true;
    }
    return refuse(res, 409, "A request with this Idempotency-Key is still running", requestId);
  }

  keepAnswer(res, async (answer) => {
    if (answer) await cache.set(cacheKey, { state: "done", fingerprint, ...answer } satisfies Entry, KEEP_SECONDS);
    else await cache.delete(cacheKey);
  });
  await request.handle(body);
  return true;
}

/**
 * Holds the response's end until `settle` has stored what it says (so a retry right after
 * it finds it), or learnt that it must not be kept (`null`): a streamed answer (written in
 * pieces), one that sets a cookie, one that is not JSON, or one that says "try again".
 */
function keepAnswer(res: ServerResponse, settle: (answer: Omit<StoredResponse, "state" | "fingerprint"> | null) => Promise<void>): void {
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  let streamed = false;
  res.write = ((...args: Parameters<typeof res.write>) => {
    streamed = true;
    return write(...args);
  }) as typeof res.write;
  res.end = ((...args: unknown[]) => {
    const chunk = typeof args[0] === "function" ? undefined : args[0];
    const contentType = String(res.getHeader("content-type") ?? "");
    const keepable =
      !streamed &&
      res.statusCode < 500 &&
      !RETRYABLE_STATUSES.has(res.statusCode) &&
      res.getHeader("set-cookie") === undefined &&
      contentType.startsWith("application/json") &&
      (chunk === undefined || typeof chunk === "string" || chunk instanceof Uint8Array);
    const answer = keepable
      ? { status: res.statusCode, contentType, body: chunk === undefined ? "" : Buffer.from(chunk as string | Uint8Array).toString() }
      : null;
    settle(answer)
      .catch(() => {}) // the answer still goes out; a retry then runs again or gets 409 until the pending mark expires
      .finally(() => end(...(args as Parameters<typeof res.end>)));
    return res;
  }) as typeof res.end;
}
