// What `pnpm bench` and `pnpm --filter @glow/benchmarks profile` share: a database of the
// run's own, child-process servers, and the signed-in person the load reads as.
import { spawn, type ChildProcess } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDb, ensureDatabase, migrateDeploy, seedCoachLibrary, seedDemo, startEmbeddedPostgres } from "@glow/db";
import pg from "pg";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repo = path.resolve(here, "../..");
export const glowMain = path.join(repo, "apps/server/src/main.ts");
export const baselineMain = path.join(here, "baseline.ts");
const PASSWORD = "bench-lighthouse-42";

export interface BenchDatabase {
  url: string;
  /** Rows in request_logs now. */
  requestLogRows(): Promise<number>;
  /** Refreshes the planner's statistics (after the set-up wrote the rows the load reads), as autovacuum would in time. */
  analyze(): Promise<void>;
  /** Drops the database (and stops the embedded PostgreSQL, if one was started). */
  drop(): Promise<void>;
}

/** A migrated, seeded database (demo data, the coach library) of the run's own: on DATABASE_URL's server, or an embedded PostgreSQL 17. */
export async function prepareDatabase(): Promise<BenchDatabase> {
  let adminUrl: string;
  let stopPostgres = async () => {};
  if (process.env.DATABASE_URL) {
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = "/postgres";
    adminUrl = url.toString();
  } else {
    const root = await mkdtemp(path.join(os.tmpdir(), "glow-bench-pg-"));
    await chmod(root, 0o755);
    const embedded = await startEmbeddedPostgres({ dataDir: path.join(root, "data"), persistent: false, database: "postgres" });
    adminUrl = embedded.adminUrl;
    stopPostgres = async () => {
      await embedded.stop();
      await rm(root, { recursive: true, force: true });
    };
  }
  const database = `glow_bench_${process.pid}`;
  await ensureDatabase(adminUrl, database);
  const url = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
  await migrateDeploy(url);
  const db = createDb({ url });
  await seedDemo(db, { nodeEnv: "development" });
  // programs.current's client takes the library's assessment, made of its exercises.
  await seedCoachLibrary(db);
  await db.$disconnect();

  const query = async <T extends pg.QueryResultRow>(sql: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query<T>(sql)).rows;
    } finally {
      await client.end();
    }
  };
  return {
    url,
    async requestLogRows() {
      return (await query<{ n: number }>("SELECT count(*)::int AS n FROM request_logs"))[0]!.n;
    },
    async analyze() {
      await query("ANALYZE");
    },
    async drop() {
      await ensureDatabase(adminUrl, "postgres");
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
      await stopPostgres();
    },
  };
}

/** Glow's environment as the benchmark runs it: production mode, quiet logs, rate limits out of the way (still counted). */
export function glowEnv(databaseUrl: string, port: number, options: { requestLog: boolean; nodeOptions?: string }): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    REQUEST_LOG: options.requestLog ? "1" : "0",
    RATE_LIMIT_READS_PER_MINUTE: "100000000",
    RATE_LIMIT_WRITES_PER_MINUTE: "100000000",
    RATE_LIMIT_TENANT_PER_MINUTE: "100000000",
    CORS_ORIGINS: "http://localhost",
    ...(options.nodeOptions ? { NODE_OPTIONS: options.nodeOptions } : {}),
  };
}

/** Spawns a server and waits until `readyUrl` answers (any HTTP status). */
export async function start(command: string[], env: Record<string, string>, readyUrl: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, command, { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${command.join(" ")} exited ${child.exitCode}: ${output.slice(-2000)}`);
    try {
      await fetch(readyUrl);
      return child;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  child.kill("SIGKILL");
  throw new Error(`${command.join(" ")} did not start: ${output.slice(-2000)}`);
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

async function trpc<T>(base: string, procedure: string, token: string | null, input?: unknown, mutation = false): Promise<T> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const body = input === undefined ? "{}" : JSON.stringify({ json: input });
  const response = mutation
    ? await fetch(`${base}/trpc/${procedure}`, { method: "POST", headers, body })
    : await fetch(
        `${base}/trpc/${procedure}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`,
        {
          headers,
        },
      );
  const json = (await response.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!json.result) throw new Error(`${procedure}: ${JSON.stringify(json.error)}`);
  return json.result.data.json;
}

export interface BenchUser {
  token: string;
  userId: string;
}

/** The person the load reads as, made through a running Glow at `base`: signed up, categories picked, today's plan, favorites. */
export async function createBenchUser(base: string): Promise<BenchUser> {
  const email = `bench-${Date.now()}@example.test`;
  const { token, account } = await trpc<{ token: string; account: { id: string } }>(
    base,
    "auth.register",
    null,
    { email, password: PASSWORD, name: "Bench", delivery: "token" },
    true,
  );
  const categories = await trpc<Array<{ id: string }>>(base, "reset.categories.list", token);
  await trpc(base, "reset.preferences.setCategories", token, { categoryIds: categories.slice(0, 3).map((c) => c.id) }, true);
  await trpc(base, "reset.plan.generate", token, undefined, true);
  const videos = await trpc<{ items: Array<{ id: string }> }>(base, "reset.videos.curated", token, { limit: 3 });
  for (const video of videos.items) await trpc(base, "reset.favorites.add", token, { videoId: video.id }, true);
  return { token, userId: account.id };
}

interface Question {
  id: string;
  kind: "scale" | "single" | "multi" | "number" | "yes_no";
  min?: number;
  max?: number;
  integer?: boolean;
  reads?: "age" | "weight" | "sessions_per_week";
  minChoices?: number;
  maxChoices?: number;
  options?: Array<{ id: string; points?: number; limitation?: string; exclusive?: boolean; sessionsPerWeek?: number }>;
}

const TYPICAL_NUMBERS = { age: 34, weight: 72, sessions_per_week: 3 } as const;

/**
 * A typical healthy client's answers to `questions`: no screening "yes", no limitation, the
 * middle of each scale and range, the best-scoring single choice, three sessions a week.
 */
export function typicalAnswers(questions: Question[]): Record<string, unknown> {
  const answers: Record<string, unknown> = {};
  for (const q of questions) {
    const options = q.options ?? [];
    if (q.kind === "yes_no") answers[q.id] = false;
    else if (q.kind === "scale") answers[q.id] = Math.round((q.min! + q.max!) / 2);
    else if (q.kind === "number") {
      const wanted = q.reads ? TYPICAL_NUMBERS[q.reads] : (q.min! + q.max!) / 2;
      const value = Math.min(q.max!, Math.max(q.min!, wanted));
      answers[q.id] = q.integer ? Math.round(value) : value;
    } else if (q.kind === "single") {
      const sessions = options.find((o) => o.sessionsPerWeek === 3);
      const healthy = options.filter((o) => !o.limitation);
      answers[q.id] = (sessions ?? [...healthy].sort((a, b) => (b.points ?? 0) - (a.points ?? 0))[0] ?? options[0]!).id;
    } else if (options.some((o) => o.limitation)) {
      // Limitations: "none of these" where there is one, else nothing.
      const none = options.find((o) => o.exclusive && !o.limitation);
      answers[q.id] = none ? [none.id] : [];
    } else {
      const choices = options.filter((o) => !o.exclusive);
      answers[q.id] = choices.slice(0, Math.max(q.minChoices ?? 0, Math.min(q.maxChoices ?? 2, 2))).map((o) => o.id);
    }
  }
  return answers;
}

export interface CoachClient extends BenchUser {
  orgId: string;
  programId: string;
  /** Sessions and exercises in the program (the size of what programs.current reads). */
  sessions: number;
  items: number;
}

/**
 * A fitness business and one of its clients with a generated program, made as people make
 * them through a running Glow at `base`: an owner signs up and creates the organization,
 * invites the client by email (the link read from the development outbox in `databaseUrl`),
 * the client signs up, accepts, and submits the assessment of Glow's library template.
 */
export async function createCoachClient(base: string, databaseUrl: string): Promise<CoachClient> {
  const stamp = Date.now();
  const owner = await trpc<{ token: string }>(
    base,
    "auth.register",
    null,
    { email: `bench-owner-${stamp}@example.test`, password: PASSWORD, name: "Bench Owner", delivery: "token" },
    true,
  );
  const org = await trpc<{ id: string }>(base, "orgs.create", owner.token, { name: `Bench Fitness ${stamp}` }, true);
  const email = `bench-client-${stamp}@example.test`;
  await trpc(base, "orgs.members.invite", owner.token, { orgId: org.id, email, role: "client" }, true);
  const outbox = new pg.Client({ connectionString: databaseUrl });
  await outbox.connect();
  let mail: string;
  try {
    const { rows } = await outbox.query<{ text: string }>(
      'SELECT text FROM outbox_emails WHERE "to" = $1 ORDER BY created_at DESC LIMIT 1',
      [email],
    );
    mail = rows[0]?.text ?? "";
  } finally {
    await outbox.end();
  }
  const invitation = /\/invite\/([A-Za-z0-9_-]+)/.exec(mail)?.[1];
  if (!invitation) throw new Error(`No invitation link in the outbox for ${email}`);
  const client = await trpc<{ token: string; account: { id: string } }>(
    base,
    "auth.register",
    null,
    { email, password: PASSWORD, name: "Bench Client", delivery: "token" },
    true,
  );
  await trpc(base, "orgs.invitations.accept", client.token, { token: invitation }, true);
  const templates = await trpc<{ items: Array<{ id: string; library: boolean }> }>(base, "coach.templates.list", client.token, {
    orgId: org.id,
  });
  const library = templates.items.find((t) => t.library);
  if (!library) throw new Error("No library template: is the coach library seeded?");
  const template = await trpc<{ questions: Question[] }>(base, "coach.templates.get", client.token, {
    orgId: org.id,
    templateId: library.id,
  });
  const submitted = await trpc<{ outcome: string; programId: string | null; reasons: string[] }>(
    base,
    "coach.assessments.submit",
    client.token,
    { orgId: org.id, templateId: library.id, answers: typicalAnswers(template.questions) },
    true,
  );
  if (!submitted.programId) throw new Error(`The assessment made no program: ${submitted.outcome} ${submitted.reasons.join("; ")}`);
  const program = await trpc<{ sessions: Array<{ items: unknown[] }> } | null>(base, "coach.programs.current", client.token, {
    orgId: org.id,
  });
  if (!program) throw new Error("coach.programs.current answered null after the assessment");
  return {
    token: client.token,
    userId: client.account.id,
    orgId: org.id,
    programId: submitted.programId,
    sessions: program.sessions.length,
    items: program.sessions.reduce((n, s) => n + s.items.length, 0),
  };
}

/** What publish.calendar reads: a month of posts in one organization, and the input that reads it. */
export interface PublishCalendar {
  orgId: string;
  posts: number;
  input: { orgId: string; from: string; to: string; timeZone: string };
}

/**
 * 500 posts spread over this month in `orgId` (the coach business: its client may read the
 * calendar), each on two connected accounts, written straight into the tables: the calendar
 * reads rows, and making 500 through the API would measure the set-up. The tokens are
 * placeholders; nothing is published.
 */
export async function seedPublishCalendar(databaseUrl: string, orgId: string, authorId: string, posts = 500): Promise<PublishCalendar> {
  const timeZone = "Europe/Berlin";
  const now = new Date();
  const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const days = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).getUTCDate();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const accounts = await client.query<{ id: string }>(
      `INSERT INTO publish_accounts (org_id, platform, external_id, handle, display_name, access_token, scopes, connected_by_id)
       SELECT $1, p::"SocialPlatform", 'bench-' || p, 'bench_' || p, 'Bench ' || p, 'gcm1:bench:placeholder:placeholder', '{}', $2
         FROM unnest(ARRAY['x', 'linkedin']) AS p
       RETURNING id`,
      [orgId, authorId],
    );
    await client.query(
      `WITH made AS (
         INSERT INTO publish_posts (org_id, author_id, content, time_zone, scheduled_at)
         SELECT $1, $2, 'Bench post ' || n || ': a week of small wins, and what we learned from them.', $3,
                $4::timestamptz + ((n % $5) || ' days')::interval + ((8 + n % 12) || ' hours')::interval + ((n * 7 % 60) || ' minutes')::interval
           FROM generate_series(1, $6) AS n
         RETURNING id, scheduled_at)
       INSERT INTO publish_targets (org_id, post_id, account_id, state, scheduled_at)
       SELECT $1, made.id, a.id, (CASE WHEN made.scheduled_at < now() THEN 'published' ELSE 'scheduled' END)::"PublishTargetState", made.scheduled_at
         FROM made CROSS JOIN unnest($7::uuid[]) AS a(id)`,
      [orgId, authorId, timeZone, first.toISOString(), days, posts, accounts.rows.map((row) => row.id)],
    );
  } finally {
    await client.end();
  }
  const day = (d: number) => new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), d)).toISOString().slice(0, 10);
  return { orgId, posts, input: { orgId, from: day(1), to: day(days), timeZone } };
}

/** The servers a read is measured on: the baseline, and Glow with request logging on and off. */
export type ServerName = "baseline" | "glowOn" | "glowOff";

export interface ReadTarget {
  /** Row label in the report. */
  label: string;
  server: ServerName;
  path: string;
}

/** programs.current on the baseline: with row-level security, as the owner in the same transaction, as the owner's plain query. */
export type RlsVariant = "on" | "ownerTransaction" | "off";

export interface HotRead {
  name: string;
  /** Whose bearer token the load carries. */
  token: string;
  /** The baseline and Glow with request logging on and off; Glow's ratios are taken against the baseline. */
  targets: Record<ServerName, ReadTarget>;
  /** The same query with and without row-level security, measured in rounds of their own. */
  rls?: Record<RlsVariant, ReadTarget>;
}

const trpcGet = (procedure: string, input: unknown) => `/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify({ json: input }))}`;

const targets = (baseline: ReadTarget, glowPath: string): Record<ServerName, ReadTarget> => ({
  baseline,
  glowOn: { label: "glow (request log on)", server: "glowOn", path: glowPath },
  glowOff: { label: "glow (request log off)", server: "glowOff", path: glowPath },
});

/** The hot reads: reset's two for `user`, coach.programs.current and publish.calendar for `coach`'s client. */
export function hotReads(user: BenchUser, coach: CoachClient, calendar: PublishCalendar): HotRead[] {
  const rlsOn: ReadTarget = {
    label: "baseline (RLS on: tenant role, setting in the same message)",
    server: "baseline",
    path: "/coach/program",
  };
  return [
    {
      name: "plan.today",
      token: user.token,
      targets: targets({ label: "baseline", server: "baseline", path: "/plan/today" }, "/trpc/reset.plan.today"),
    },
    {
      name: "videos.curated",
      token: user.token,
      targets: targets({ label: "baseline", server: "baseline", path: "/videos/curated" }, trpcGet("reset.videos.curated", { limit: 10 })),
    },
    {
      name: "programs.current",
      token: coach.token,
      targets: targets(rlsOn, trpcGet("coach.programs.current", { orgId: coach.orgId })),
      rls: {
        off: { label: "RLS off: owner, plain query", server: "baseline", path: "/coach/program/no-rls" },
        ownerTransaction: {
          label: "owner, same message (policies skipped)",
          server: "baseline",
          path: "/coach/program/owner-transaction",
        },
        on: { ...rlsOn, label: "RLS on: tenant role, setting in the same message" },
      },
    },
    {
      name: "publish.calendar",
      token: coach.token,
      targets: targets(
        { label: "baseline (RLS on: tenant role, setting in the same message)", server: "baseline", path: "/publish/calendar" },
        trpcGet("publish.calendar", calendar.input),
      ),
    },
  ];
}

/** The read names `profile` accepts. */
export const READ_NAMES = ["plan.today", "videos.curated", "programs.current", "publish.calendar"] as const;

/** The baseline's environment: the database, its port, and the people it knows. */
export function baselineEnv(
  databaseUrl: string,
  port: number,
  user: BenchUser,
  coach: CoachClient,
  calendar: PublishCalendar,
): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    BENCH_TOKEN: user.token,
    BENCH_USER_ID: user.userId,
    BENCH_COACH_TOKEN: coach.token,
    BENCH_COACH_USER_ID: coach.userId,
    BENCH_ORG_ID: coach.orgId,
    BENCH_CALENDAR: JSON.stringify(calendar.input),
  };
}
