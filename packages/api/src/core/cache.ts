import type { Redis } from "ioredis";
import superjson from "superjson";

/**
 * A small key-value cache with expiry. Redis when configured (shared by all server
 * instances, so an invalidation on one is seen by all); in process otherwise.
 */
export interface Cache {
  get<T>(key: string): Promise<T | null>;
  set(key: string, value: unknown, ttlSeconds: number): Promise<void>;
  delete(...keys: string[]): Promise<void>;
  /** Stores only if the key is absent; true when it stored (atomic in Redis). */
  setIfAbsent(key: string, value: unknown, ttlSeconds: number): Promise<boolean>;
  /** Reads and removes in one step (atomic in Redis): for single-use values. */
  take<T>(key: string): Promise<T | null>;
  /**
   * The key's fence: read it before loading a value from the source of truth, then store
   * with `setFenced`. An `invalidate` in between changes the fence and the store is refused.
   */
  fence(key: string): Promise<string>;
  /** Stores only if the key's fence is still `fence` (atomic in Redis); true when it stored. */
  setFenced(key: string, value: unknown, ttlSeconds: number, fence: string): Promise<boolean>;
  /** Deletes the keys and changes their fences, so no load begun before can store a stale copy. */
  invalidate(...keys: string[]): Promise<void>;
}

/** How long a changed fence is remembered; a fenced load that takes longer must not store (see FENCED_LOAD_MAX_MS). */
export const FENCE_TTL_SECONDS = 60 * 60;
/** A load slower than this does not store what it read: its fence may have been forgotten meanwhile. */
export const FENCED_LOAD_MAX_MS = 10_000;
/**
 * The cached copy, or a fresh load that is stored only if nothing invalidated the key while it
 * ran (a null load is not stored). Writers change the source of truth first, then invalidate.
 */
export async function readThrough<T extends object>(
  cache: Cache,
  key: string,
  ttlSeconds: number,
  load: () => Promise<T | null>,
): Promise<T | null> {
  const hit = await cache.get<T>(key);
  if (hit) return hit;
  const fence = await cache.fence(key);
  const started = Date.now();
  const loaded = await load();
  // A load slower than the fence's memory could store over an invalidation it never saw.
  if (loaded && Date.now() - started < FENCED_LOAD_MAX_MS) await cache.setFenced(key, loaded, ttlSeconds, fence);
  return loaded;
}

const UNFENCED = "0";
const newFence = () => crypto.randomUUID();

/**
 * In process: values are kept as given (no serialization, which showed in profiles), so
 * callers must treat what they put and get as immutable.
 */
export class MemoryCache implements Cache {
  readonly #entries = new Map<string, { value: unknown; expiresAt: number }>();
  /** Changed fences by key, oldest first; forgotten after FENCE_TTL_SECONDS. */
  readonly #fences = new Map<string, { fence: string; expiresAt: number }>();
  readonly #maxEntries: number;
  constructor(maxEntries = 10_000) {
    this.#maxEntries = maxEntries;
  }

  async get<T>(key: string): Promise<T | null> {
    const entry = this.#entries.get(key);
    if (!entry) return null;
    if (entry.expiresAt <= Date.now()) {
      this.#entries.delete(key);
      return null;
    }
    return entry.value as T;
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    this.#entries.delete(key);
    // Maps iterate in insertion order: the first key is the oldest.
    if (this.#entries.size >= this.#maxEntries) this.#entries.delete(this.#entries.keys().next().value!);
    this.#entries.set(key, { value, expiresAt: Date.now() + ttlSeconds * 1000 });
  }

  async delete(...keys: string[]): Promise<void> {
    for (const key of keys) this.#entries.delete(key);
  }

  async setIfAbsent(key: string, value: unknown, ttlSeconds: number): Promise<boolean> {
    if ((await this.get(key)) !== null) return false;
    await this.set(key, value, ttlSeconds);
    return true;
  }

  async take<T>(key: string): Promise<T | null> {
    const value = await this.get<T>(key);
    this.#entries.delete(key);
    return value;
  }

  async fence(key: string): Promise<string> {
    const entry = this.#fences.get(key);
    return entry && entry.expiresAt > Date.now() ? entry.fence : UNFENCED;
  }

  // One process, one thread: the check and the store below cannot interleave with an invalidate.
  async setFenced(key: string, value: unknown, ttlSeconds: number, fence: string): Promise<boolean> {
    if ((await this.fence(key)) !== fence) return false;
    await this.set(key, value, ttlSeconds);
    return true;
  }

  async invalidate(...keys: string[]): Promise<void> {
    const now = Date.now();
    // Insertion order is age order: drop the fences that are past remembering.
    for (const [key, entry] of this.#fences) {
      if (entry.expiresAt > now) break;
      this.#fences.delete(key);
    }
    for (const key of keys) {
      this.#entries.delete(key);
      this.#fences.delete(key);
      this.#fences.set(key, { fence: newFence(), expiresAt: now + FENCE_TTL_SECONDS * 1000 });
    }
  }
}

// KEYS[1] the value, KEYS[2] its fence; ARGV: the fence read before loading, the value, the TTL.
const SET_FENCED_SCRIPT = `
if (redis.call('GET', KEYS[2]) or '${UNFENCED}') == ARGV[1] then
  redis.call('SET', KEYS[1], ARGV[2], 'EX', ARGV[3])
  return 1
end
return 0`;

export class RedisCache implements Cache {
  readonly #redis: Redis;
  readonly #prefix: string;
  constructor(redis: Redis, prefix = "glow:cache:") {
    this.#redis = redis;
    this.#prefix = prefix;
  }

  async get<T>(key: string): Promise<T | null> {
    const value = await this.#redis.get(this.#prefix + key);
    return value === null ? null : superjson.parse<T>(value);
  }

  async set(key: string, value: unknown, ttlSeconds: number): Promise<void> {
    await this.#redis.set(this.#prefix + key, superjson.stringify(value), "EX", Math.max(1, Math.ceil(ttlSeconds)));
  }

  async delete(...keys: string[]): Promise<void> {
    if (keys.length > 0) await this.#redis.del(...keys.map((key) => this.#prefix + key));
  }

  async setIfAbsent(key: string, value: unknown, ttlSeconds: number): Promise<boolean> {
    const stored = await this.#redis.set(this.#prefix + key, superjson.stringify(value), "EX", Math.max(1, Math.ceil(ttlSeconds)), "NX");
    return stored === "OK";
  }

  async take<T>(key: string): Promise<T | null> {
    const value = await this.#redis.getdel(this.#prefix + key);
    return value === null ? null : superjson.parse<T>(value);
  }

  #fenceKey(key: string): string {
    return `${this.#prefix}fence:${key}`;
  }

  async fence(key: string): Promise<string> {
    return (await this.#redis.get(this.#fenceKey(key))) ?? UNFENCED;
  }

  async setFenced(key: string, value: unknown, ttlSeconds: number, fence: string): Promise<boolean> {
    const ttl = String(Math.max(1, Math.ceil(ttlSeconds)));
    const stored = await this.#redis.eval(
      SET_FENCED_SCRIPT,
      2,
      this.#prefix + key,
      this.#fenceKey(key),
      fence,
      superjson.stringify(value),
      ttl,
    );
    return stored === 1;
  }

  async invalidate(...keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    const transaction = this.#redis.multi();
    for (const key of keys) {
      transaction.del(this.#prefix + key);
      // A fresh random fence, not a counter: a forgotten-then-recreated counter could repeat an old value.
      transaction.set(this.#fenceKey(key), newFence(), "EX", FENCE_TTL_SECONDS);
    }
    await transaction.exec();
  }
}
