// The shape of a durable job, apart from the services it runs with, so that the queue (which
// the services hold) need not import them. Modules use definition.ts's defineJob.

export interface JobRun {
  id: string;
  queue: string;
  /** 1 for the first try, 2 for the first retry, ... */
  attempt: number;
  /** Aborted when the job expires or the worker stops. */
  signal: AbortSignal;
}

export interface QueuedJob<T extends object, Services> {
  queue: string;
  /** Retries after the first try before the job lands in the dead-letter state (`failed`). */
  retryLimit: number;
  /** The first retry's delay; later ones double it, with jitter, up to retryDelayMaxSeconds. */
  retryDelaySeconds: number;
  retryDelayMaxSeconds: number;
  /** A try running longer than this is given up and retried. */
  expireInSeconds: number;
  /** A cron expression (UTC): the queue also gets one job at each tick, across all instances. */
  cron: string | null;
  /** Jobs one worker fetches at once and runs side by side. */
  batchSize: number;
  /** Fetch loops one worker runs for this queue at once (each with its own batch). */
  concurrency: number;
  run(data: T, services: Services, job: JobRun): Promise<void>;
}

/**
 * Thrown by a job that must run again later than its retry policy says (a platform's
 * Retry-After): the queue sends the same data again to start after `ms`, and this job completes.
 */
export class RetryLaterError extends Error {
  readonly ms: number;

  constructor(ms: number, reason: string) {
    super(reason);
    this.name = "RetryLaterError";
    this.ms = ms;
  }
}
