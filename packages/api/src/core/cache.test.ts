// The cache's fence: a value loaded before an invalidation can never be stored after it,
// in process and in Redis alike (decision 013).
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { MemoryCache, RedisCache, type Cache } from "./cache.ts";
import { testRedisUrl } from "../testing.ts";

const redisUrl = testRedisUrl();
const redis = redisUrl ? new Redis(redisUrl) : null;
afterAll(async () => void (await redis?.quit()));

const kinds: Array<[string, () => Cache]> = [["in process", () => new MemoryCache()]];
if (redis) kinds.push(["in Redis", () => new RedisCache(redis, `glow:test:${crypto.randomUUID()}:`)]);

describe.each(kinds)("fenced writes %s", (_kind, make) => {
  it("stores a load whose fence nothing changed", async () => {
    const cache = make();
    const fence = await cache.fence("session:a");
    expect(await cache.setFenced("session:a", { roles: ["admin"] }, 60, fence)).toBe(true);
    expect(await cache.get("session:a")).toEqual({ roles: ["admin"] });
  });

  it("refuses a load that an invalidation overtook, and keeps refusing it", async () => {
    const cache = make();
    const fence = await cache.fence("session:b"); // a request starts reading the database…
    await cache.invalidate("session:b"); // …the credential is revoked meanwhile…
    expect(await cache.setFenced("session:b", { roles: ["admin"] }, 60, fence)).toBe(false); // …its stale copy is refused
    expect(await cache.get("session:b")).toBeNull();
    await cache.invalidate("session:b");
    expect(await cache.setFenced("session:b", { roles: ["admin"] }, 60, fence)).toBe(false);
  });

  it("invalidates an entry written before the invalidation", async () => {
    const cache = make();
    await cache.setFenced("session:c", { roles: [] }, 60, await cache.fence("session:c"));
    await cache.invalidate("session:c");
    expect(await cache.get("session:c")).toBeNull();
    expect(await cache.setFenced("session:c", { roles: [] }, 60, await cache.fence("session:c"))).toBe(true);
  });

  it("fences each key on its own", async () => {
    const cache = make();
    const fence = await cache.fence("session:d");
    await cache.invalidate("session:e");
    expect(await cache.setFenced("session:d", { ok: 1 }, 60, fence)).toBe(true);
  });
});
