// With REDIS_URL, what must be shared between server instances is: rate-limit counters
// and the session cache (so a revocation on one instance is seen by all at once).
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_RATE_LIMITS } from "./rate-limit.ts";
import { RedisCache } from "./cache.ts";
import { createTestServices, testCaller, testRedisUrl } from "../testing.ts";
import { validateSessionToken } from "../modules/auth/sessions.ts";

const redisUrl = testRedisUrl();

describe.skipIf(!redisUrl)(`shared state in Redis${redisUrl ? "" : " (skipped: REDIS_URL is not set)"}`, () => {
  let database: TestDatabase;
  let redisA: Redis;
  let redisB: Redis;

  beforeAll(async () => {
    database = await createTestDatabase();
    redisA = new Redis(redisUrl!);
    redisB = new Redis(redisUrl!);
  });
  afterAll(async () => {
    await redisA?.quit();
    await redisB?.quit();
    await database?.drop();
  });

  it("caches values with expiry", async () => {
    const cache = new RedisCache(redisA, `glow:test:${Date.now()}:`);
    await cache.set("k", { at: new Date(0), n: 1 }, 1);
    expect(await cache.get("k")).toEqual({ at: new Date(0), n: 1 });
    await cache.delete("k");
    expect(await cache.get("k")).toBeNull();
  });

  it("counts rate limits across instances", async () => {
    const ip = `198.51.100.${Math.floor(Math.random() * 200)}-${Date.now()}`;
    const limits = { ...DEFAULT_RATE_LIMITS, read: { points: 4, durationSeconds: 30 } };
    const instanceA = createTestServices(database.db, { redis: redisA, rateLimits: limits });
    const instanceB = createTestServices(database.db, { redis: redisB, rateLimits: limits });
    await testCaller(instanceA, { ip }).system.ping();
    await testCaller(instanceB, { ip }).system.ping();
    await testCaller(instanceA, { ip }).system.ping();
    await testCaller(instanceB, { ip }).system.ping();
    await expect(testCaller(instanceA, { ip }).system.ping()).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    await expect(testCaller(instanceB, { ip }).system.ping()).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });

  it("sees a session revoked on one instance as revoked on the other at once", async () => {
    const instanceA = createTestServices(database.db, { redis: redisA });
    const instanceB = createTestServices(database.db, { redis: redisB });
    const email = `shared-${Date.now()}@example.test`;
    const { token } = await testCaller(instanceA).auth.register({
      email,
      password: "sunflower-violin-42",
      name: "Shared",
      delivery: "token",
    });
    const session = await validateSessionToken(instanceB, token!); // cached in Redis via B
    expect(session).not.toBeNull();
    await testCaller(instanceA, { caller: await validateSessionToken(instanceA, token!) }).auth.logout();
    expect(await validateSessionToken(instanceB, token!)).toBeNull();
  });
});
