// What `pnpm bench` and `pnpm --filter @glow/benchmarks profile` share: a database of the
// run's own, child-process servers, and the signed-in person the load reads as.
import { spawn, type ChildProcess } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createDb, ensureDatabase, migrateDeploy, seedDemo, startEmbeddedPostgres } from "@glow/db";
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
  /** Drops the database (and stops the embedded PostgreSQL, if one was started). */
  drop(): Promise<void>;
}

/** A migrated, seeded database of the run's own: on DATABASE_URL's server, or an embedded PostgreSQL 17. */
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
  await db.$disconnect();

  return {
    url,
    async requestLogRows() {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query("SELECT count(*)::int AS n FROM request_logs")).rows[0].n as number;
      } finally {
        await client.end();
      }
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

/** Glow's environment as the benchmark runs it: production mode, quiet logs, rate limits out of the way. */
export function glowEnv(databaseUrl: string, port: number, options: { requestLog: boolean; nodeOptions?: string }): Record<string, string> {
  return {
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    REQUEST_LOG: options.requestLog ? "1" : "0",
    RATE_LIMIT_READS_PER_MINUTE: "100000000",
    RATE_LIMIT_WRITES_PER_MINUTE: "100000000",
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

async function trpc<T>(base: string, path: string, token: string | null, input?: unknown, mutation = false): Promise<T> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const body = input === undefined ? "{}" : JSON.stringify({ json: input });
  const response = mutation
    ? await fetch(`${base}/trpc/${path}`, { method: "POST", headers, body })
    : await fetch(`${base}/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`, {
        headers,
      });
  const json = (await response.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!json.result) throw new Error(`${path}: ${JSON.stringify(json.error)}`);
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

/** The two hot reads, as Glow's tRPC paths and the baseline's routes. */
export const HOT_READS = [
  { name: "plan.today", glow: "/trpc/reset.plan.today", baseline: "/plan/today" },
  {
    name: "videos.curated",
    glow: `/trpc/reset.videos.curated?input=${encodeURIComponent(JSON.stringify({ json: { limit: 10 } }))}`,
    baseline: "/videos/curated",
  },
] as const;
