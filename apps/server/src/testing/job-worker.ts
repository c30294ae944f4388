// A worker process as `pnpm --filter @glow/server worker` runs it, plus the test job, with fast
// polling and supervision (expired tries are found within a second): for worker.test.ts.
import { JOBS } from "@glow/api";
import { loadEnv } from "../env.ts";
import { createLogger } from "../logger.ts";
import { startWorker } from "../runtime.ts";
import { runUntilSignalled } from "../signals.ts";
import { sleepyJob } from "./sleepy-job.ts";

const env = loadEnv();
const logger = createLogger(env.LOG_LEVEL);
const worker = await startWorker(env, logger, {
  jobs: [...JOBS, sleepyJob as never],
  queue: { pollingIntervalSeconds: 0.5, superviseIntervalSeconds: 1 },
});
runUntilSignalled(worker, logger, "shutting down: letting running jobs finish");
