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
}

/**
 * In process: values are kept as given (no serialization, which showed in profiles), so
 * callers must treat what they put and get as immutable.
 */
export class MemoryCache implements Cache {
  readonly #entries = new Map<string, { value: unknown; expiresAt: number }>();
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
}

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
}
