// The query cache, kept in localStorage between runs so that read views have something to
// show when the server cannot be reached. One entry per server; wiped at every sign-in and
// sign-out, so it only ever holds what the signed-in account was shown.
import { dehydrate, hydrate, type DehydratedState, type QueryClient } from "@tanstack/react-query";
import superjson from "superjson";

/** Older saved data is not shown. */
export const CACHE_MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;
/** localStorage holds about 5 MB per origin; a larger cache is not saved. */
const MAX_SAVED_LENGTH = 2_000_000;
const SAVE_DELAY_MS = 1_000;
/** Live panels change every few seconds: not worth keeping. */
const NOT_KEPT = new Set(["admin.metrics.system"]);

type StorageLike = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export const cacheKey = (serverUrl: string) => `glow:query-cache:${serverUrl}`;

interface SavedCache {
  savedAt: number;
  state: unknown;
}

function procedureOf(queryKey: readonly unknown[]): string {
  const path = queryKey[0];
  return Array.isArray(path) ? path.join(".") : "";
}

/** Puts what was saved for this server back into the cache, if it is recent enough. */
export function restoreQueryCache(queryClient: QueryClient, storage: StorageLike, key: string, now = Date.now()): boolean {
  try {
    const text = storage.getItem(key);
    if (!text) return false;
    const saved = superjson.parse<SavedCache>(text);
    if (typeof saved?.savedAt !== "number" || now - saved.savedAt > CACHE_MAX_AGE_MS) {
      storage.removeItem(key);
      return false;
    }
    hydrate(queryClient, saved.state as DehydratedState);
    return true;
  } catch {
    storage.removeItem(key); // damaged: start empty
    return false;
  }
}

/** Saves the cache a moment after it changes, until the returned function is called. */
export function persistQueryCache(queryClient: QueryClient, storage: StorageLike, key: string): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const save = () => {
    timer = null;
    const state = dehydrate(queryClient, {
      shouldDehydrateQuery: (query) => query.state.status === "success" && !NOT_KEPT.has(procedureOf(query.queryKey)),
    });
    const text = superjson.stringify({ savedAt: Date.now(), state } satisfies SavedCache);
    try {
      if (text.length > MAX_SAVED_LENGTH) storage.removeItem(key);
      else storage.setItem(key, text);
    } catch {
      // Quota exceeded or storage unavailable: the app works without it.
    }
  };
  const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== "updated" && event.type !== "removed") return;
    if (!timer) timer = setTimeout(save, SAVE_DELAY_MS);
  });
  return () => {
    unsubscribe();
    if (timer) clearTimeout(timer);
  };
}
