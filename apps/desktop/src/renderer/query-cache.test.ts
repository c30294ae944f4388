import { QueryClient } from "@tanstack/react-query";
import { persistQueryClientRestore, persistQueryClientSave, persistQueryClientSubscribe } from "@tanstack/react-query-persist-client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CACHE_MAX_AGE_MS, cacheKey, cappedStorage, MAX_SAVED_LENGTH, queryCachePersistence } from "./query-cache.ts";

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

const SERVER = "http://127.0.0.1:3000";
const KEY = cacheKey(SERVER);
const USERS = [["admin", "users", "list"], { input: { limit: 25 }, type: "infinite" }];
const SYSTEM = [["admin", "metrics", "system"], { input: {}, type: "query" }];
const createdAt = new Date("2026-01-02T03:04:05Z");
const usersPage = { pages: [{ items: [{ email: "admin@glow.dev", createdAt }], nextCursor: null }], pageParams: [null] };

/** What the next run restores from `storage`, as the app does at start-up. */
async function nextRun(storage: ReturnType<typeof memoryStorage>, restore = true): Promise<QueryClient> {
  const queryClient = new QueryClient();
  await persistQueryClientRestore({ queryClient, ...queryCachePersistence(storage, SERVER, { restore }).options });
  return queryClient;
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("the saved query cache", () => {
  it("is saved as data arrives and read back (dates included) by the next run, without the live panels", async () => {
    const storage = memoryStorage();
    const first = new QueryClient();
    const stop = persistQueryClientSubscribe({ queryClient: first, ...queryCachePersistence(storage, SERVER, { restore: true }).options });
    first.setQueryData(USERS, usersPage);
    first.setQueryData(SYSTEM, { totals: { requests: 3 } });
    await vi.advanceTimersByTimeAsync(1_000);
    stop();
    expect(storage.items.has(KEY)).toBe(true);

    const next = await nextRun(storage);
    const restored = next.getQueryData<typeof usersPage>(USERS);
    expect(restored?.pages[0]?.items[0]?.createdAt).toEqual(createdAt);
    expect(next.getQueryData(SYSTEM)).toBeUndefined();
  });

  it("starts from nothing at a new sign-in, dropping the last account's cache, and writes nothing once closed", async () => {
    const storage = memoryStorage();
    const first = new QueryClient();
    first.setQueryData(USERS, usersPage);
    await persistQueryClientSave({ queryClient: first, ...queryCachePersistence(storage, SERVER, { restore: true }).options });
    expect(storage.items.has(KEY)).toBe(true);

    const fresh = await nextRun(storage, false);
    expect(fresh.getQueryData(USERS)).toBeUndefined();
    expect(storage.items.has(KEY)).toBe(false);

    const closing = queryCachePersistence(storage, SERVER, { restore: true });
    closing.close();
    await persistQueryClientSave({ queryClient: first, ...closing.options });
    await vi.advanceTimersByTimeAsync(5_000);
    expect(storage.items.has(KEY)).toBe(false);
  });

  it("forgets saves that are too old or damaged, quietly", async () => {
    const complaints = [vi.spyOn(console, "error"), vi.spyOn(console, "warn")];
    const storage = memoryStorage();
    storage.setItem(KEY, "{ damaged");
    expect((await nextRun(storage)).getQueryData(USERS)).toBeUndefined();
    expect(storage.items.has(KEY)).toBe(false);

    const saver = new QueryClient();
    saver.setQueryData(USERS, usersPage);
    await persistQueryClientSave({ queryClient: saver, ...queryCachePersistence(storage, SERVER, { restore: true }).options });
    vi.setSystemTime(Date.now() + CACHE_MAX_AGE_MS + 1);
    expect((await nextRun(storage)).getQueryData(USERS)).toBeUndefined();
    expect(storage.items.has(KEY)).toBe(false);
    for (const complaint of complaints) {
      expect(complaint).not.toHaveBeenCalled();
      complaint.mockRestore();
    }
  });

  it("keeps to the size cap: a cache too large to keep is not saved, and the older one goes with it", async () => {
    const storage = memoryStorage();
    const small = new QueryClient();
    small.setQueryData(USERS, usersPage);
    await persistQueryClientSave({ queryClient: small, ...queryCachePersistence(storage, SERVER, { restore: true }).options });
    expect(storage.items.has(KEY)).toBe(true);

    const large = new QueryClient();
    large.setQueryData(USERS, { pages: [{ items: [{ email: "x".repeat(MAX_SAVED_LENGTH) }], nextCursor: null }], pageParams: [null] });
    await persistQueryClientSave({ queryClient: large, ...queryCachePersistence(storage, SERVER, { restore: true }).options });
    expect(storage.items.has(KEY)).toBe(false);

    // A full storage is no error either.
    const full = cappedStorage({
      ...storage,
      setItem: () => {
        throw new DOMException("full", "QuotaExceededError");
      },
    });
    expect(() => full.setItem(KEY, "{}")).not.toThrow();
  });
});
