// Every durable job Glow runs, for the workers (apps/server starts them with these). Each
// definition lives beside the work it does.
import { cleanupJob } from "./core/jobs/cleanup.ts";
import type { JobDefinition } from "./core/jobs/definition.ts";
import { resetEmailJob } from "./modules/auth/password.jobs.ts";
import { inboxSyncAllJob, inboxSyncJob, reencryptTokensJob, refreshTokensJob } from "./modules/publish/accounts.jobs.ts";
import { publishTargetJob, sweepPublishTargetsJob } from "./modules/publish/publishing.jobs.ts";

export const JOBS: readonly JobDefinition<never>[] = [
  cleanupJob,
  resetEmailJob,
  publishTargetJob,
  sweepPublishTargetsJob,
  refreshTokensJob,
  reencryptTokensJob,
  inboxSyncJob,
  inboxSyncAllJob,
];
