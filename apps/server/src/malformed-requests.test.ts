// Requests the wire format cannot read answer a plain 400 "Malformed request" with the request
// id, never the parser's own exception; batches are capped before any call runs.
import { DEFAULT_RATE_LIMITS } from "@glow/api";
import { MAX_CALLS_PER_BATCH } from "@glow/api/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_JSON_DEPTH, TOO_DEEP_MESSAGE } from "./http/request-body.ts";
import { startTestServer, type TestServer } from "./testing.ts";

let server: TestServer;
beforeAll(async () => {
  const plenty = { points: 10_000, durationSeconds: 60 };
  server = await startTestServer({ rateLimits: { ...DEFAULT_RATE_LIMITS, read: plenty, write: plenty } });
});
afterAll(() => server.close());

interface TrpcError {
  message: string;
  data: { code: string; httpStatus: number };
}

async function send(path: string, init: RequestInit = {}) {
  const response = await fetch(`${server.url}${path}`, init);
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    requestId: response.headers.get("x-request-id"),
    text,
    body: JSON.parse(text) as unknown,
  };
}
const post = (path: string, body: string) => send(path, { method: "POST", headers: { "content-type": "application/json" }, body });
const query = (value: unknown) => encodeURIComponent(typeof value === "string" ? value : JSON.stringify(value));
const errorOf = (body: unknown) => (body as { error: { json: TrpcError } }).error.json;

// Written out as text: JSON.stringify itself runs out of stack on values this deep.
const deepArray = (depth: number) => "[".repeat(depth) + "]".repeat(depth);
// superjson inputs whose decoding throws: endless recursion, a Set made of a number.
const undecodable: Array<[string, string]> = [
  ["a superjson type that recurses forever", JSON.stringify({ json: { message: "hi" }, meta: { values: "Date" } })],
  ["a superjson Set that is a number", JSON.stringify({ json: { message: 5 }, meta: { values: { message: ["set"] } } })],
];
const RAW_MESSAGES = /Maximum call stack|is not iterable|is not a function|Unknown transformation|in JSON at position|Unexpected token/;

describe("malformed tRPC requests", () => {
  it.each(undecodable)("answers %s sent by POST with 400 Malformed request and the request id", async (_name, input) => {
    const answer = await post("/trpc/auth.login", input);
    expect(answer.status).toBe(400);
    const error = errorOf(answer.body);
    expect(error.message).toBe(`Malformed request (request id ${answer.requestId})`);
    expect(error.data.code).toBe("BAD_REQUEST");
    expect(answer.text).not.toMatch(RAW_MESSAGES);
  });

  it.each(undecodable)("answers %s sent by GET with 400 Malformed request", async (_name, input) => {
    const answer = await send(`/trpc/system.ping?input=${query(input)}`);
    expect(answer.status).toBe(400);
    expect(errorOf(answer.body).message).toBe(`Malformed request (request id ${answer.requestId})`);
    expect(answer.text).not.toMatch(RAW_MESSAGES);
  });

  it("refuses JSON nested too deep to walk, by GET and by POST, before anything parses it", async () => {
    const deepSuperjson = `{"json":${deepArray(6_000)},"meta":{"values":{"0":["Date"]}}}`;
    const answers = [
      await post("/trpc/auth.login", deepSuperjson),
      await post("/trpc/auth.login", `{"json":${deepArray(MAX_JSON_DEPTH)}}`),
      await send(`/trpc/system.ping?input=${query(`{"json":{"message":${deepArray(200)}}}`)}`),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(errorOf(answer.body).message).toBe(TOO_DEEP_MESSAGE);
      expect(answer.requestId).toBeTruthy();
    }
    // Brackets inside strings are text, and a hundred levels are allowed.
    expect((await send(`/trpc/system.ping?input=${query({ json: { message: "[".repeat(150) } })}`)).status).toBe(200);
    const shallowEnough = await post("/trpc/auth.login", `{"json":${deepArray(MAX_JSON_DEPTH - 1)}}`);
    expect(errorOf(shallowEnough.body).message).toMatch(/^Invalid input/);
  });

  it("answers invalid JSON, by GET and by POST, the same way", async () => {
    for (const answer of [await send("/trpc/system.ping?input=%7Bnot-json"), await post("/trpc/auth.login", "{not-json")]) {
      expect(answer.status).toBe(400);
      expect(errorOf(answer.body).message).toBe(`Malformed request (request id ${answer.requestId})`);
    }
  });

  it("answers a batch whose input is not an object with tRPC's own plain message, by GET and by POST", async () => {
    const answers = [
      await send(`/trpc/system.ping,system.ping?batch=1&input=${query([1, 2])}`),
      await post("/trpc/auth.logout,auth.logout?batch=1", "[1,2]"),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      for (const call of answer.body as Array<{ error: { json: TrpcError } }>) {
        expect(call.error.json.message).toBe('"input" needs to be an object when doing a batch call');
      }
    }
  });

  it("answers a procedure path that is not valid percent-encoding with 400 (was a 500)", async () => {
    for (const answer of [await send("/trpc/%E0%A4%A"), await post("/trpc/%E0%A4%A,x?batch=1", "{}")]) {
      expect(answer.status).toBe(400);
      expect(errorOf(answer.body).message).toMatch(/^Malformed request/);
    }
  });
});

describe("calls per batch", () => {
  const pings = (count: number) => Array.from({ length: count }, () => "system.ping").join(",");

  it(`runs a batch of ${MAX_CALLS_PER_BATCH} calls`, async () => {
    const answer = await send(`/trpc/${pings(MAX_CALLS_PER_BATCH)}?batch=1`);
    expect(answer.status).toBe(200);
    expect(answer.body).toHaveLength(MAX_CALLS_PER_BATCH);
  });

  it("refuses a GET batch of more, and a thousand, with one clear 400", async () => {
    for (const count of [MAX_CALLS_PER_BATCH + 1, 1000]) {
      const answer = await send(`/trpc/${pings(count)}?batch=1`);
      expect(answer.status).toBe(400);
      const error = errorOf(answer.body);
      expect(error.data.code).toBe("BAD_REQUEST");
      expect(error.message).toBe(`A batch may hold at most ${MAX_CALLS_PER_BATCH} calls; this one has ${count}`);
    }
  });

  it("refuses a POST batch of more before any call runs", async () => {
    const writesLeft = async () => Number((await post("/trpc/auth.logout", "{}")).headers.get("ratelimit-remaining"));
    const before = await writesLeft();
    const logouts = Array.from({ length: MAX_CALLS_PER_BATCH + 1 }, () => "auth.logout").join(",");
    const answer = await post(`/trpc/${logouts}?batch=1`, "{}");
    expect(answer.status).toBe(400);
    expect(errorOf(answer.body).message).toBe(
      `A batch may hold at most ${MAX_CALLS_PER_BATCH} calls; this one has ${MAX_CALLS_PER_BATCH + 1}`,
    );
    // Nothing ran: each call would have spent a write from the caller's rate limit.
    expect(await writesLeft()).toBe(before - 1);
  });
});

describe("malformed REST requests", () => {
  it("answers a body that is not JSON with 400 Malformed request", async () => {
    const answer = await post("/api/reset/plan/complete-step", "{not-json");
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: "PARSE_ERROR", message: "Malformed request", requestId: answer.requestId });
  });

  it("refuses a deeply nested body (it was a 500: JSON.stringify ran out of stack)", async () => {
    const answer = await post("/api/reset/plan/complete-step", deepArray(6_000));
    expect(answer.status).toBe(400);
    expect(answer.body).toMatchObject({ code: "BAD_REQUEST", message: TOO_DEEP_MESSAGE, requestId: answer.requestId });
  });
});
