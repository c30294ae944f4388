// `pnpm bench`: load-tests Glow's hot read path (reset.plan.today and reset.videos.curated
// for a signed-in person) against a bare node:http + pg baseline doing the same queries,
// all in this run on this machine, and reports the ratios. The servers are child
// processes; autocannon drives them from this process.
import { spawn, type ChildProcess } from "node:child_process";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureDatabase, freePort, migrateDeploy, seedDemo, createDb, startEmbeddedPostgres } from "@glow/db";
import autocannon from "autocannon";
import { pacedLoad } from "./paced.ts";
import pg from "pg";

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, "../..");
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PASSWORD = "bench-lighthouse-42";

interface Measurement {
  label: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
}

/** Spawns a server and waits until `readyUrl` answers (any HTTP status). */
async function start(command: string[], env: Record<string, string>, readyUrl: string): Promise<ChildProcess> {
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

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** Closed-loop peak throughput: CONNECTIONS connections, each sending its next request as soon as one answers. */
async function load(label: string, url: string, token: string, options: { seconds?: number } = {}): Promise<Measurement> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: options.seconds ?? SECONDS, headers: { authorization: `Bearer ${token}` } });
  return { label, rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, non2xx: result.non2xx + result.errors };
}

async function trpc<T>(base: string, path: string, token: string | null, input?: unknown, mutation = false): Promise<T> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const body = input === undefined ? "{}" : JSON.stringify({ json: input });
  const response = mutation
    ? await fetch(`${base}/trpc/${path}`, { method: "POST", headers, body })
    : await fetch(`${base}/trpc/${path}${input === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify({ json: input }))}`}`, { headers });
  const json = (await response.json()) as { result?: { data: { json: T } }; error?: unknown };
  if (!json.result) throw new Error(`${path}: ${JSON.stringify(json.error)}`);
  return json.result.data.json;
}

async function main(): Promise<void> {
  // A database of the run's own: DATABASE_URL's server, or an embedded PostgreSQL 17.
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
  const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${database}` }).toString();
  await migrateDeploy(databaseUrl);
  const db = createDb({ url: databaseUrl });
  await seedDemo(db, { nodeEnv: "development" });
  await db.$disconnect();

  const glowEnv = (requestLog: boolean, port: number) => ({
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    REQUEST_LOG: requestLog ? "1" : "0",
    RATE_LIMIT_READS_PER_MINUTE: "100000000",
    RATE_LIMIT_WRITES_PER_MINUTE: "100000000",
    CORS_ORIGINS: "http://localhost",
    ...(process.env.GLOW_NODE_OPTIONS ? { NODE_OPTIONS: process.env.GLOW_NODE_OPTIONS } : {}),
  });
  const main = path.join(repo, "apps/server/src/main.ts");
  const results: Measurement[] = [];

  // The person the load reads as: signed up, categories picked, today's plan, favorites.
  const setupPort = await freePort();
  const setup = await start([main], glowEnv(true, setupPort), `http://127.0.0.1:${setupPort}/health`);
  const base = `http://127.0.0.1:${setupPort}`;
  const email = `bench-${Date.now()}@example.test`;
  const { token, account } = await trpc<{ token: string; account: { id: string } }>(base, "auth.register", null, { email, password: PASSWORD, name: "Bench", delivery: "token" }, true);
  const categories = await trpc<Array<{ id: string }>>(base, "reset.categories.list", token);
  await trpc(base, "reset.preferences.setCategories", token, { categoryIds: categories.slice(0, 3).map((c) => c.id) }, true);
  await trpc(base, "reset.plan.generate", token, undefined, true);
  const videos = await trpc<{ items: Array<{ id: string }> }>(base, "reset.videos.curated", token, { limit: 3 });
  for (const video of videos.items) await trpc(base, "reset.favorites.add", token, { videoId: video.id }, true);
  await stop(setup);

  const curatedQuery = `?input=${encodeURIComponent(JSON.stringify({ json: { limit: 10 } }))}`;
  const warm = (url: string) => load("warm-up", url, token, { seconds: 2 });

  // Baseline.
  const baselinePort = await freePort();
  const baseline = await start(
    [path.join(here, "baseline.ts")],
    { DATABASE_URL: databaseUrl, PORT: String(baselinePort), BENCH_TOKEN: token, BENCH_USER_ID: account.id },
    `http://127.0.0.1:${baselinePort}/`,
  );
  for (const [name, route] of [["plan.today", "/plan/today"], ["videos.curated", "/videos/curated"]] as const) {
    const url = `http://127.0.0.1:${baselinePort}${route}`;
    await warm(url);
    results.push(await load(`baseline ${name}`, url, token));
  }
  await stop(baseline);

  // Glow, with request logging on and off.
  const peaks = new Map<string, number>();
  for (const requestLog of [true, false]) {
    const port = await freePort();
    const glow = await start([main], glowEnv(requestLog, port), `http://127.0.0.1:${port}/health`);
    for (const [name, route] of [["plan.today", "/trpc/reset.plan.today"], ["videos.curated", `/trpc/reset.videos.curated${curatedQuery}`]] as const) {
      const url = `http://127.0.0.1:${port}${route}`;
      await warm(url);
      const measured = await load(`glow ${name} (request log ${requestLog ? "on" : "off"})`, url, token);
      results.push(measured);
      if (requestLog) peaks.set(name, measured.rps);
      // Half of the peak measured with request logging on, for both runs, so they compare.
      const rate = Math.max(1, Math.floor(peaks.get(name)! / 2));
      const paced = await pacedLoad(url, { authorization: `Bearer ${token}` }, rate, SECONDS);
      const suffix = requestLog ? "" : ", request log off";
      results.push({ label: `glow ${name} at half its peak rate (paced${suffix})`, rps: paced.sent / SECONDS, p50: paced.p50, p99: paced.p99, non2xx: paced.failed });
    }
    await stop(glow);
  }

  const check = new pg.Client({ connectionString: databaseUrl });
  await check.connect();
  const logged = (await check.query("SELECT count(*)::int AS n FROM request_logs")).rows[0].n as number;
  await check.end();
  await ensureDatabase(adminUrl, "postgres");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
  await stopPostgres();

  const byLabel = (label: string) => results.find((r) => r.label === label)!;
  const lines = [
    `# Benchmark: Glow's hot read path against a bare node:http + pg baseline`,
    "",
    `${new Date().toISOString().slice(0, 16)}Z · ${os.cpus().length} × ${os.cpus()[0]?.model.trim()} · ${Math.round(os.totalmem() / 2 ** 30)} GiB · Node ${process.version} · ` +
      `${CONNECTIONS} connections · ${SECONDS} s per run · PostgreSQL ${process.env.DATABASE_URL ? "from DATABASE_URL" : "17 embedded"} on the same machine`,
    "",
    "| run | requests/s | p50 ms | p99 ms | non-2xx |",
    "|---|---:|---:|---:|---:|",
    ...results.map((r) => `| ${r.label} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.non2xx} |`),
    "",
    "| endpoint | Glow / baseline throughput (log on) | (log off) | p99 at half of Glow's peak (log on) | (log off) |",
    "|---|---:|---:|---:|---:|",
    ...(["plan.today", "videos.curated"] as const).map((name) => {
      const base = byLabel(`baseline ${name}`).rps;
      const on = byLabel(`glow ${name} (request log on)`).rps;
      const off = byLabel(`glow ${name} (request log off)`).rps;
      const p99on = byLabel(`glow ${name} at half its peak rate (paced)`).p99;
      const p99off = byLabel(`glow ${name} at half its peak rate (paced, request log off)`).p99;
      return `| ${name} | ${(on / base).toFixed(2)} | ${(off / base).toFixed(2)} | ${p99on} ms | ${p99off} ms |`;
    }),
    "",
    `Request log rows written during the run: ${logged}. Targets: Glow ≥ 0.6 of the baseline's throughput; p99 < 25 ms at half of Glow's peak rate (${[...peaks.values()].map((p) => Math.floor(p / 2)).join(" and ")} requests/s).`,
    "",
  ];
  const report = lines.join("\n");
  await writeFile(path.join(repo, "benchmarks/results/latest.md"), report);
  process.stdout.write(`${report}\n`);
}

await main();
