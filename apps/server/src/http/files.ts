// /files/<key>: the local storage's signed URLs (decision 021). GET and HEAD stream a file with
// HTTP Range support so a <video> can seek; PUT is the upload target, checked as it streams.
// Only LocalDiskStorage is served here: S3's presigned URLs point at the bucket itself.
import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  contentRefusal,
  isValidKey,
  LocalDiskStorage,
  SNIFF_BYTES,
  sniffContentType,
  tooLargeMessage,
  type ByteRange,
  type Storage,
} from "@glow/api";

export const FILES_PREFIX = "/files/";

type Reply = (status: number, message: string, headers?: Record<string, string>) => void;

/** Text for reads (a browser may show it), JSON for uploads (the web app's uploader reads `error`). */
function replies(res: ServerResponse, requestId: string): { text: Reply; json: Reply } {
  const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) => {
    if (res.headersSent) return void res.destroy();
    res.writeHead(status, { "content-type": type, "cache-control": "no-store", ...headers });
    res.end(body);
  };
  return {
    text: (status, message, headers) => send(status, "text/plain; charset=utf-8", `${message}\n`, headers),
    json: (status, message, headers) =>
      send(status, "application/json; charset=utf-8", JSON.stringify({ error: message, requestId }), headers),
  };
}

/**
 * The one range of a `Range: bytes=…` header (`a-b`, `a-`, `-n`) within an object of `size`
 * bytes; "unsatisfiable" for a range past the end; null to serve the whole file (no header,
 * another unit, several ranges or a malformed one, all of which RFC 9110 lets a server ignore).
 */
export function parseRange(header: string | undefined, size: number): ByteRange | "unsatisfiable" | null {
  const match = header === undefined ? null : /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header.trim());
  if (!match) return null;
  const [, first = "", last = ""] = match;
  if (first === "" && last === "") return null;
  if (first === "") {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  if (last !== "" && Number(last) < start) return null;
  if (start >= size) return "unsatisfiable";
  return { start, end: last === "" ? size - 1 : Math.min(Number(last), size - 1) };
}

class UploadTooLarge extends Error {}

const closedEarly = (error: unknown) =>
  ["ERR_STREAM_PREMATURE_CLOSE", "ECONNRESET", "EPIPE", "ERR_STREAM_DESTROYED"].includes((error as NodeJS.ErrnoException).code ?? "");

/** The handler for every request under /files/; resolves when the response is done. */
export function createFilesHandler(storage: Storage) {
  return async function serveFiles(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string): Promise<void> {
    const reply = replies(res, requestId);
    const method = req.method ?? "GET";
    if (!(storage instanceof LocalDiskStorage)) return reply.text(404, "Not found");
    if (method !== "GET" && method !== "HEAD" && method !== "PUT")
      return reply.text(405, "Method not allowed", { allow: "GET, HEAD, PUT" });

    let key: string;
    try {
      key = decodeURIComponent(url.pathname.slice(FILES_PREFIX.length));
    } catch {
      key = "";
    }
    const refuse = method === "PUT" ? reply.json : reply.text;
    if (!isValidKey(key)) return refuse(400, "Not a valid file key");

    const verdict = await storage.verify(method === "PUT" ? "PUT" : "GET", key, url.searchParams);
    if (!verdict.ok) return refuse(403, verdict.reason === "expired" ? "This link has expired" : "This link is not valid");

    if (verdict.upload) return receiveUpload(storage, key, verdict.upload, req, res, reply.json);
    return sendFile(storage, key, verdict.expiresAt, req, res, reply.text);
  };
}

async function sendFile(storage: Storage, key: string, expiresAt: Date, req: IncomingMessage, res: ServerResponse, reply: Reply) {
  const object = await storage.head(key);
  if (!object) return reply(404, "No such file");
  // If-Range names a validator we never hand out, so it cannot match: the whole file, as RFC 9110 says.
  const range = req.headers["if-range"] === undefined ? parseRange(req.headers.range, object.size) : null;
  const common = {
    "accept-ranges": "bytes",
    // A signed URL is a bearer credential for one key: any page that holds it may embed it.
    "cross-origin-resource-policy": "cross-origin",
    "x-content-type-options": "nosniff",
  };
  if (range === "unsatisfiable") return reply(416, "Range not satisfiable", { ...common, "content-range": `bytes */${object.size}` });

  const secondsLeft = Math.max(0, Math.floor((expiresAt.getTime() - Date.now()) / 1000));
  const length = range ? range.end - range.start + 1 : object.size;
  res.writeHead(range ? 206 : 200, {
    ...common,
    "content-type": object.contentType,
    "content-length": String(length),
    "cache-control": `private, max-age=${secondsLeft}`,
    ...(range ? { "content-range": `bytes ${range.start}-${range.end}/${object.size}` } : {}),
  });
  if (req.method === "HEAD" || length === 0) return void res.end();
  try {
    await pipeline(await storage.read(key, range ?? undefined), res);
  } catch (error) {
    // A <video> drops a request as soon as it has what it needs, or seeks elsewhere.
    if (!closedEarly(error)) throw error;
  }
}

async function receiveUpload(
  storage: Storage,
  key: string,
  upload: { contentType: string; maxBytes: number },
  req: IncomingMessage,
  res: ServerResponse,
  reply: Reply,
) {
  const { contentType, maxBytes } = upload;
  const sentType = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (sentType !== contentType) return reply(403, `This link takes uploads of ${contentType} only`);
  const declared = Number(req.headers["content-length"] ?? Number.NaN);
  // The rest of the body is left unread: Node discards it after the answer (nothing is buffered).
  if (declared > maxBytes) return reply(413, tooLargeMessage(declared, maxBytes), { connection: "close" });

  const chunks = req.iterator({ destroyOnReturn: false }) as AsyncIterator<Buffer>;
  let received = 0;
  let ended = false;
  const head: Buffer[] = [];
  while (received < SNIFF_BYTES) {
    const next = await chunks.next();
    if (next.done) {
      ended = true;
      break;
    }
    head.push(next.value);
    received += next.value.length;
    if (received > maxBytes)
      return reply(413, tooLargeMessage(Number.isNaN(declared) ? null : declared, maxBytes), { connection: "close" });
  }
  const first = Buffer.concat(head);
  if (first.length === 0) return reply(400, "The upload is empty");
  const sniffed = await sniffContentType(first);
  // The kind (a video for a video link) is checked here, before anything is stored; the exact
  // list of formats a feature accepts is checked by its inspectUpload afterwards.
  const refusal = contentRefusal([contentType], sniffed, "family");
  if (refusal) return reply(415, refusal, { connection: "close" });

  const body = Readable.from(
    (async function* () {
      yield first;
      if (ended) return;
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) {
        received += next.value.length;
        if (received > maxBytes) throw new UploadTooLarge();
        yield next.value;
      }
    })(),
  );
  try {
    const stored = await storage.put(key, body, { contentType: sniffed!.mime });
    res.writeHead(200, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
    res.end(JSON.stringify({ key: stored.key, size: stored.size, contentType: stored.contentType }));
  } catch (error) {
    if (error instanceof UploadTooLarge)
      return reply(413, tooLargeMessage(Number.isNaN(declared) ? null : declared, maxBytes), { connection: "close" });
    if (req.destroyed || closedEarly(error)) return void res.destroy(); // the uploader went away; put() left nothing behind
    throw error;
  }
}
