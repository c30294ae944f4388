// Idempotency keys: a write replayed with the same key runs once, for the person who sent it,
// only while their credential holds, and only for the very same request.
import { seedResetCatalog } from "@glow/db";
import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { loginWithToken, registerUser, type TestUser } from "./security/fixtures.ts";
import { callTrpc, startTestServer, type TestServer } from "./testing.ts";

let runs = 0;
let release: () => void = () => {};
let fail = false;
interface Ctx {
  response: { appendHeader(name: string, value: string): void };
}
const t = initTRPC.context<Ctx>().create({ transformer: superjson });
const router = t.router({
  add: t.procedure.input(z.object({ n: z.number() })).mutation(async ({ input }) => {
    runs += 1;
    if (input.n === 99) await new Promise<void>((resolve) => (release = resolve));
    if (fail) throw new Error("transient failure");
    return { runs, n: input.n };
  }),
  // Sets a cookie as sign-in does: such an answer must never be kept.
  withCookie: t.procedure.input(z.object({ n: z.number() })).mutation(({ ctx }) => {
    runs += 1;
    ctx.response.appendHeader("Set-Cookie", `glow_trial=${runs}; Path=/; HttpOnly`);
    return { runs };
  }),
});

// The real app (accounts, sessions, revocation), and a second instance over the same
// database serving the test router above, whose procedures count their runs.
let app: TestServer;
let counting: TestServer;
let ada: TestUser;
let bo: TestUser;
let categoryIds: string[];
beforeAll(async () => {
  app = await startTestServer();
  counting = await startTestServer({ router, database: app.database });
  await seedResetCatalog(app.database.db);
  [ada, bo] = await Promise.all([registerUser(app.url, "ada"), registerUser(app.url, "bo")]);
  const categories = await callTrpc(app.url, "reset.categories.list", { token: ada.token });
  categoryIds = (categories.data as Array<{ id: string }>).map((c) => c.id);
  if (categoryIds.length === 0) throw new Error("the seeded catalog has no categories");
});
afterAll(async () => {
  await counting.close();
  await app.close();
});

function post(
  base: string,
  path: string,
  options: { key?: string | null; token?: string | null; body?: unknown; headers?: Record<string, string> },
) {
  const { key = null, token = null } = options;
  return fetch(`${base}/trpc/${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(key ? { "idempotency-key": key } : {}),
      ...options.headers,
    },
    body: JSON.stringify(superjson.serialize(options.body)),
  });
}
const add = (key: string | null, n: number, token: string | null = ada.token) => post(counting.url, "add", { key, token, body: { n } });
const pick = (key: string, token: string, ids: string[]) =>
  post(app.url, "reset.preferences.setCategories", { key, token, body: { categoryIds: ids } });
let keys = 0;
const newKey = () => `key-${++keys}-${Date.now()}`;

describe("Idempotency-Key", () => {
  it("runs a write once and replays its response for the same key", async () => {
    const before = runs;
    const key = newKey();
    const first = await add(key, 1);
    const again = await add(key, 1);
    expect(first.status).toBe(200);
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(await first.text());
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(runs - before).toBe(1);
  });

  it("runs again for another key, without a key, and for another person's same key", async () => {
    const before = runs;
    const key = newKey();
    await add(key, 2);
    await add(newKey(), 2);
    await add(null, 2);
    await add(null, 2);
    const bos = await add(key, 2, bo.token);
    expect(bos.headers.get("idempotent-replayed")).toBeNull();
    expect(runs - before).toBe(5);
  });

  it("answers 422 when the same key comes with another body or another procedure, and runs neither", async () => {
    const key = newKey();
    expect((await add(key, 3)).status).toBe(200);
    const before = runs;
    const otherBody = await add(key, 4);
    expect(otherBody.status).toBe(422);
    expect(await otherBody.json()).toMatchObject({
      error: expect.stringMatching(/already used for another request/),
      requestId: expect.any(String),
    });
    const otherProcedure = await post(counting.url, "withCookie", { key, token: ada.token, body: { n: 3 } });
    expect(otherProcedure.status).toBe(422);
    expect(runs).toBe(before);
    // The original request still replays.
    expect((await add(key, 3)).headers.get("idempotent-replayed")).toBe("true");
  });

  it("answers 409 to a duplicate while the first is still running, and 422 to another body meanwhile", async () => {
    const key = newKey();
    const before = runs;
    const first = add(key, 99);
    await expect.poll(() => runs, { timeout: 10_000 }).toBe(before + 1);
    expect((await add(key, 99)).status).toBe(409);
    expect((await add(key, 98)).status).toBe(422);
    release();
    expect((await first).status).toBe(200);
  });

  it("lets a retry run again after a server error", async () => {
    const key = newKey();
    fail = true;
    expect((await add(key, 5)).status).toBe(500);
    fail = false;
    const retry = await add(key, 5);
    expect(retry.status).toBe(200);
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
  });

  it("never keeps an answer that sets a cookie", async () => {
    const key = newKey();
    const before = runs;
    const first = await post(counting.url, "withCookie", { key, token: ada.token, body: { n: 1 } });
    const again = await post(counting.url, "withCookie", { key, token: ada.token, body: { n: 1 } });
    expect(first.headers.getSetCookie()).toHaveLength(1);
    expect(again.headers.get("idempotent-replayed")).toBeNull();
    expect(runs - before).toBe(2);
  });

  it("refuses a malformed key, and a key on a streamed request", async () => {
    expect((await add("short", 6)).status).toBe(400);
    const streamed = await post(counting.url, "add?batch=1", {
      key: newKey(),
      token: ada.token,
      body: { 0: { n: 6 } },
      headers: { "trpc-accept": "application/jsonl" },
    });
    expect(streamed.status).toBe(400);
    expect(await streamed.json()).toMatchObject({ error: expect.stringMatching(/streamed/) });
  });
});

describe("Idempotency-Key and credentials", () => {
  it("refuses a key from an anonymous caller: there is nothing to keep it apart from another's", async () => {
    const before = runs;
    const anonymous = await add(newKey(), 7, null);
    expect(anonymous.status).toBe(400);
    expect(await anonymous.json()).toMatchObject({ error: expect.stringMatching(/signed-in caller/) });
    expect(runs).toBe(before);
  });

  it.each(["auth.login", "auth.register", "auth.oauth.exchange", "auth.tokens.create", "system.ping,auth.login?batch=1"])(
    "refuses a key on %s, whose answers hand out credentials",
    async (path) => {
      for (const token of [null, ada.token]) {
        const response = await post(app.url, path, {
          key: newKey(),
          token,
          body: { email: ada.email, password: "sunflower-violin-42", delivery: "token" },
        });
        expect(response.status).toBe(400);
        expect(await response.json()).toMatchObject({ error: expect.stringMatching(/auth\.\* procedures/) });
      }
    },
  );

  it("replays to the person's other credentials while they hold, and answers 401 once the one used is revoked", async () => {
    const token = await loginWithToken(app.url, ada.email);
    const other = await loginWithToken(app.url, ada.email);
    const key = newKey();
    const first = await pick(key, token, categoryIds.slice(0, 1));
    expect(first.status).toBe(200);
    const stored = await first.text();
    expect((await pick(key, other, categoryIds.slice(0, 1))).headers.get("idempotent-replayed")).toBe("true");

    expect((await callTrpc(app.url, "auth.logout", { type: "mutation", token })).status).toBe(200);
    const revoked = await pick(key, token, categoryIds.slice(0, 1));
    expect(revoked.status).toBe(401);
    expect(revoked.headers.get("idempotent-replayed")).toBeNull();
    expect(await revoked.text()).not.toBe(stored);
    // Another person never gets it, with the same key and body.
    const bos = await pick(key, bo.token, categoryIds.slice(0, 1));
    expect(bos.status).toBe(200);
    expect(bos.headers.get("idempotent-replayed")).toBeNull();
  });

  it("answers 401 to a key sent with a credential that was never valid", async () => {
    const response = await add(newKey(), 8, "abcdefghijklmnopqrstuvwxyz234567");
    expect(response.status).toBe(401);
  });
});
