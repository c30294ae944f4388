// `pnpm --filter @glow/benchmarks profile [plan.today|videos.curated|programs.current] [--baseline]`: runs
// Glow (or the bare baseline) under the benchmark's load with V8's CPU profiler on, then
// prints where the server's time went, by package and by function (self time). The
// .cpuprofile is kept for Chrome DevTools.
import { mkdtemp, readdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort } from "@glow/db";
import autocannon from "autocannon";
import {
  baselineEnv,
  baselineMain,
  createBenchUser,
  createCoachClient,
  glowEnv,
  glowMain,
  hotReads,
  seedPublishCalendar,
  prepareDatabase,
  READ_NAMES,
  start,
  stop,
} from "./setup.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const args = process.argv.slice(2);
const profileBaseline = args.includes("--baseline");
const which = args.find((arg) => !arg.startsWith("--")) ?? "plan.today";
if (!(READ_NAMES as readonly string[]).includes(which)) throw new Error(`Unknown read "${which}"; one of ${READ_NAMES.join(", ")}`);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount: number;
}
interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
}

/** node_modules/<package>, the workspace file, node's internals, or a V8 category. */
function ownerOf(url: string, functionName: string): string {
  if (!url) return `(${functionName || "anonymous"})`;
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)/.exec(url);
  if (modules) return modules[1]!;
  if (url.startsWith("node:")) return "node:" + url.slice(5).split("/")[0];
  const workspace = /\/(apps|packages)\/([^/]+)\//.exec(url);
  return workspace ? `glow:${workspace[1]}/${workspace[2]}` : url;
}

function table(title: string, totals: Map<string, number>, all: number, rows = 25): string {
  const sorted = [...totals].sort((a, b) => b[1] - a[1]).slice(0, rows);
  return [`\n${title}`, ...sorted.map(([name, hits]) => `${((100 * hits) / all).toFixed(1).padStart(6)}%  ${name}`)].join("\n");
}

const database = await prepareDatabase();
const profileDir = await mkdtemp(path.join(os.tmpdir(), "glow-profile-"));
const port = await freePort();
const requestLog = process.env.REQUEST_LOG !== "0";
const nodeOptions = `--cpu-prof --cpu-prof-dir=${profileDir}`;
// The person is made through a Glow without the profiler, so the profile holds only the load.
const setup = await start([glowMain], glowEnv(database.url, port, { requestLog }), `http://127.0.0.1:${port}/health`);
const [user, coach] = await (async () => {
  const base = `http://127.0.0.1:${port}`;
  return [await createBenchUser(base), await createCoachClient(base, database.url)] as const;
})().finally(() => stop(setup));
const calendar = await seedPublishCalendar(database.url, coach.orgId, coach.userId);
await database.analyze();
const read = hotReads(user, coach, calendar).find((r) => r.name === which)!;
// The baseline's row-level-security variant for programs.current (its reference), else its only one.
const target = read.targets[profileBaseline ? "baseline" : "glowOn"];
const server = profileBaseline
  ? await start(
      [baselineMain],
      { ...baselineEnv(database.url, port, user, coach, calendar), NODE_OPTIONS: nodeOptions },
      `http://127.0.0.1:${port}/`,
    )
  : await start([glowMain], glowEnv(database.url, port, { requestLog, nodeOptions }), `http://127.0.0.1:${port}/health`);
let served = 0;
try {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${target.path}`,
    connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
    duration: SECONDS,
    headers: { authorization: `Bearer ${read.token}` },
  });
  served = result.requests.total;
  process.stdout.write(
    `${profileBaseline ? "baseline" : "glow"} ${read.name}: ${result.requests.average.toFixed(0)} requests/s, p99 ${result.latency.p99} ms, non-2xx ${result.non2xx}\n`,
  );
} finally {
  await stop(server);
  await database.drop();
}

const file = (await readdir(profileDir)).find((name) => name.endsWith(".cpuprofile"));
if (!file) throw new Error(`No profile written to ${profileDir}`);
const profile = JSON.parse(await readFile(path.join(profileDir, file), "utf8")) as CpuProfile;
const byOwner = new Map<string, number>();
const byFunction = new Map<string, number>();
let all = 0;
let idle = 0;
for (const node of profile.nodes) {
  if (!node.hitCount) continue;
  const { functionName, url, lineNumber } = node.callFrame;
  all += node.hitCount;
  if (functionName === "(idle)") idle += node.hitCount;
  const owner = ownerOf(url, functionName);
  byOwner.set(owner, (byOwner.get(owner) ?? 0) + node.hitCount);
  const name = `${functionName || "(anonymous)"}  ${url ? `${owner}:${lineNumber + 1}` : ""}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + node.hitCount);
}
const busyMs = ((profile.endTime - profile.startTime) / 1000) * ((all - idle) / all);
process.stdout.write(
  `Main thread busy ${(busyMs / 1000).toFixed(1)} s for ${served} requests: ${((1000 * busyMs) / served).toFixed(0)} µs of CPU per request (startup included)\n`,
);
process.stdout.write(
  table("Self time by package", byOwner, all) +
    "\n" +
    table("Self time by function", byFunction, all, 40) +
    `\n\nProfile: ${path.join(profileDir, file)}\n`,
);
