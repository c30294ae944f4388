// A credential that is revoked, whose owner is deactivated or whose admin role is removed
// is dead for every request that starts after the change — under a few hundred concurrent
// requests with that credential, on two instances sharing Redis, round after round — and
// its open live streams end at once (decision 013).
import { createGlowClient } from "@glow/api/client";
import { seedDemo, seedResetCatalog } from "@glow/db";
import { EventSource } from "eventsource";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callTrpc, startTestServer, testRedisUrl, type TestServer } from "../testing.ts";
import { registerUser, type TestUser } from "./fixtures.ts";

const redisUrl = testRedisUrl();
const CONCURRENCY = 200;
const ROUNDS = 3;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// Rounds of a few thousand requests each on 2 shared cores: more than the default minute.
const RACE_TIMEOUT_MS = 180_000;

let a: TestServer;
let b: TestServer;
let adminSession: string;
const redisClients: Redis[] = [];

/** Two instances over one database; with Redis they share it, as in production. */
async function startPair(): Promise<void> {
  const [redisA, redisB] = redisUrl ? [new Redis(redisUrl), new Redis(redisUrl)] : [null, null];
  if (redisA && redisB) redisClients.push(redisA, redisB);
  a = await startTestServer({ redis: redisA });
  b = redisA ? await startTestServer({ redis: redisB, database: a.database }) : a;
  await seedDemo(a.database.db, { nodeEnv: "test" });
  await seedResetCatalog(a.database.db);
  const login = await callTrpc(a.url, "auth.login", {
    type: "mutation",
    input: { email: "admin@glow.dev", password: "glow-demo-password", delivery: "token" },
  });
  adminSession = (login.data as { token: string }).token;
}

beforeAll(startPair);
afterAll(async () => {
  if (b !== a) await b?.close();
  await a?.close();
  for (const redis of redisClients) await redis.quit();
});

async function createToken(session: string, scopes: string[]): Promise<{ id: string; token: string }> {
  const response = await callTrpc(a.url, "auth.tokens.create", { type: "mutation", token: session, input: { name: "race", scopes } });
  if (response.status !== 200) throw new Error(`token: ${JSON.stringify(response.error)}`);
  return response.data as { id: string; token: string };
}

interface Call {
  startedAt: number;
  status: number;
}

interface LoadResult {
  changeStartedAt: number;
  changedAt: number;
  calls: Call[];
}

/**
 * Calls `path` with `token` from CONCURRENCY loops spread over both instances, makes the
 * change while they run, and returns every call with when it started and when the change
 * had finished.
 */
async function underLoad(token: string, path: string, input: unknown, change: () => Promise<void>): Promise<LoadResult> {
  const calls: Call[] = [];
  let stop = false;
  const query = input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;
  const loop = async (index: number) => {
    const url = `${(index % 2 === 0 ? a : b).url}/trpc/${path}${query}`;
    while (!stop) {
      const startedAt = performance.now();
      const response = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
      await response.arrayBuffer();
      calls.push({ startedAt, status: response.status });
    }
  };
  const loops = Array.from({ length: CONCURRENCY }, (_, index) => loop(index));
  // Until every instance (and Redis) has the credential cached and has served hits of it.
  await expect.poll(() => calls.length, { timeout: 20_000, interval: 20 }).toBeGreaterThanOrEqual(2 * CONCURRENCY);
  const changeStartedAt = performance.now();
  await change();
  const changedAt = performance.now();
  await expect
    .poll(() => calls.filter((call) => call.startedAt > changedAt).length, { timeout: 20_000, interval: 20 })
    .toBeGreaterThanOrEqual(2 * CONCURRENCY);
  stop = true;
  await Promise.all(loops);
  return { changeStartedAt, changedAt, calls };
}

/** Every call that started after the change was refused with `refused`; before it, the credential worked. */
function expectDeadAfterChange({ changeStartedAt, changedAt, calls }: LoadResult, refused: number): void {
  const servedBefore = calls.filter((call) => call.startedAt < changeStartedAt && call.status === 200);
  const after = calls.filter((call) => call.startedAt > changedAt);
  expect(servedBefore.length).toBeGreaterThanOrEqual(CONCURRENCY);
  expect(after.length).toBeGreaterThanOrEqual(2 * CONCURRENCY);
  const survivors = after.filter((call) => call.status !== refused);
  expect(survivors, `${survivors.length} of ${after.length} calls after the change were not refused`).toEqual([]);
}

describe.skipIf(!redisUrl)(
  `revocation under concurrent use, two instances sharing Redis${redisUrl ? "" : " (skipped: REDIS_URL is not set)"}`,
  () => {
    it(
      "a revoked API token is refused by every request that starts after the revocation",
      async () => {
        for (let round = 0; round < ROUNDS; round++) {
          const owner = await registerUser(a.url, "race-token");
          const { id, token } = await createToken(owner.token, ["read"]);
          const result = await underLoad(token, "reset.preferences.get", undefined, async () => {
            const revoked = await callTrpc(a.url, "auth.tokens.revoke", { type: "mutation", token: owner.token, input: { id } });
            expect(revoked.status).toBe(200);
          });
          expectDeadAfterChange(result, 401);
        }
      },
      RACE_TIMEOUT_MS,
    );

    it(
      "a revoked session is refused by every request that starts after the revocation",
      async () => {
        for (let round = 0; round < ROUNDS; round++) {
          const person = await registerUser(a.url, "race-session");
          const other = await callTrpc(a.url, "auth.login", {
            type: "mutation",
            input: { email: person.email, password: "sunflower-violin-42", delivery: "token" },
          });
          const otherToken = (other.data as { token: string }).token;
          const sessions = await callTrpc(a.url, "auth.sessions.list", { token: otherToken });
          const hammered = (sessions.data as Array<{ id: string; current: boolean }>).find((s) => !s.current)!;
          const result = await underLoad(person.token, "reset.preferences.get", undefined, async () => {
            expect(
              (await callTrpc(b.url, "auth.sessions.revoke", { type: "mutation", token: otherToken, input: { id: hammered.id } })).status,
            ).toBe(200);
          });
          expectDeadAfterChange(result, 401);
        }
      },
      RACE_TIMEOUT_MS,
    );

    it(
      "a deactivated person's token is refused by every request that starts after the deactivation",
      async () => {
        for (let round = 0; round < ROUNDS; round++) {
          const person = await registerUser(a.url, "race-deactivated");
          const { token } = await createToken(person.token, ["read"]);
          const result = await underLoad(token, "reset.preferences.get", undefined, async () => {
            expect(
              (await callTrpc(a.url, "admin.users.deactivate", { type: "mutation", token: adminSession, input: { id: person.id } })).status,
            ).toBe(200);
          });
          expectDeadAfterChange(result, 401);
        }
      },
      RACE_TIMEOUT_MS,
    );

    it(
      "a demoted admin's admin-scoped token loses admin powers for every request that starts after the demotion",
      async () => {
        for (let round = 0; round < ROUNDS; round++) {
          const person = await registerUser(a.url, "race-admin");
          await callTrpc(a.url, "admin.users.setRoles", {
            type: "mutation",
            token: adminSession,
            input: { id: person.id, roles: ["admin", "user"] },
          });
          const { token } = await createToken(person.token, ["read", "admin"]);
          const result = await underLoad(token, "admin.roles.list", undefined, async () => {
            expect(
              (
                await callTrpc(b.url, "admin.users.setRoles", {
                  type: "mutation",
                  token: adminSession,
                  input: { id: person.id, roles: ["user"] },
                })
              ).status,
            ).toBe(200);
          });
          expectDeadAfterChange(result, 403);
        }
      },
      RACE_TIMEOUT_MS,
    );
  },
);

/** Subscribes to today's plan with `token` on `server`; resolves with the error that ends the stream. */
function streamEnd(
  server: TestServer,
  token: string,
): { started: Promise<void>; ended: Promise<{ data?: { code?: string } }>; close(): void } {
  const client = createGlowClient({ url: server.url, token, EventSource });
  let started!: () => void;
  let ended!: (error: { data?: { code?: string } }) => void;
  const result = {
    started: new Promise<void>((resolve) => (started = resolve)),
    ended: new Promise<{ data?: { code?: string } }>((resolve) => (ended = resolve)),
    close: () => subscription.unsubscribe(),
  };
  const subscription = client.reset.plan.onChange.subscribe(undefined, {
    onStarted: () => started(),
    onError: (error) => ended(error as never),
  });
  return result;
}

describe(`live streams end with their credential${redisUrl ? " (across two instances)" : " (one instance: REDIS_URL is not set)"}`, () => {
  const within = <T>(promise: Promise<T>, ms: number) =>
    Promise.race([
      promise,
      sleep(ms).then(() => {
        throw new Error(`not within ${ms} ms`);
      }),
    ]);

  it("ends a revoked session's open stream at once, on another instance", async () => {
    const person: TestUser = await registerUser(a.url, "stream-revoked");
    const stream = streamEnd(b, person.token);
    await stream.started;
    await sleep(300); // the instance's Redis SUBSCRIBE settles
    await callTrpc(a.url, "auth.logout", { type: "mutation", token: person.token });
    expect(await within(stream.ended, 5000)).toMatchObject({ data: { code: "UNAUTHORIZED" } });
    stream.close();
  });

  it("ends a token's stream when its owner is deactivated", async () => {
    const person = await registerUser(a.url, "stream-deactivated");
    const { token } = await createToken(person.token, ["read"]);
    const stream = streamEnd(b, token);
    await stream.started;
    await sleep(300);
    await callTrpc(a.url, "admin.users.deactivate", { type: "mutation", token: adminSession, input: { id: person.id } });
    expect(await within(stream.ended, 5000)).toMatchObject({ data: { code: "UNAUTHORIZED" } });
    stream.close();
  });

  it("keeps a stream open when only another of the person's sessions ends", async () => {
    const person = await registerUser(a.url, "stream-kept");
    const second = await callTrpc(a.url, "auth.login", {
      type: "mutation",
      input: { email: person.email, password: "sunflower-violin-42", delivery: "token" },
    });
    const stream = streamEnd(b, person.token);
    await stream.started;
    await sleep(300);
    await callTrpc(a.url, "auth.logout", { type: "mutation", token: (second.data as { token: string }).token });
    await expect(within(stream.ended, 1500)).rejects.toThrow(/not within/);
    stream.close();
  });

  it("caps open streams per person across instances, and frees a place when one closes", async () => {
    const person = await registerUser(a.url, "stream-cap");
    const open = Array.from({ length: 20 }, (_, index) => streamEnd(index % 2 === 0 ? a : b, person.token));
    await Promise.all(open.map((stream) => stream.started));
    await sleep(300);
    const refused = streamEnd(a, person.token);
    expect(await within(refused.ended, 5000)).toMatchObject({ data: { code: "TOO_MANY_REQUESTS" } });
    refused.close();
    open[0]!.close();
    await sleep(500); // the server lets go of the closed stream's lease
    const again = streamEnd(b, person.token);
    await within(again.started, 5000);
    await expect(within(again.ended, 1000)).rejects.toThrow(/not within/);
    again.close();
    for (const stream of open.slice(1)) stream.close();
  });
});
