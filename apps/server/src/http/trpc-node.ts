// tRPC over node:http without the Fetch round trip (decision 012).
//
// tRPC's own node adapter turns every IncomingMessage into a Fetch Request (Headers, an
// AbortController aborted — with a DOMException — when each response closes, a body stream)
// and copies the Fetch Response back through a WritableStream in chunked encoding: two
// writes per response. On the hot read path that conversion cost more than Glow's own work.
//
// - GET queries (single or batched), what pages and clients read with, are answered here:
//   tRPC's procedures, error shapes, status codes and transformer do the work; this file
//   only parses the query string and writes one JSON body. trpc-node.test.ts holds these
//   answers byte for byte against tRPC's own `resolveResponse`.
// - Everything else (mutations, subscriptions, JSONL streaming, unknown paths, HEAD) goes
//   through `resolveResponse`, with a plain Request in and one `end()` out, streaming only
//   the responses that are streams.
import { once } from "node:events";
import type { IncomingMessage, ServerResponse } from "node:http";
import { MAX_CALLS_PER_BATCH } from "@glow/api/client";
import {
  getTRPCErrorShape,
  getTRPCErrorFromUnknown,
  transformTRPCResponse,
  TRPCError,
  type AnyTRPCRouter,
  type inferRouterContext,
} from "@trpc/server";
import { getHTTPStatusCode, getHTTPStatusCodeFromError, resolveResponse } from "@trpc/server/http";
import { nestedTooDeep, readBody, TOO_DEEP_MESSAGE } from "./request-body.ts";

export interface NodeTrpcHandlerOptions<TRouter extends AnyTRPCRouter> {
  router: TRouter;
  /** The prefix before procedure paths, with its trailing slash ("/trpc/"). */
  basePath: string;
  /** Bodies over this many bytes are refused with 413 before any procedure runs. */
  maxBodySize: number;
  createContext(req: IncomingMessage, res: ServerResponse): Promise<inferRouterContext<TRouter>>;
  onError(opts: { error: TRPCError; path: string | undefined; ctx: inferRouterContext<TRouter> | undefined }): void;
  /** Answer GET queries without `resolveResponse` (default true; tests switch it off to compare). */
  directQueries?: boolean;
  /** Batches of more calls are refused with 400 before any runs (default MAX_CALLS_PER_BATCH: one GET once carried 1,000). */
  maxCallsPerBatch?: number;
}

/** The request's headers as Fetch header pairs (HTTP/2 pseudo-headers left out). */
function headerPairs(req: IncomingMessage): [string, string][] {
  const raw = req.rawHeaders;
  const pairs: [string, string][] = [];
  for (let i = 0; i < raw.length; i += 2) {
    if (!raw[i]!.startsWith(":")) pairs.push([raw[i]!, raw[i + 1]!]);
  }
  return pairs;
}

/** A response whose body is produced over time: an SSE subscription or a JSONL batch. */
function isStreamed(response: Response): boolean {
  return response.headers.has("transfer-encoding") || (response.headers.get("content-type") ?? "").startsWith("text/event-stream");
}

async function pipeStream(body: ReadableStream<Uint8Array>, res: ServerResponse, signal: AbortSignal): Promise<void> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (!res.write(value)) await once(res, "drain", { signal });
    }
  } catch (error) {
    if (!signal.aborted) throw error;
  } finally {
    reader.releaseLock();
  }
}

type QueryResult = { result: { data: unknown } } | { error: unknown };

const isObject = (value: unknown): value is Record<string, unknown> => !!value && !Array.isArray(value) && typeof value === "object";
const isPromiseLike = (value: unknown) => isObject(value) && typeof value.then === "function";
/** As tRPC refuses in a non-streaming response: async iterables, or objects holding promises or iterables. */
const isDataStream = (value: unknown) =>
  isObject(value) &&
  (Symbol.asyncIterator in value || Object.values(value).some((v) => isPromiseLike(v) || (isObject(v) && Symbol.asyncIterator in v)));

/** The procedures a GET names, when it is one this file answers: queries only, no streaming, no connection params. */
export function directQueryPaths(router: AnyTRPCRouter, req: IncomingMessage, url: URL, path: string): string[] | null {
  if (req.method !== "GET" || req.headers["trpc-accept"] !== undefined || req.headers.accept?.includes("application/jsonl")) return null;
  const batch = url.searchParams.get("batch");
  if ((batch !== null && batch !== "1") || url.searchParams.has("connectionParams")) return null;
  let paths: string[];
  try {
    paths = batch === "1" ? decodeURIComponent(path).split(",") : [decodeURIComponent(path)];
  } catch {
    return null; // malformed escapes: tRPC answers those
  }
  const procedures = router._def.procedures as Record<string, { _def: { type: string } } | undefined>;
  return paths.every((p) => Object.hasOwn(procedures, p) && procedures[p]!._def.type === "query") ? paths : null;
}

/** The query string's inputs, parsed once on first read, as tRPC's JSON content handler does. */
function queryInputs(router: AnyTRPCRouter, url: URL, batch: boolean, count: number) {
  const { transformer } = router._def._config;
  let parsed: Promise<Record<number, unknown>> | null = null;
  let value: Record<number, unknown> | undefined;
  const parse = async (): Promise<Record<number, unknown>> => {
    const param = url.searchParams.get("input");
    const inputs: unknown = param ? JSON.parse(param) : undefined;
    if (inputs === undefined) return {};
    if (!batch) return { 0: transformer.input.deserialize(inputs) };
    if (!isObject(inputs)) throw new TRPCError({ code: "BAD_REQUEST", message: '"input" needs to be an object when doing a batch call' });
    const byIndex: Record<number, unknown> = {};
    for (let index = 0; index < count; index++) {
      if (inputs[index] !== undefined) byIndex[index] = transformer.input.deserialize(inputs[index]);
    }
    return byIndex;
  };
  return {
    async read(index: number): Promise<unknown> {
      parsed ??= parse().catch((cause: unknown) => {
        if (cause instanceof TRPCError) throw cause;
        throw new TRPCError({ code: "BAD_REQUEST", message: cause instanceof Error ? cause.message : "Invalid input", cause });
      });
      value = await parsed;
      return value[index];
    },
    /** The input as read so far (for error reports), like tRPC's `call.result()`. */
    result: (index: number): unknown => value?.[index],
  };
}

/** Handles a request under `basePath`; `url` is the request's URL, already parsed by the caller. */
export function createNodeTrpcHandler<TRouter extends AnyTRPCRouter>(options: NodeTrpcHandlerOptions<TRouter>) {
  const { router, basePath, maxBodySize } = options;
  const maxCallsPerBatch = options.maxCallsPerBatch ?? MAX_CALLS_PER_BATCH;
  const config = router._def._config;

  /** Refuses the whole request with one error, as tRPC answers a request it cannot read. */
  function refuse(res: ServerResponse, error: TRPCError): void {
    options.onError({ error, path: undefined, ctx: undefined });
    const shape = getTRPCErrorShape({ config, ctx: undefined, error, input: undefined, path: undefined, type: "unknown" });
    res.statusCode = getHTTPStatusCodeFromError(error);
    res.setHeader("vary", "trpc-accept, accept");
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(transformTRPCResponse(config, { error: shape })));
  }

  /** What refuses a request before any call runs: a path that is no percent-encoding, too many calls, JSON too deep. */
  function unreadable(url: URL, path: string): TRPCError | null {
    let procedures: string;
    try {
      procedures = decodeURIComponent(path);
    } catch {
      return new TRPCError({ code: "BAD_REQUEST", message: "Malformed request: the procedure path is not valid percent-encoding" });
    }
    const calls = url.searchParams.get("batch") === "1" ? procedures.split(",").length : 1;
    if (calls > maxCallsPerBatch)
      return new TRPCError({ code: "BAD_REQUEST", message: `A batch may hold at most ${maxCallsPerBatch} calls; this one has ${calls}` });
    const input = url.searchParams.get("input");
    if (input !== null && nestedTooDeep(input)) return new TRPCError({ code: "BAD_REQUEST", message: TOO_DEEP_MESSAGE });
    return null;
  }

  async function answerQueries(req: IncomingMessage, res: ServerResponse, url: URL, paths: string[], signal: AbortSignal): Promise<void> {
    const batch = url.searchParams.get("batch") === "1";
    const inputs = queryInputs(router, url, batch, paths.length);
    let ctx: inferRouterContext<TRouter> | undefined;
    let contextError: TRPCError | null = null;
    try {
      ctx = await options.createContext(req, res);
    } catch (cause) {
      contextError = getTRPCErrorFromUnknown(cause);
    }
    const procedures = router._def.procedures as Record<string, (opts: object) => Promise<unknown>>;
    const results = await Promise.all(
      paths.map(async (path, index): Promise<QueryResult> => {
        const shape = (error: TRPCError, ofCall = true) => ({
          error: getTRPCErrorShape({
            config,
            ctx,
            error,
            input: ofCall ? inputs.result(index) : undefined,
            path: ofCall ? path : undefined,
            type: "query",
          }),
        });
        let data: unknown;
        try {
          if (contextError) throw contextError;
          data = await procedures[path]!({ path, getRawInput: () => inputs.read(index), ctx, type: "query", signal, batchIndex: index });
        } catch (cause) {
          const error = getTRPCErrorFromUnknown(cause);
          options.onError({ error, path, ctx });
          return shape(error);
        }
        if (isDataStream(data)) {
          const error = new TRPCError({
            code: "UNSUPPORTED_MEDIA_TYPE",
            message: "Cannot use stream-like response in non-streaming request - use httpBatchStreamLink",
          });
          if (batch) return shape(error); // as tRPC: in a batch, that call's error, unreported
          options.onError({ error, path: undefined, ctx }); // alone, the whole request's error
          return shape(error, false);
        }
        return { result: { data } };
      }),
    );
    res.statusCode = getHTTPStatusCode(results as Parameters<typeof getHTTPStatusCode>[0]);
    res.setHeader("vary", "trpc-accept, accept");
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(transformTRPCResponse(config, (batch ? results : results[0]) as Parameters<typeof transformTRPCResponse>[1])));
  }

  /**
   * Handles a request under `basePath`. A caller that has read the body already (to
   * fingerprint it) hands it on: a Buffer, or null when it was over the limit.
   */
  return async function handleTrpc(req: IncomingMessage, res: ServerResponse, url: URL, readAlready?: Buffer | null): Promise<void> {
    // Aborts procedures and streams when the client goes away before the response is done.
    const abort = new AbortController();
    const onClose = () => {
      if (!res.writableFinished) abort.abort();
    };
    res.once("close", onClose);

    const path = url.pathname.slice(basePath.length);
    const problem = unreadable(url, path);
    if (problem) return refuse(res, problem);
    const queries = options.directQueries === false ? null : directQueryPaths(router, req, url, path);
    if (queries) return answerQueries(req, res, url, queries, abort.signal);

    let error: TRPCError | null = null;
    let body: Uint8Array<ArrayBuffer> | undefined;
    if (req.method !== "GET" && req.method !== "HEAD") {
      const read = readAlready === undefined ? await readBody(req, maxBodySize) : readAlready;
      if (read === null) {
        error = new TRPCError({ code: "PAYLOAD_TOO_LARGE", message: `Request body larger than ${maxBodySize} bytes` });
        res.setHeader("connection", "close");
      } else if (nestedTooDeep(read)) {
        return refuse(res, new TRPCError({ code: "BAD_REQUEST", message: TOO_DEEP_MESSAGE }));
      } else body = new Uint8Array(read); // a copy the Fetch types accept, whatever pool the Buffer came from
    }

    const request = new Request(url, { method: req.method, headers: headerPairs(req), body, signal: abort.signal });
    const response = await resolveResponse({
      router,
      req: request,
      path,
      error,
      createContext: () => options.createContext(req, res),
      onError: options.onError,
    });

    if (res.statusCode === 200) res.statusCode = response.status;
    for (const [name, value] of response.headers) {
      if (name !== "set-cookie") res.setHeader(name, value);
    }
    const cookies = response.headers.getSetCookie();
    if (cookies.length > 0) res.setHeader("set-cookie", cookies);

    if (!response.body) res.end();
    else if (isStreamed(response)) {
      await pipeStream(response.body, res, abort.signal);
      res.end();
      // A stream that ended on the server's side (say, its credential was revoked) lets go of
      // whatever its procedure still holds: event subscriptions end with the request's signal.
      abort.abort();
    } else res.end(Buffer.from(await response.arrayBuffer()));
  };
}
