// Idempotency keys (as Stripe's API has them): a POST carrying `Idempotency-Key` runs once.
// Its response is kept for a day (in Redis when configured, so every instance sees it);
// a repeat with the same key gets that response again without running the procedure,
// and a repeat while the first is still running gets 409. The desktop app's offline
// queue relies on this to replay writes without duplicates.
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Cache } from "@glow/api";

export const IDEMPOTENCY_HEADER = "idempotency-key";
const KEY_SHAPE = /^[A-Za-z0-9_.:-]{8,100}$/;
const KEEP_SECONDS = 24 * 60 * 60;
const PENDING_SECONDS = 60;

interface StoredResponse {
  state: "done";
  status: number;
  contentType: string;
  body: string;
}
type Entry = StoredResponse | { state: "pending" };

/** Whose key it is: the credential presented (hashed), or the IP for anonymous callers. */
function scopeOf(req: IncomingMessage, ip: string): string {
  const credential = req.headers.authorization ?? /glow_session=([^;]+)/.exec(req.headers.cookie ?? "")?.[1];
  return credential ? createHash("sha256").update(credential).digest("hex").slice(0, 32) : `ip:${ip}`;
}

/**
 * Runs `handle` for the request unless its idempotency key was seen. Returns false when the
 * request carries no key (the caller handles it normally).
 */
export async function withIdempotency(
  cache: Cache,
  req: IncomingMessage,
  res: ServerResponse,
  ip: string,
  handle: () => Promise<void>,
): Promise<boolean> {
  const key = req.headers[IDEMPOTENCY_HEADER];
  if (req.method !== "POST" || typeof key !== "string") return false;
  if (!KEY_SHAPE.test(key)) {
    res.writeHead(400, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: "Idempotency-Key must be 8–100 letters, digits or _.:-" }));
    return true;
  }
  const cacheKey = `idempotency:${scopeOf(req, ip)}:${req.url}:${key}`;

  if (!(await cache.setIfAbsent(cacheKey, { state: "pending" } satisfies Entry, PENDING_SECONDS))) {
    const entry = await cache.get<Entry>(cacheKey);
    if (entry?.state === "done") {
      res.writeHead(entry.status, { "content-type": entry.contentType, "idempotent-replayed": "true" });
      res.end(entry.body);
    } else {
      res.writeHead(409, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: "A request with this Idempotency-Key is still running" }));
    }
    return true;
  }

  // Keep a copy of what the handler writes, to replay it.
  const chunks: Buffer[] = [];
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  const keep = (chunk: unknown) => {
    if (chunk !== undefined && chunk !== null && typeof chunk !== "function") chunks.push(Buffer.from(chunk as string | Uint8Array));
  };
  res.write = ((chunk: unknown, ...rest: unknown[]) => (keep(chunk), write(chunk as never, ...(rest as []))) ) as typeof res.write;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => (keep(chunk), end(chunk as never, ...(rest as [])))) as typeof res.end;
  res.once("finish", () => {
    // A server error may be transient: forget the key so the client's retry runs again.
    const stored: Entry = { state: "done", status: res.statusCode, contentType: String(res.getHeader("content-type") ?? "application/json"), body: Buffer.concat(chunks).toString() };
    void (res.statusCode >= 500 ? cache.delete(cacheKey) : cache.set(cacheKey, stored, KEEP_SECONDS));
  });
  await handle();
  return true;
}
