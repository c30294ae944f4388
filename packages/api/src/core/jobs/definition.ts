// A durable job: a named queue, its retry policy, and what runs for each job (decision 023).
// Definitions live beside the work they do (a module's *.jobs.ts); packages/api/src/jobs.ts
// lists them all for the workers.
import type { AppServices } from "../../context.ts";
import type { QueuedJob } from "./job.ts";

export { RetryLaterError, type JobRun } from "./job.ts";

export type JobDefinition<T extends object = object> = QueuedJob<T, AppServices>;

type Defaults = "retryLimit" | "retryDelaySeconds" | "retryDelayMaxSeconds" | "expireInSeconds" | "cron" | "batchSize" | "concurrency";

export function defineJob<T extends object>(
  definition: Omit<JobDefinition<T>, Defaults> & Partial<Pick<JobDefinition<T>, Defaults>>,
): JobDefinition<T> {
  return {
    retryLimit: 5,
    retryDelaySeconds: 5,
    retryDelayMaxSeconds: 600,
    expireInSeconds: 300,
    cron: null,
    batchSize: 1,
    concurrency: 1,
    ...definition,
  };
}
