// What admin.jobs.* accept and answer.
import { z } from "zod";
import { JOB_STATES } from "../../core/jobs/queue.ts";
import { instantUuidCursor, pageInput } from "../../core/pagination.ts";

export const jobState = z.enum(JOB_STATES);

export const listJobsInput = pageInput({ cursor: instantUuidCursor }, { default: 25, max: 100 }).extend({
  state: jobState.optional(),
  queue: z
    .string()
    .trim()
    .regex(/^[a-z0-9][a-z0-9._-]{0,99}$/, "Not a queue name")
    .optional(),
});
export const jobIdInput = z.object({ id: z.uuid("Not a job id") });

export const jobOutput = z.object({
  id: z.string(),
  queue: z.string(),
  state: jobState,
  attempts: z.number(),
  retryLimit: z.number(),
  /** What the job was sent with (never a secret: job rows are plain text). */
  data: z.unknown(),
  error: z.string().nullable(),
  createdAt: z.date(),
  startAfter: z.date(),
  startedAt: z.date().nullable(),
  completedAt: z.date().nullable(),
});

const stateCounts = z.object(
  Object.fromEntries(JOB_STATES.map((state) => [state, z.number()])) as Record<(typeof JOB_STATES)[number], z.ZodNumber>,
);

export const queuesOutput = z.object({
  queues: z.array(
    z.object({
      queue: z.string(),
      counts: stateCounts,
      /** Age in seconds of the oldest job due and still waiting (0 when none). */
      oldestWaitingSeconds: z.number(),
      /** Jobs that used up their retries (state failed). */
      deadLetters: z.number(),
    }),
  ),
  /** Failed jobs across every queue. */
  deadLetters: z.number(),
});
