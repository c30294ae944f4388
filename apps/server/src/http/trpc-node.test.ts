// The direct GET-query path must answer exactly as tRPC's own resolveResponse does:
// every request here goes to two servers, one with the direct path and one without, and
// status, headers, body and the errors reported must match.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z, ZodError } from "zod";
import { createNodeTrpcHandler, directQueryPaths } from "./trpc-node.ts";

interface Ctx {
  user: string | null;
}

const t = initTRPC.context<Ctx>().create({
  transformer: superjson,
  isDev: false, // no stack traces: they would differ between the two paths
  errorFormatter: ({ shape, error }) => ({
    ...shape,
    data: { ...shape.data, fieldErrors: error.cause instanceof ZodError ? error.cause.flatten().fieldErrors : null },
  }),
});

const appRouter = t.router({
  when: t.procedure.query(() => ({ at: new Date(Date.UTC(2026, 10, 22)), big: 10n ** 20n, tags: new Set(["a"]) })),
  echo: t.procedure.input(z.object({ text: z.string().min(2), on: z.date().optional() })).query(({ input }) => input),
  optional: t.procedure.input(z.object({ n: z.number() }).optional()).query(({ input }) => input?.n ?? null),
  whoami: t.procedure.query(({ ctx }) => {
    if (!ctx.user) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in" });
    return ctx.user;
  }),
  fail: t.router({
    missing: t.procedure.query(() => {
      throw new TRPCError({ code: "NOT_FOUND", message: "No such thing" });
    }),
    crash: t.procedure.query(() => {
      throw new Error("boom");
    }),
    badOutput: t.procedure.output(z.object({ ok: z.boolean() })).query(() => ({ ok: "yes" }) as never),
  }),
  streamy: t.procedure.query(() => ({ later: Promise.resolve(1) })),
  change: t.procedure.input(z.object({ text: z.string() })).mutation(({ input }) => input.text),
});

interface Served {
  url: string;
  errors: string[];
  close(): Promise<void>;
}

async function serve(directQueries: boolean, createContext: (req: http.IncomingMessage) => Promise<Ctx>): Promise<Served> {
  const errors: string[] = [];
  const handle = createNodeTrpcHandler({
    router: appRouter,
    basePath: "/trpc/",
    maxBodySize: 100_000,
    createContext: (req) => createContext(req),
    onError: ({ error, path }) => errors.push(`${path}: ${error.code} ${error.message}`),
    directQueries,
  });
  const server = http.createServer((req, res) => void handle(req, res, new URL(req.url!, "http://glow.invalid")));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    errors,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const contextFromHeader = async (req: http.IncomingMessage): Promise<Ctx> => {
  if (req.headers["x-context"] === "broken") throw new Error("context failed");
  return { user: typeof req.headers["x-user"] === "string" ? req.headers["x-user"] : null };
};

let direct: Served;
let reference: Served;
beforeAll(async () => {
  [direct, reference] = await Promise.all([serve(true, contextFromHeader), serve(false, contextFromHeader)]);
});
afterAll(async () => {
  await Promise.all([direct.close(), reference.close()]);
});

const q = (value: unknown) => encodeURIComponent(JSON.stringify(value));
const input = (value: unknown) => q(superjson.serialize(value));

async function answer(base: Served, path: string, headers: Record<string, string>) {
  const before = base.errors.length;
  const response = await fetch(`${base.url}${path}`, { headers });
  return {
    status: response.status,
    contentType: response.headers.get("content-type"),
    vary: response.headers.get("vary"),
    body: await response.text(),
    errors: base.errors.slice(before),
  };
}

const cases: Array<[string, string, Record<string, string>?]> = [
  ["a query with no input, superjson types in the output", "/trpc/when"],
  ["valid input, a Date inside", `/trpc/echo?input=${input({ text: "hi", on: new Date(0) })}`],
  ["input failing validation", `/trpc/echo?input=${input({ text: "h" })}`],
  ["input that is not JSON", "/trpc/echo?input=%7Bnot-json"],
  ["no input where one is needed", "/trpc/echo"],
  ["an optional input left out", "/trpc/optional"],
  ["a procedure's own TRPCError", "/trpc/fail.missing"],
  ["an unexpected exception", "/trpc/fail.crash"],
  ["output failing its schema", "/trpc/fail.badOutput"],
  ["a stream-like value from a plain query", "/trpc/streamy"],
  ["anonymous where a user is needed", "/trpc/whoami"],
  ["the context's user", "/trpc/whoami", { "x-user": "ada" }],
  ["a context that fails", "/trpc/whoami", { "x-context": "broken" }],
  ["a batch", `/trpc/when,echo,optional?batch=1&input=${q({ 1: superjson.serialize({ text: "hey" }) })}`],
  ["a batch with one failure (207)", `/trpc/when,fail.missing?batch=1&input=${q({})}`],
  ["a batch all failing the same way", `/trpc/fail.missing,fail.missing?batch=1`],
  ["a batch whose input is not an object", `/trpc/echo,echo?batch=1&input=${q([1, 2])}`],
  ["a batch with a failing context", "/trpc/whoami,when?batch=1", { "x-context": "broken" }],
  ["a batch with a stream-like value", "/trpc/when,streamy?batch=1"],
  ["an encoded path", "/trpc/fail%2Emissing"],
];

describe("GET queries answered directly", () => {
  it.each(cases)("answer as resolveResponse does: %s", async (_name, path, headers = {}) => {
    const [mine, theirs] = await Promise.all([answer(direct, path, headers), answer(reference, path, headers)]);
    expect(mine).toEqual(theirs);
  });

  it("sends one body with a Content-Length, not chunks", async () => {
    const response = await fetch(`${direct.url}/trpc/when`);
    expect(response.headers.get("content-length")).toBe(String((await response.arrayBuffer()).byteLength));
    expect(response.headers.get("transfer-encoding")).toBeNull();
  });

  it("takes only the requests it answers like tRPC: single or batched GET queries", () => {
    const get = (headers: Record<string, string> = {}, method = "GET") => ({ method, headers }) as unknown as http.IncomingMessage;
    const url = (path: string) => new URL(path, "http://glow.invalid");
    expect(directQueryPaths(appRouter, get(), url("/trpc/when"), "when")).toEqual(["when"]);
    expect(directQueryPaths(appRouter, get(), url("/trpc/when,fail.crash?batch=1"), "when,fail.crash")).toEqual(["when", "fail.crash"]);
    expect(directQueryPaths(appRouter, get(), url("/trpc/fail%2Ecrash"), "fail%2Ecrash")).toEqual(["fail.crash"]);
    // Left to resolveResponse: mutations, unknown paths, HEAD, streaming, bad batch flags, connection params.
    expect(directQueryPaths(appRouter, get(), url("/trpc/change"), "change")).toBeNull();
    expect(directQueryPaths(appRouter, get(), url("/trpc/nope"), "nope")).toBeNull();
    expect(directQueryPaths(appRouter, get(), url("/trpc/when,nope?batch=1"), "when,nope")).toBeNull();
    expect(directQueryPaths(appRouter, get(), url("/trpc/fail"), "fail")).toBeNull();
    expect(directQueryPaths(appRouter, get({}, "HEAD"), url("/trpc/when"), "when")).toBeNull();
    expect(directQueryPaths(appRouter, get({ "trpc-accept": "application/jsonl" }), url("/trpc/when?batch=1"), "when")).toBeNull();
    expect(directQueryPaths(appRouter, get({ accept: "application/jsonl" }), url("/trpc/when?batch=1"), "when")).toBeNull();
    expect(directQueryPaths(appRouter, get(), url("/trpc/when?batch=true"), "when")).toBeNull();
    expect(directQueryPaths(appRouter, get(), url("/trpc/when?connectionParams=%7B%7D"), "when")).toBeNull();
    expect(directQueryPaths(appRouter, get(), url("/trpc/%E0%A4%A"), "%E0%A4%A")).toBeNull();
  });

  it("leaves the rest to resolveResponse, which still answers them", async () => {
    const unknown = await fetch(`${direct.url}/trpc/nope`);
    expect(unknown.status).toBe(404);
    const mutation = await fetch(`${direct.url}/trpc/change`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(superjson.serialize({ text: "x" })),
    });
    expect(mutation.status).toBe(200);
    expect(await mutation.json()).toEqual({ result: { data: { json: "x" } } });
    const wrongMethod = await fetch(`${direct.url}/trpc/change`);
    expect(wrongMethod.status).toBe(405);
  });
});
