// The publish module's durable jobs: one per scheduled target (sent when it is scheduled, run
// when due), and a sweeper each minute for due targets whose job was lost.
import { defineJob } from "../../core/jobs/definition.ts";
import { publishTarget, sweepDueTargets, type PublishTargetInput } from "./publishing.ts";

export const publishTargetJob = defineJob<PublishTargetInput>({
  queue: "publish.target",
  // Retries of platform failures are the job's own (RetryLaterError, with the platform's
  // Retry-After); these cover crashes of the job itself (the database was away).
  retryLimit: 10,
  retryDelaySeconds: 5,
  retryDelayMaxSeconds: 300,
  expireInSeconds: 180,
  // Publishing waits on platforms: several loops of a few jobs keep one worker busy (pnpm bench).
  batchSize: 10,
  concurrency: 4,
  async run(data, services) {
    await publishTarget(services, data);
  },
});

export const sweepPublishTargetsJob = defineJob<object>({
  queue: "publish.sweep",
  cron: "* * * * *",
  retryLimit: 0,
  expireInSeconds: 50,
  async run(_data, services) {
    await sweepDueTargets(
      services,
      (input) => services.jobs.send(publishTargetJob, input, { singletonKey: input.targetId }),
      publishTargetJob.queue,
    );
  },
});

export const PUBLISHING_JOBS = [publishTargetJob, sweepPublishTargetsJob] as const;
