// What Prometheus scrapes at GET /metrics (decision 028): per procedure and status class, the
// calls and their latency; rate-limit refusals; open live streams; and, read when scraped, the
// database pool, the job queue's depth and age per queue, and the process (event-loop lag,
// memory). Counting a call costs a counter and a histogram step; everything else is read on
// scrape, off the request path.
import { sqlPool, type Db } from "@glow/db";
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { JobQueue } from "./jobs/queue.ts";

const statusClass = (status: number) => `${Math.floor(status / 100)}xx`;

export class GlowMetrics {
  readonly registry = new Registry();
  readonly #calls: Counter<"procedure" | "status_class">;
  readonly #latency: Histogram<"procedure" | "status_class">;
  readonly #refusals: Counter<"limit">;
  readonly #streams: Gauge;
  readonly #jobs: JobQueue;
  readonly #waiting: Gauge<"queue">;
  readonly #oldest: Gauge<"queue">;
  readonly #dead: Gauge<"queue">;
  #processMetrics = false;

  constructor(sources: { db: Db; jobs: JobQueue }) {
    const registers = [this.registry];
    this.#calls = new Counter({
      name: "glow_trpc_requests_total",
      help: "Procedure calls by procedure and status class",
      labelNames: ["procedure", "status_class"],
      registers,
    });
    this.#latency = new Histogram({
      name: "glow_trpc_request_duration_seconds",
      help: "Procedure call latency by procedure and status class",
      labelNames: ["procedure", "status_class"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.#refusals = new Counter({
      name: "glow_rate_limit_refusals_total",
      help: "Calls refused by a rate limit, by limit",
      labelNames: ["limit"],
      registers,
    });
    this.#streams = new Gauge({ name: "glow_sse_open_streams", help: "Live subscriptions open on this instance", registers });
    const pool = sqlPool(sources.db);
    new Gauge({
      name: "glow_db_pool_connections",
      help: "The database pool's connections by state (in_use, idle, waiting: callers queued for one)",
      labelNames: ["state"],
      registers,
      collect() {
        this.set({ state: "in_use" }, pool.totalCount - pool.idleCount);
        this.set({ state: "idle" }, pool.idleCount);
        this.set({ state: "waiting" }, pool.waitingCount);
      },
    });
    this.#jobs = sources.jobs;
    this.#waiting = new Gauge({ name: "glow_jobs_waiting", help: "Jobs due or scheduled, per queue", labelNames: ["queue"], registers });
    this.#oldest = new Gauge({
      name: "glow_jobs_oldest_waiting_seconds",
      help: "Age of the oldest due job not yet started, per queue",
      labelNames: ["queue"],
      registers,
    });
    this.#dead = new Gauge({
      name: "glow_jobs_dead_letters",
      help: "Jobs that used up their retries (state failed), per queue",
      labelNames: ["queue"],
      registers,
    });
  }

  /** One procedure call, as the request log records it. */
  observeCall(procedure: string, status: number, durationMs: number): void {
    const labels = { procedure, status_class: statusClass(status) };
    this.#calls.inc(labels);
    this.#latency.observe(labels, durationMs / 1000);
  }

  rateLimited(limit: string): void {
    this.#refusals.inc({ limit });
  }

  streamOpened(): void {
    this.#streams.inc();
  }

  streamClosed(): void {
    this.#streams.dec();
  }

  /** The text Prometheus reads; the process's own metrics (event-loop lag, memory) start with the first scrape. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    if (!this.#processMetrics) {
      this.#processMetrics = true;
      collectDefaultMetrics({ register: this.registry, prefix: "glow_" });
    }
    // The queue's figures come from one query per scrape (the registry reads its metrics side by side).
    const queues = await this.#jobs.counts();
    for (const gauge of [this.#waiting, this.#oldest, this.#dead]) gauge.reset();
    for (const queue of queues) {
      this.#waiting.set({ queue: queue.queue }, queue.counts.created + queue.counts.retry);
      this.#oldest.set({ queue: queue.queue }, queue.oldestWaitingSeconds);
      this.#dead.set({ queue: queue.queue }, queue.counts.failed);
    }
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
