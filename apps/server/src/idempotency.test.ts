// Idempotency keys: a write replayed with the same key runs once.
import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { startTestServer, type TestServer } from "./testing.ts";

let runs = 0;
let release: () => void = () => {};
let fail = false;
const t = initTRPC.create({ transformer: superjson });
const router = t.router({
  add: t.procedure.input(z.object({ n: z.number() })).mutation(async ({ input }) => {
    runs += 1;
    if (input.n === 99) await new Promise<void>((resolve) => (release = resolve));
    if (fail) throw new Error("transient failure");
    return { runs, n: input.n };
  }),
});

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ router });
});
afterAll(() => server.close());

const post = (key: string | null, n: number, token = "token-a") =>
  fetch(`${server.url}/trpc/add`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}`, ...(key ? { "idempotency-key": key } : {}) },
    body: JSON.stringify({ json: { n } }),
  });

describe("Idempotency-Key", () => {
  it("runs a write once and replays its response for the same key", async () => {
    const before = runs;
    const first = await post("key-0001-abcdef", 1);
    const again = await post("key-0001-abcdef", 1);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(await first.text());
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(runs - before).toBe(1);
  });

  it("runs again for another key, without a key, and for another caller's same key", async () => {
    const before = runs;
    await post("key-0002-abcdef", 2);
    await post("key-0003-abcdef", 2);
    await post(null, 2);
    await post(null, 2);
    await post("key-0002-abcdef", 2, "token-b");
    expect(runs - before).toBe(5);
  });

  it("answers 409 to a duplicate while the first is still running", async () => {
    const first = post("key-0004-abcdef", 99);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const duplicate = await post("key-0004-abcdef", 99);
    expect(duplicate.status).toBe(409);
    release();
    expect((await first).status).toBe(200);
  });

  it("lets a retry run again after a server error", async () => {
    fail = true;
    expect((await post("key-0005-abcdef", 5)).status).toBe(500);
    fail = false;
    const retry = await post("key-0005-abcdef", 5);
    expect(retry.status).toBe(200);
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
  });

  it("refuses a malformed key", async () => {
    expect((await post("short", 6)).status).toBe(400);
  });
});
