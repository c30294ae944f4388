// Events that must reach subscribers on any server instance. With Redis, publish goes
// through Redis pub/sub, so an event raised on one instance reaches a subscriber connected
// to another; without it, an in-process emitter stands in (one instance).
import { EventEmitter } from "node:events";
import type { Redis } from "ioredis";
import superjson from "superjson";

export interface EventBus {
  publish(channel: string, payload: unknown): Promise<void>;
  /** Calls `listener` for each event on `channel` until the returned function is called. */
  subscribe(channel: string, listener: (payload: unknown) => void): Promise<() => Promise<void>>;
  close(): Promise<void>;
}

export class InProcessEventBus implements EventBus {
  readonly #emitter = new EventEmitter().setMaxListeners(0);

  async publish(channel: string, payload: unknown): Promise<void> {
    this.#emitter.emit(channel, payload);
  }

  async subscribe(channel: string, listener: (payload: unknown) => void): Promise<() => Promise<void>> {
    this.#emitter.on(channel, listener);
    return async () => void this.#emitter.off(channel, listener);
  }

  async close(): Promise<void> {
    this.#emitter.removeAllListeners();
  }
}

export class RedisEventBus implements EventBus {
  readonly #publisher: Redis;
  /** Subscribing puts a Redis connection in subscriber mode, so it gets its own. */
  readonly #subscriber: Redis;
  readonly #local = new EventEmitter().setMaxListeners(0);
  readonly #prefix: string;

  constructor(redis: Redis, prefix = "glow:events:") {
    this.#publisher = redis;
    this.#subscriber = redis.duplicate();
    this.#prefix = prefix;
    this.#subscriber.on("message", (channel: string, message: string) => {
      this.#local.emit(channel.slice(this.#prefix.length), superjson.parse(message));
    });
  }

  async publish(channel: string, payload: unknown): Promise<void> {
    await this.#publisher.publish(this.#prefix + channel, superjson.stringify(payload));
  }

  async subscribe(channel: string, listener: (payload: unknown) => void): Promise<() => Promise<void>> {
    // One Redis subscription per channel, shared by this instance's listeners.
    if (this.#local.listenerCount(channel) === 0) await this.#subscriber.subscribe(this.#prefix + channel);
    this.#local.on(channel, listener);
    return async () => {
      this.#local.off(channel, listener);
      if (this.#local.listenerCount(channel) === 0) await this.#subscriber.unsubscribe(this.#prefix + channel);
    };
  }

  async close(): Promise<void> {
    this.#local.removeAllListeners();
    this.#subscriber.disconnect();
  }
}

/** The events of one channel as an async iterable, for tRPC subscriptions; ends when `signal` aborts. */
export async function* eventsOf<T>(bus: EventBus, channel: string, signal: AbortSignal | undefined): AsyncGenerator<T> {
  const queue: T[] = [];
  let wake: (() => void) | null = null;
  const unsubscribe = await bus.subscribe(channel, (payload) => {
    queue.push(payload as T);
    wake?.();
  });
  const aborted = new Promise<void>((resolve) => signal?.addEventListener("abort", () => resolve(), { once: true }));
  try {
    while (!signal?.aborted) {
      while (queue.length > 0) yield queue.shift()!;
      await Promise.race([new Promise<void>((resolve) => (wake = resolve)), aborted]);
      wake = null;
    }
  } finally {
    await unsubscribe();
  }
}
