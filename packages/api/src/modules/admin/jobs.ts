// The admin's view of the durable job queue (admin.jobs.*): what ran, what waits, what failed
// for good (the dead letters, state `failed`), and retrying or cancelling one job.
import type { z } from "zod";
import type { Context } from "../../context.ts";
import { auditRequest } from "../../core/audit.ts";
import { NotFoundError, PreconditionFailedError } from "../../core/errors.ts";
import type { JobSummary } from "../../core/jobs/queue.ts";
import type { Page } from "../../core/pagination.ts";
import type { listJobsInput, queuesOutput } from "./jobs.schemas.ts";

type Deps = Pick<Context, "jobs">;

export function listJobs(ctx: Deps, input: z.infer<typeof listJobsInput>): Promise<Page<JobSummary>> {
  return ctx.jobs.list({
    limit: input.limit,
    ...(input.state ? { state: input.state } : {}),
    ...(input.queue ? { queue: input.queue } : {}),
    ...(input.cursor ? { cursor: input.cursor } : {}),
  });
}

export async function jobQueues(ctx: Deps): Promise<z.infer<typeof queuesOutput>> {
  const queues = (await ctx.jobs.counts()).map((queue) => ({ ...queue, deadLetters: queue.counts.failed }));
  return { queues, deadLetters: queues.reduce((sum, queue) => sum + queue.deadLetters, 0) };
}

async function jobOrNotFound(ctx: Deps, id: string): Promise<JobSummary> {
  const job = await ctx.jobs.get(id);
  if (!job) throw new NotFoundError("No such job");
  return job;
}

/** Runs a dead-lettered or cancelled job again, from its first try. */
export async function retryJob(ctx: Context, actorId: string, id: string): Promise<JobSummary> {
  const job = await jobOrNotFound(ctx, id);
  if (job.state !== "failed" && job.state !== "cancelled")
    throw new PreconditionFailedError(`Only failed or cancelled jobs can be retried; this one is ${job.state}`);
  const retried = await ctx.jobs.retry(id);
  await auditRequest(ctx, { action: "admin.job.retried", actorId, details: { jobId: id, queue: job.queue } });
  return retried;
}

/** Cancels a job that is waiting, retrying or running (a running one is not interrupted, its result is dropped). */
export async function cancelJob(ctx: Context, actorId: string, id: string): Promise<JobSummary> {
  const job = await jobOrNotFound(ctx, id);
  if (job.state === "completed" || job.state === "failed" || job.state === "cancelled") {
    throw new PreconditionFailedError(`Only waiting, retrying or running jobs can be cancelled; this one is ${job.state}`);
  }
  const cancelled = await ctx.jobs.cancel(id);
  await auditRequest(ctx, { action: "admin.job.cancelled", actorId, details: { jobId: id, queue: job.queue } });
  return cancelled;
}
