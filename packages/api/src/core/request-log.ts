import { sqlPool, type Db, type SqlPool } from "@glow/db";
import type { Logger } from "./logger.ts";

export interface RequestLogEntry {
  requestId: string;
  procedure: string;
  status: number;
  durationMs: number;
  userId: string | null;
  createdAt: Date;
}

export interface RequestLogOptions {
  /** Entries held at most; past this the oldest are dropped (and counted), so memory stays bounded. */
  maxBuffered?: number;
  batchSize?: number;
  flushIntervalMs?: number;
}

/**
 * Request logging without a database write on the request's path: calls are buffered in
 * memory and inserted in batches (every second, or as soon as a batch fills), and the
 * rest is flushed on shutdown.
 */
export class RequestLogBuffer {
  readonly #pool: SqlPool;
  readonly #logger: Logger;
  readonly #maxBuffered: number;
  readonly #batchSize: number;
  #entries: RequestLogEntry[] = [];
  #timer: NodeJS.Timeout | null = null;
  #flushing: Promise<void> | null = null;
  dropped = 0;
  written = 0;

  constructor(db: Db, logger: Logger, options: RequestLogOptions = {}) {
    this.#pool = sqlPool(db);
    this.#logger = logger;
    this.#maxBuffered = options.maxBuffered ?? 10_000;
    this.#batchSize = options.batchSize ?? 500;
    this.#timer = setInterval(() => void this.flush(), options.flushIntervalMs ?? 1000);
    this.#timer.unref();
  }

  get pending(): number {
    return this.#entries.length;
  }

  push(entry: RequestLogEntry): void {
    if (this.#entries.length >= this.#maxBuffered) {
      this.#entries.shift();
      this.dropped += 1;
    }
    this.#entries.push(entry);
    if (this.#entries.length >= this.#batchSize) void this.flush();
  }

  /** Writes everything buffered so far; concurrent calls share one run. */
  flush(): Promise<void> {
    this.#flushing ??= this.#drain().finally(() => (this.#flushing = null));
    return this.#flushing;
  }

  async #drain(): Promise<void> {
    while (this.#entries.length > 0) {
      const batch = this.#entries.splice(0, this.#batchSize);
      try {
        // One statement per batch: arrays in, unnest() into rows.
        await this.#pool.query(
          `INSERT INTO request_logs (request_id, procedure, status, duration_ms, user_id, created_at)
           SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::real[], $5::uuid[], $6::timestamptz[])`,
          [
            batch.map((e) => e.requestId),
            batch.map((e) => e.procedure),
            batch.map((e) => e.status),
            batch.map((e) => e.durationMs),
            batch.map((e) => e.userId),
            batch.map((e) => e.createdAt),
          ],
        );
        this.written += batch.length;
      } catch (error) {
        this.dropped += batch.length;
        this.#logger.warn({ err: error, lost: batch.length }, "request log batch could not be written");
        return;
      }
    }
  }

  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.flush();
  }
}
