// Job throughput (issue 13): how many publish jobs one worker completes per second against the
// local sandbox platform (a no-op publish: the sandbox records the post in memory), and the
// latency from each target's due time to its published_at at that load — against the bare
// queue: pg-boss running a no-op handler on the same kind of jobs, same batch size and polling,
// in the same run. Rounds alternate which goes first; the median round is reported.
//
// Each round makes JOBS_PER_ROUND targets due at one instant a few seconds ahead (their jobs
// queued before it), starts a worker, and waits until every one is published.
import { randomUUID } from "node:crypto";
import { createDb, JOBS_SCHEMA } from "@glow/db";
import pg from "pg";
import { PgBoss } from "pg-boss";
import { createAppServices } from "../../packages/api/src/context.ts";
import { JobQueue } from "../../packages/api/src/core/jobs/queue.ts";
import { generateTokenKey, TokenCipher } from "../../packages/api/src/core/secrets.ts";
import { createPlatforms, sandboxPlatform } from "../../packages/api/src/modules/publish/platforms/index.ts";
import { publishTargetJob } from "../../packages/api/src/modules/publish/publishing.jobs.ts";

const JOBS_PER_ROUND = Number(process.env.BENCH_JOBS ?? 1000);
/** The paced rounds: jobs come due evenly at this rate (the 200 jobs/s), for the latency at that load. */
const PACED_RATE = Number(process.env.BENCH_JOB_RATE ?? 200);
const ROUNDS = Number(process.env.BENCH_JOB_ROUNDS ?? process.env.BENCH_ROUNDS ?? 3);
const LEAD_MS = 4000;
const silent = { info() {}, warn() {}, error() {} };

export interface JobRound {
  jobsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

export interface JobBenchResult {
  jobs: number;
  /** All due at one instant: throughput. */
  glow: JobRound[];
  bare: JobRound[];
  /** Due evenly at `rate` per second: latency at that load. */
  paced: JobRound[];
  rate: number;
  batchSize: number;
  concurrency: number;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};

/** Each job's own due time and when it was done; throughput from the first due time to the last done. */
function roundOf(jobs: Array<{ due: number; done: number }>): JobRound {
  const latencies = jobs.map((job) => job.done - job.due);
  const first = Math.min(...jobs.map((job) => job.due));
  const last = Math.max(...jobs.map((job) => job.done));
  return {
    jobsPerSecond: jobs.length / Math.max(0.001, (last - first) / 1000),
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
  };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("jobs did not finish in time");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** One round of Glow's publish job: JOBS_PER_ROUND targets due at one instant (or, paced, evenly at `rate` a second), one worker. */
async function glowRound(
  databaseUrl: string,
  orgId: string,
  accountId: string,
  authorId: string,
  rate: number | null = null,
): Promise<JobRound> {
  const db = createDb({ url: databaseUrl });
  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  const jobs = new JobQueue({ databaseUrl, logger: silent, pollingIntervalSeconds: 0.5 });
  const services = createAppServices({
    db,
    redis: null,
    logger: silent,
    version: "bench",
    config: { publicUrl: "http://127.0.0.1:1", webUrl: "http://127.0.0.1:1", oauth: {} },
    requestLog: false,
    jobs,
    secrets: benchCipher,
    platforms: benchPlatforms,
  });
  try {
    const dueAt = Date.now() + LEAD_MS;
    const spacingMs = rate ? 1000 / rate : 0;
    const { rows } = await sql.query<{ id: string; scheduled_at: Date }>(
      `WITH posts AS (
         INSERT INTO publish_posts (org_id, author_id, content, scheduled_at)
         SELECT $1, $2, 'Bench job post ' || n, $3::timestamptz + (n * $6::float8 || ' milliseconds')::interval
           FROM generate_series(0, $5 - 1) AS n RETURNING id, scheduled_at)
       INSERT INTO publish_targets (org_id, post_id, account_id, state, scheduled_at)
       SELECT $1, posts.id, $4, 'scheduled', posts.scheduled_at FROM posts RETURNING id, scheduled_at`,
      [orgId, authorId, new Date(dueAt), accountId, JOBS_PER_ROUND, spacingMs],
    );
    await Promise.all(rows.map((row) => jobs.send(publishTargetJob, { orgId, targetId: row.id }, { startAfter: row.scheduled_at })));
    if (Date.now() > dueAt) throw new Error("queueing took longer than the lead time; lower BENCH_JOBS");
    await jobs.work([publishTargetJob as never], services);
    const ids = rows.map((row) => row.id);
    await waitFor(async () => {
      const { rows: left } = await sql.query<{ n: number }>(
        "SELECT count(*)::int AS n FROM publish_targets WHERE id = ANY($1) AND state <> 'published'",
        [ids],
      );
      return left[0]!.n === 0;
    }, 120_000);
    const { rows: done } = await sql.query<{ due: Date; done: Date }>(
      "SELECT scheduled_at AS due, published_at AS done FROM publish_targets WHERE id = ANY($1)",
      [ids],
    );
    return roundOf(done.map((row) => ({ due: row.due.getTime(), done: row.done.getTime() })));
  } finally {
    await jobs.stop();
    await sql.end();
    await db.$disconnect();
  }
}

/** The bare queue: pg-boss with a no-op handler, the same batch size and polling. */
async function bareRound(databaseUrl: string): Promise<JobRound> {
  const queue = `bench.bare.${randomUUID().slice(0, 8)}`;
  const boss = new PgBoss({ connectionString: databaseUrl, schema: JOBS_SCHEMA, max: 4 });
  boss.on("error", () => {});
  await boss.start();
  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  try {
    await boss.createQueue(queue, { retryLimit: publishTargetJob.retryLimit, expireInSeconds: publishTargetJob.expireInSeconds });
    const dueAt = Date.now() + LEAD_MS;
    await Promise.all(Array.from({ length: JOBS_PER_ROUND }, (_, n) => boss.send(queue, { n }, { startAfter: new Date(dueAt) })));
    await boss.work(
      queue,
      {
        batchSize: publishTargetJob.batchSize,
        localConcurrency: publishTargetJob.concurrency,
        pollingIntervalSeconds: 0.5,
        burstWhenBatchFull: true,
        perJobResults: true,
      },
      async (batch) => batch.map((job) => ({ id: job.id, status: "completed" as const })),
    );
    await waitFor(async () => {
      const { rows } = await sql.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${JOBS_SCHEMA}.job WHERE name = $1 AND state <> 'completed'`,
        [queue],
      );
      return rows[0]!.n === 0;
    }, 120_000);
    const { rows } = await sql.query<{ done: Date }>(`SELECT completed_on AS done FROM ${JOBS_SCHEMA}.job WHERE name = $1`, [queue]);
    return roundOf(rows.map((row) => ({ due: dueAt, done: row.done.getTime() })));
  } finally {
    await boss.stop({ graceful: true, close: true });
    await sql.end();
  }
}

const benchCipher = new TokenCipher([generateTokenKey("bench")]);
const benchPlatforms = createPlatforms({ sandbox: { secret: "bench-sandbox-secret" } }, "http://127.0.0.1:1");

/** An organization on the enterprise plan with one sandbox account whose tokens the sandbox accepts. */
async function workspace(databaseUrl: string, authorId: string): Promise<{ orgId: string; accountId: string }> {
  const sandbox = sandboxPlatform(benchPlatforms)!;
  const profile = { externalId: "bench-sandbox", handle: "bench", displayName: "Bench" };
  const tokens = sandbox.mintTokens(profile);
  const sql = new pg.Client({ connectionString: databaseUrl });
  await sql.connect();
  try {
    const org = await sql.query<{ id: string }>(
      "INSERT INTO organizations (name, slug) VALUES ('Bench jobs', 'bench-jobs-' || substr(md5(random()::text), 1, 8)) RETURNING id",
    );
    const orgId = org.rows[0]!.id;
    await sql.query("INSERT INTO plan_subscriptions (org_id, plan, provider) VALUES ($1, 'enterprise', 'sandbox')", [orgId]);
    const account = await sql.query<{ id: string }>(
      `INSERT INTO publish_accounts (org_id, platform, external_id, handle, display_name, access_token, refresh_token, token_expires_at, scopes, connected_by_id)
       VALUES ($1, 'sandbox', $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        orgId,
        profile.externalId,
        profile.handle,
        profile.displayName,
        benchCipher.encrypt(tokens.accessToken, "publish_accounts.access_token"),
        tokens.refreshToken ? benchCipher.encrypt(tokens.refreshToken, "publish_accounts.refresh_token") : null,
        tokens.expiresAt,
        tokens.scopes,
        authorId,
      ],
    );
    return { orgId, accountId: account.rows[0]!.id };
  } finally {
    await sql.end();
  }
}

export async function benchJobs(databaseUrl: string, authorId: string): Promise<JobBenchResult> {
  const { orgId, accountId } = await workspace(databaseUrl, authorId);
  const glow: JobRound[] = [];
  const bare: JobRound[] = [];
  const paced: JobRound[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    if (round % 2 === 0) {
      glow.push(await glowRound(databaseUrl, orgId, accountId, authorId));
      bare.push(await bareRound(databaseUrl));
    } else {
      bare.push(await bareRound(databaseUrl));
      glow.push(await glowRound(databaseUrl, orgId, accountId, authorId));
    }
  }
  for (let round = 0; round < ROUNDS; round++) paced.push(await glowRound(databaseUrl, orgId, accountId, authorId, PACED_RATE));
  return {
    jobs: JOBS_PER_ROUND,
    glow,
    bare,
    paced,
    rate: PACED_RATE,
    batchSize: publishTargetJob.batchSize,
    concurrency: publishTargetJob.concurrency,
  };
}
