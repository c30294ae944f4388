import { QueryClient } from "@tanstack/react-query";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CACHE_MAX_AGE_MS, cacheKey, persistQueryCache, restoreQueryCache } from "./query-cache.ts";

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

const USERS = [["admin", "users", "list"], { input: { limit: 25 }, type: "infinite" }];
const SYSTEM = [["admin", "metrics", "system"], { input: {}, type: "query" }];
const KEY = cacheKey("http://127.0.0.1:3000");

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("the saved query cache", () => {
  it("is saved a moment after data arrives, and read back (dates included) by the next run", async () => {
    const storage = memoryStorage();
    const first = new QueryClient();
    const stop = persistQueryCache(first, storage, KEY);
    const createdAt = new Date("2026-01-02T03:04:05Z");
    first.setQueryData(USERS, { pages: [{ items: [{ email: "admin@glow.dev", createdAt }], nextCursor: null }], pageParams: [null] });
    first.setQueryData(SYSTEM, { totals: { requests: 3 } });
    expect(storage.items.has(KEY)).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(storage.items.has(KEY)).toBe(true);
    stop();

    const next = new QueryClient();
    expect(restoreQueryCache(next, storage, KEY)).toBe(true);
    const restored = next.getQueryData<{ pages: Array<{ items: Array<{ createdAt: Date }> }> }>(USERS);
    expect(restored?.pages[0]?.items[0]?.createdAt).toEqual(createdAt);
    // Live panels are not kept.
    expect(next.getQueryData(SYSTEM)).toBeUndefined();
  });

  it("stops saving when told to, and forgets old or damaged saves", async () => {
    const storage = memoryStorage();
    const client = new QueryClient();
    const stop = persistQueryCache(client, storage, KEY);
    client.setQueryData(USERS, { pages: [], pageParams: [] });
    stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(storage.items.has(KEY)).toBe(false);

    storage.setItem(KEY, "{ damaged");
    expect(restoreQueryCache(new QueryClient(), storage, KEY)).toBe(false);
    expect(storage.items.has(KEY)).toBe(false);

    const saver = new QueryClient();
    const stopSaver = persistQueryCache(saver, storage, KEY);
    saver.setQueryData(USERS, { pages: [], pageParams: [] });
    await vi.advanceTimersByTimeAsync(1_000);
    stopSaver();
    expect(restoreQueryCache(new QueryClient(), storage, KEY, Date.now() + CACHE_MAX_AGE_MS + 1)).toBe(false);
    expect(storage.items.has(KEY)).toBe(false);
  });
});
