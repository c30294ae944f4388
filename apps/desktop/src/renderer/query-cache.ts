// The query cache, kept in localStorage between runs so that read views have something to
// show when the server cannot be reached. TanStack's persister (PersistQueryClientProvider)
// saves and restores it; this file says where (one entry per server, at most 2 MB), what (not
// the live panels) and for how long. It is wiped at every sign-in and sign-out, so it only
// ever holds what the signed-in account was shown.
import { createAsyncStoragePersister } from "@tanstack/query-async-storage-persister";
import type { Query } from "@tanstack/react-query";
import type { PersistedClient, PersistQueryClientOptions } from "@tanstack/react-query-persist-client";
import superjson from "superjson";

/** Older saved data is not shown. */
export const CACHE_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
/** localStorage holds about 5 MB per origin; a larger cache is not saved. */
export const MAX_SAVED_LENGTH = 2_000_000;
const SAVE_DELAY_MS = 1_000;
/** Live panels change every few seconds: not worth keeping. */
const NOT_KEPT = new Set(["admin.metrics.system"]);

type StorageLike = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export const cacheKey = (serverUrl: string) => `glow:query-cache:${serverUrl}`;

function procedureOf(queryKey: readonly unknown[]): string {
  const path = queryKey[0];
  return Array.isArray(path) ? path.join(".") : "";
}

/**
 * localStorage with today's size cap: a save over `maxLength` characters drops the entry
 * instead (an old cache would be worse than none), a full or missing storage is no error,
 * and once closed it writes nothing (a save still pending when the account changed).
 */
export function cappedStorage(storage: StorageLike, maxLength = MAX_SAVED_LENGTH) {
  let open = true;
  return {
    getItem: (key: string) => storage.getItem(key),
    setItem(key: string, value: string): void {
      if (!open) return;
      try {
        if (value.length > maxLength) storage.removeItem(key);
        else storage.setItem(key, value);
      } catch {
        // Quota exceeded or storage unavailable: the app works without it.
      }
    },
    removeItem: (key: string) => storage.removeItem(key),
    close(): void {
      open = false;
    },
  };
}

/** A saved cache no longer readable: the restore drops it (no timestamp) without an error to report. */
const UNREADABLE = { timestamp: 0, buster: "", clientState: { queries: [], mutations: [] } } satisfies PersistedClient;

/**
 * How the cache for `serverUrl` is persisted; `restore: false` starts from nothing and drops
 * what the last account left. `close` stops every write, pending ones included.
 */
export function queryCachePersistence(
  storage: StorageLike,
  serverUrl: string,
  { restore }: { restore: boolean },
): { options: Omit<PersistQueryClientOptions, "queryClient">; close(): void } {
  const key = cacheKey(serverUrl);
  const capped = cappedStorage(storage);
  const persister = createAsyncStoragePersister({
    storage: capped,
    key,
    throttleTime: SAVE_DELAY_MS,
    serialize: (client) => superjson.stringify(client),
    deserialize: (text) => {
      try {
        const client = superjson.parse<PersistedClient | null>(text);
        return client && typeof client === "object" ? client : UNREADABLE;
      } catch {
        return UNREADABLE;
      }
    },
  });
  return {
    options: {
      persister: restore
        ? persister
        : {
            ...persister,
            restoreClient: async () => {
              await persister.removeClient();
              return undefined;
            },
          },
      maxAge: CACHE_MAX_AGE_MS,
      dehydrateOptions: {
        shouldDehydrateQuery: (query: Query) => query.state.status === "success" && !NOT_KEPT.has(procedureOf(query.queryKey)),
      },
    },
    close: capped.close,
  };
}
