// A durable job: a named queue, its retry policy, and what runs for each job (decision 023).
// Definitions live beside the work they do (a module's *.jobs.ts); packages/api/src/jobs.ts
// lists them all for the workers.
import type { AppServices } from "../../context.ts";

export interface JobRun {
  id: string;
  queue: string;
  /** 1 for the first try, 2 for the first retry, ... */
  attempt: number;
  /** Aborted when the job expires or the worker stops. */
  signal: AbortSignal;
}

export interface JobDefinition<T extends object = object> {
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
  run(data: T, services: AppServices, job: JobRun): Promise<void>;
}

type Defaults = "retryLimit" | "retryDelaySeconds" | "retryDelayMaxSeconds" | "expireInSeconds" | "cron" | "batchSize";

export function defineJob<T extends object>(definition: Omit<JobDefinition<T>, Defaults> & Partial<Pick<JobDefinition<T>, Defaults>>): JobDefinition<T> {
  return {
    retryLimit: 5,
    retryDelaySeconds: 5,
    retryDelayMaxSeconds: 600,
    expireInSeconds: 300,
    cron: null,
    batchSize: 1,
    ...definition,
  };
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
