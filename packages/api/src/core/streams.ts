// Open live streams (subscriptions) per person, capped across every server instance: in
// Redis when configured, in process otherwise. Each open stream holds a lease that it renews
// while it runs, so a crashed instance's streams stop counting once their leases lapse.
import type { Redis } from "ioredis";

export const MAX_STREAMS_PER_PERSON = 20;
/** A stream re-checks its credential and renews its lease this often. */
export const STREAM_CHECK_EVERY_MS = 30_000;
const LEASE_MS = 3 * STREAM_CHECK_EVERY_MS;

export interface StreamLease {
  renew(): Promise<void>;
  close(): Promise<void>;
}

export interface StreamLeases {
  /** A lease for one more stream of `userId`, or null when they already have the most allowed. */
  open(userId: string): Promise<StreamLease | null>;
}

export class MemoryStreamLeases implements StreamLeases {
  readonly #open = new Map<string, Map<string, number>>();
  readonly #max: number;
  constructor(max = MAX_STREAMS_PER_PERSON) {
    this.#max = max;
  }

  async open(userId: string): Promise<StreamLease | null> {
    const now = Date.now();
    const streams = this.#open.get(userId) ?? new Map<string, number>();
    for (const [id, expiresAt] of streams) if (expiresAt <= now) streams.delete(id);
    if (streams.size >= this.#max) return null;
    const id = crypto.randomUUID();
    streams.set(id, now + LEASE_MS);
    this.#open.set(userId, streams);
    return {
      renew: async () => void (streams.has(id) && streams.set(id, Date.now() + LEASE_MS)),
      close: async () => {
        streams.delete(id);
        if (streams.size === 0 && this.#open.get(userId) === streams) this.#open.delete(userId);
      },
    };
  }
}

// KEYS[1] the person's streams (member: stream id, score: lease end in ms); ARGV: now, lease end, id, max, key TTL in ms.
const OPEN_SCRIPT = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1`;

export class RedisStreamLeases implements StreamLeases {
  readonly #redis: Redis;
  readonly #prefix: string;
  readonly #max: number;
  constructor(redis: Redis, prefix = "glow:streams:", max = MAX_STREAMS_PER_PERSON) {
    this.#redis = redis;
    this.#prefix = prefix;
    this.#max = max;
  }

  async open(userId: string): Promise<StreamLease | null> {
    const key = this.#prefix + userId;
    const id = crypto.randomUUID();
    const now = Date.now();
    const opened = await this.#redis.eval(OPEN_SCRIPT, 1, key, now, now + LEASE_MS, id, this.#max, LEASE_MS);
    if (opened !== 1) return null;
    return {
      renew: async () => {
        await this.#redis
          .multi()
          .zadd(key, "XX", Date.now() + LEASE_MS, id)
          .pexpire(key, LEASE_MS)
          .exec();
      },
      close: async () => void (await this.#redis.zrem(key, id)),
    };
  }
}
