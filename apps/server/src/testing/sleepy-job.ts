// A job for the worker process tests: it logs (through the worker's logger) when it starts and
// finishes; its first try can hang, as a job does in a worker killed mid-job; tries expire after 2 s.
import { defineJob } from "@glow/api";

export interface SleepyJob {
  ms: number;
  /** The first try never ends on its own. */
  firstTryHangs?: boolean;
}

export const sleepyJob = defineJob<SleepyJob>({
  queue: "test.process-sleepy",
  retryLimit: 3,
  retryDelaySeconds: 1,
  retryDelayMaxSeconds: 2,
  expireInSeconds: 2,
  run: async ({ ms, firstTryHangs }, services, job) => {
    services.logger.info({ jobId: job.id, attempt: job.attempt, pid: process.pid }, "test job started");
    await new Promise((resolve) => setTimeout(resolve, firstTryHangs && job.attempt === 1 ? 600_000 : ms));
    services.logger.info({ jobId: job.id, attempt: job.attempt, pid: process.pid }, "test job finished");
  },
});
