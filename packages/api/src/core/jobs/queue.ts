// The durable job queue: pg-boss over Glow's PostgreSQL (decision 023). Any instance may send;
// instances started as workers (GLOW_WORKERS, or `pnpm --filter @glow/server worker`) also
// run jobs, with retries (exponential backoff with jitter), dead letters (state `failed`),
// and cron schedules that fire once per tick across all instances.
import { JOBS_SCHEMA } from "@glow/db";
import { PgBoss, type Job } from "pg-boss";
import { NotFoundError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import type { Page } from "../pagination.ts";
import { RetryLaterError, type QueuedJob } from "./job.ts";

/** Any job definition, whatever services it runs with (the queue never looks at them). */
type AnyJob = QueuedJob<never, never>;

export type JobState = "created" | "retry" | "active" | "completed" | "cancelled" | "failed";
export const JOB_STATES = ["created", "retry", "active", "completed", "cancelled", "failed"] as const satisfies readonly JobState[];

export interface SendOptions {
  /** Not before this time. */
  startAfter?: Date;
  /**
   * Not sent (null) while a job with this key waits in the queue. Best effort: two sends at the
   * same instant can both go through, so the job itself must be safe to run twice (every Glow
   * job is: the publish job's lock and attempt record, the inbox sync's dedup by external id).
   */
  singletonKey?: string;
}

export interface JobSummary {
  id: string;
  queue: string;
  state: JobState;
  /** Tries so far (retry_count + 1 once started). */
  attempts: number;
  retryLimit: number;
  data: unknown;
  /** The last error's message, for failed and retrying jobs. */
  error: string | null;
  createdAt: Date;
  startAfter: Date;
  startedAt: Date | null;
  completedAt: Date | null;
}

export interface QueueCounts {
  queue: string;
  counts: Record<JobState, number>;
  /** Age in seconds of the oldest job waiting to run (0 when none). */
  oldestWaitingSeconds: number;
}

export interface JobQueueOptions {
  databaseUrl: string;
  logger: Logger;
  /** How often an idle worker looks for due jobs (pg-boss also wakes on LISTEN/NOTIFY). */
  pollingIntervalSeconds?: number;
  /** pg-boss's own connections. */
  poolSize?: number;
  /** How often a worker looks for jobs whose try expired (its worker died) to retry them; pg-boss's default is 60. */
  superviseIntervalSeconds?: number;
}

interface JobRow {
  id: string;
  name: string;
  state: JobState;
  retry_count: number;
  retry_limit: number;
  data: unknown;
  output: unknown;
  created_on: Date;
  start_after: Date;
  started_on: Date | null;
  completed_on: Date | null;
}

function errorOf(output: unknown): string | null {
  if (!output || typeof output !== "object") return null;
  const message = (output as { message?: unknown }).message;
  return typeof message === "string" ? message : null;
}

function summaryOf(row: JobRow): JobSummary {
  return {
    id: row.id,
    queue: row.name,
    state: row.state,
    attempts: row.started_on ? row.retry_count + 1 : row.retry_count,
    retryLimit: row.retry_limit,
    data: row.data,
    error: row.state === "completed" ? null : errorOf(row.output),
    createdAt: row.created_on,
    startAfter: row.start_after,
    startedAt: row.started_on,
    completedAt: row.completed_on,
  };
}

export class JobQueue {
  readonly #options: JobQueueOptions;
  #starting: Promise<PgBoss> | null = null;
  readonly #queues = new Map<string, Promise<void>>();
  #working = false;

  constructor(options: JobQueueOptions) {
    this.#options = options;
  }

  /** Whether this instance runs jobs (a worker) or only sends them. */
  get working(): boolean {
    return this.#working;
  }

  /** A sender only sends and reads; a worker's pg-boss also supervises (expiry, retention) and keeps the cron schedule. */
  #newBoss(role: "sender" | "worker"): PgBoss {
    const boss = new PgBoss({
      connectionString: this.#options.databaseUrl,
      schema: JOBS_SCHEMA,
      max: this.#options.poolSize ?? 4,
      ...(role === "sender"
        ? { supervise: false, schedule: false }
        : {
            // Woken by NOTIFY when a job is sent, rather than at the next poll.
            useListenNotify: true,
            // The ready counts that decide bursts (below) are this fresh.
            queueCacheIntervalSeconds: 2,
            // Expired tries are found on a queue's monitor pass, which is also throttled (60 s by default).
            ...(this.#options.superviseIntervalSeconds
              ? {
                  superviseIntervalSeconds: this.#options.superviseIntervalSeconds,
                  monitorIntervalSeconds: this.#options.superviseIntervalSeconds,
                }
              : {}),
          }),
    });
    boss.on("error", (error) => this.#options.logger.error({ err: error }, "job queue error"));
    return boss;
  }

  #start(): Promise<PgBoss> {
    this.#starting ??= (async () => {
      const boss = this.#newBoss("sender");
      await boss.start();
      return boss;
    })();
    return this.#starting;
  }

  #ensureQueue(boss: PgBoss, definition: { queue: string } & Omit<AnyJob, "run">): Promise<void> {
    let created = this.#queues.get(definition.queue);
    if (!created) {
      created = boss
        .createQueue(definition.queue, {
          retryLimit: definition.retryLimit,
          retryDelay: definition.retryDelaySeconds,
          retryBackoff: true,
          retryDelayMax: definition.retryDelayMaxSeconds,
          expireInSeconds: definition.expireInSeconds,
          notify: true,
        })
        .catch((error: unknown) => {
          this.#queues.delete(definition.queue);
          throw error;
        });
      this.#queues.set(definition.queue, created);
    }
    return created;
  }

  /** Queues a job; its id, or null when a job with the same singletonKey is already waiting. */
  async send<T extends object>(definition: QueuedJob<T, never>, data: T, options: SendOptions = {}): Promise<string | null> {
    const boss = await this.#start();
    if (options.singletonKey) {
      // pg-boss's standard queues keep the key but do not dedupe on it (its other policies would
      // also limit the jobs sent without one), so the waiting job is looked for here.
      const { rows } = await boss
        .getDb()
        .executeSql(`SELECT 1 FROM ${JOBS_SCHEMA}.job WHERE name = $1 AND singleton_key = $2 AND state IN ('created', 'retry') LIMIT 1`, [
          definition.queue,
          options.singletonKey,
        ]);
      if (rows.length > 0) return null;
    }
    await this.#ensureQueue(boss, definition);
    return boss.send(definition.queue, data, {
      ...(options.startAfter ? { startAfter: options.startAfter } : {}),
      ...(options.singletonKey ? { singletonKey: options.singletonKey } : {}),
    });
  }

  /**
   * Makes this instance a worker: runs every definition's jobs with these services, and keeps
   * the cron schedules (pg-boss fires each tick once across instances).
   */
  async work<Services>(definitions: readonly QueuedJob<never, Services>[], services: Services): Promise<void> {
    if (this.#working) throw new Error("This job queue is already working");
    this.#working = true;
    const sender = this.#starting;
    const boss = this.#newBoss("worker");
    this.#starting = boss.start().then(() => boss);
    await this.#starting;
    this.#queues.clear();
    // A sender started before (a send at start-up) is no longer needed.
    if (sender) await (await sender.catch(() => null))?.stop({ graceful: false, close: true });

    for (const definition of definitions) {
      await this.#ensureQueue(boss, definition);
      if (definition.cron) await boss.schedule(definition.queue, definition.cron, {}, { tz: "UTC" });
      await boss.work(
        definition.queue,
        {
          batchSize: definition.batchSize,
          localConcurrency: definition.concurrency,
          perJobResults: true,
          pollingIntervalSeconds: this.#options.pollingIntervalSeconds ?? 2,
          // NOTIFY wakes a worker for new jobs only; retries and scheduled jobs come due without one.
          notifyPollingIntervalSeconds: this.#options.pollingIntervalSeconds ?? 2,
          // While fetches come back full and jobs are waiting, fetch again at once instead of after a poll.
          burstWhenReadyExceeds: 1,
          burstWhenBatchFull: true,
        },
        (jobs: Job<object>[]) => Promise.all(jobs.map((job) => this.#runOne(definition, services, job))),
      );
    }
  }

  async #runOne<Services>(definition: QueuedJob<never, Services>, services: Services, job: Job<object>) {
    const run = { id: job.id, queue: job.name, attempt: job.retryCount + 1, signal: job.signal };
    try {
      await definition.run(job.data as never, services, run);
      return { id: job.id, status: "completed" as const };
    } catch (error) {
      if (error instanceof RetryLaterError) {
        await this.send(definition as QueuedJob<object, never>, job.data, { startAfter: new Date(Date.now() + error.ms) });
        return { id: job.id, status: "completed" as const, output: { message: `retry later: ${error.message}` } };
      }
      const message = error instanceof Error ? error.message : String(error);
      this.#options.logger.warn({ err: error, queue: job.name, jobId: job.id, attempt: run.attempt }, "job failed");
      return { id: job.id, status: "failed" as const, output: { message } };
    }
  }

  /**
   * Runs the queue's due jobs now, in this process, one at a time, until none is left (or
   * `max`): for tests and scripts that must not wait for a worker's poll.
   */
  async runDue<T extends object, Services>(definition: QueuedJob<T, Services>, services: Services, max = 100): Promise<number> {
    const boss = await this.#start();
    await this.#ensureQueue(boss, definition);
    let ran = 0;
    while (ran < max) {
      const [job] = await boss.fetch<object>(definition.queue, { batchSize: 1 });
      if (!job) break;
      const result = await this.#runOne(definition as QueuedJob<never, Services>, services, job);
      if (result.status === "completed") await boss.complete(definition.queue, job.id, result.output ?? null);
      else await boss.fail(definition.queue, job.id, result.output);
      ran += 1;
    }
    return ran;
  }

  /** Stops fetching; jobs already running get `timeoutMs` to finish, then are left to expire and be retried elsewhere. */
  async stop(timeoutMs = 10_000): Promise<void> {
    const starting = this.#starting;
    this.#starting = null;
    this.#working = false;
    if (!starting) return;
    const boss = await starting.catch(() => null);
    await boss?.stop({ graceful: true, timeout: timeoutMs, close: true });
  }

  async #sql<R>(text: string, values: unknown[]): Promise<R[]> {
    const boss = await this.#start();
    const { rows } = await boss.getDb().executeSql(text, values);
    return rows as R[];
  }

  /** Jobs newest first, optionally of one state and queue (the admin's Jobs screen); cursors hold milliseconds, so the order does too. */
  async list(filter: { state?: JobState; queue?: string; cursor?: string; limit: number }): Promise<Page<JobSummary>> {
    const [afterMs, afterId] = filter.cursor ? (filter.cursor.split("_") as [string, string]) : [null, null];
    const rows = await this.#sql<JobRow>(
      `SELECT id, name, state, retry_count, retry_limit, data, output, created_on, start_after, started_on, completed_on
         FROM ${JOBS_SCHEMA}.job
        WHERE ($1::text IS NULL OR state::text = $1) AND ($2::text IS NULL OR name = $2)
          AND ($3::timestamptz IS NULL OR (date_trunc('milliseconds', created_on), id) < ($3::timestamptz, $4::uuid))
        ORDER BY date_trunc('milliseconds', created_on) DESC, id DESC
        LIMIT $5`,
      [filter.state ?? null, filter.queue ?? null, afterMs ? new Date(Number(afterMs)) : null, afterId, filter.limit + 1],
    );
    const more = rows.length > filter.limit;
    const kept = more ? rows.slice(0, filter.limit) : rows;
    const last = kept.at(-1);
    return { items: kept.map(summaryOf), nextCursor: more && last ? `${last.created_on.getTime()}_${last.id}` : null };
  }

  async get(id: string): Promise<JobSummary | null> {
    const rows = await this.#sql<JobRow>(
      `SELECT id, name, state, retry_count, retry_limit, data, output, created_on, start_after, started_on, completed_on
         FROM ${JOBS_SCHEMA}.job WHERE id = $1`,
      [id],
    );
    return rows[0] ? summaryOf(rows[0]) : null;
  }

  /** Runs a failed (dead-lettered) or cancelled job again. */
  async retry(id: string): Promise<JobSummary> {
    const job = await this.get(id);
    if (!job) throw new NotFoundError("No such job");
    const boss = await this.#start();
    if (job.state === "cancelled") await boss.resume(job.queue, id);
    else await boss.retry(job.queue, id);
    return (await this.get(id))!;
  }

  /** Cancels a job that has not finished. */
  async cancel(id: string): Promise<JobSummary> {
    const job = await this.get(id);
    if (!job) throw new NotFoundError("No such job");
    const boss = await this.#start();
    await boss.cancel(job.queue, id);
    return (await this.get(id))!;
  }

  /** Jobs per queue and state, and how long the oldest waiting one has waited (metrics, the Jobs screen). */
  async counts(): Promise<QueueCounts[]> {
    const rows = await this.#sql<{ name: string; state: JobState; count: string; oldest: Date | null }>(
      `SELECT name, state::text AS state, count(*)::text AS count,
              min(start_after) FILTER (WHERE state IN ('created', 'retry') AND start_after <= now()) AS oldest
         FROM ${JOBS_SCHEMA}.job GROUP BY name, state ORDER BY name`,
      [],
    );
    const queues = new Map<string, QueueCounts>();
    const now = Date.now();
    for (const row of rows) {
      const entry = queues.get(row.name) ?? {
        queue: row.name,
        counts: Object.fromEntries(JOB_STATES.map((state) => [state, 0])) as Record<JobState, number>,
        oldestWaitingSeconds: 0,
      };
      entry.counts[row.state] = Number(row.count);
      if (row.oldest) entry.oldestWaitingSeconds = Math.max(entry.oldestWaitingSeconds, Math.round((now - row.oldest.getTime()) / 1000));
      queues.set(row.name, entry);
    }
    return [...queues.values()];
  }
}
