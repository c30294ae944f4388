// Request bodies as they arrive on the wire: read once within the size limit, and JSON
// checked before anything parses or walks it.
import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * The whole body, or null when it is larger than `limit`. The rest is left unread, not
 * destroyed: the 413 still has to reach the client (Node discards the remainder after it).
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return null;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Far deeper than any input of Glow's; JSON.stringify and superjson recurse, and a few thousand levels overflow the stack. */
export const MAX_JSON_DEPTH = 100;

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Whether JSON text nests objects and arrays deeper than `max` (brackets inside strings do not count). */
export function nestedTooDeep(json: string | Uint8Array, max = MAX_JSON_DEPTH): boolean {
  const text = typeof json === "string" ? json : Buffer.from(json.buffer, json.byteOffset, json.byteLength).toString("latin1");
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (++depth > max) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return false;
}

export const TOO_DEEP_MESSAGE = `Malformed request: JSON nested more than ${MAX_JSON_DEPTH} levels deep`;

function refuse(res: ServerResponse, status: number, code: string, message: string, requestId: string): void {
  res.writeHead(status, { "content-type": "application/json", "cache-control": "no-store" });
  res.end(JSON.stringify({ message, code, requestId }));
}

/**
 * Reads a REST call's JSON body for trpc-to-openapi, which takes a parsed `req.body` as given
 * (as behind a body parser): a body it cannot parse or nests too deep is refused here, in the
 * REST error shape, before its own parser and JSON.stringify see it. Resolves false when it answered.
 */
export async function readRestJsonBody(req: IncomingMessage, res: ServerResponse, limit: number, requestId: string): Promise<boolean> {
  const contentType = req.headers["content-type"] ?? "";
  if (req.method === "GET" || req.method === "HEAD" || !/^application\/json\b/.test(contentType)) return true;
  const body = await readBody(req, limit);
  if (body === null) {
    res.setHeader("connection", "close");
    refuse(res, 413, "PAYLOAD_TOO_LARGE", `Request body larger than ${limit} bytes`, requestId);
    return false;
  }
  const text = body.toString("utf8");
  if (nestedTooDeep(text)) {
    refuse(res, 400, "BAD_REQUEST", TOO_DEEP_MESSAGE, requestId);
    return false;
  }
  try {
    (req as IncomingMessage & { body?: unknown }).body = text.trim() === "" ? undefined : (JSON.parse(text) as unknown);
  } catch {
    refuse(res, 400, "PARSE_ERROR", "Malformed request", requestId);
    return false;
  }
  return true;
}
