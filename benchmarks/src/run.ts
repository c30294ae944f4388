// `pnpm bench`: load-tests Glow's hot reads (reset.plan.today and reset.videos.curated for a
// signed-in person, coach.programs.current for a business's client) against a bare node:http
// + pg baseline doing the same queries, all in this run on this machine, and reports the
// ratios. The servers are child processes; autocannon drives them from this process.
//
// Shared machines drift (other tenants take CPU for seconds at a time), so the servers run
// side by side and take turns: each round loads the baseline and Glow with request logging
// on and off (who goes first rotates), and a ratio is computed within its round. The report gives the
// median over rounds, and each server's own CPU time per request (and its PostgreSQL
// backends'), which steal time does not inflate.
//
// programs.current is also run by the baseline without row-level security (as the tables'
// owner, in the same transaction and as a plain query): the cost of RLS itself.
import { writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort } from "@glow/db";
import autocannon from "autocannon";
import type { ChildProcess } from "node:child_process";
import { CpuMeter, namedUrl } from "./cpu.ts";
import { benchJobs, type JobBenchResult, type JobRound } from "./jobs.ts";
import { pacedLoad, type PacedResult } from "./paced.ts";
import {
  baselineEnv,
  baselineMain,
  createBenchUser,
  createCoachClient,
  glowEnv,
  glowMain,
  hotReads,
  prepareDatabase,
  repo,
  seedPublishCalendar,
  start,
  stop,
  type HotRead,
  type ReadTarget,
  type RlsVariant,
  type ServerName,
} from "./setup.ts";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const PACED_SECONDS = Number(process.env.BENCH_PACED_SECONDS ?? 6);

interface Measurement {
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  /** The server process's CPU time (user + system, all threads) per request, in µs; null off Linux. */
  cpuUs: number | null;
  /** Its PostgreSQL backends' CPU time per request, in µs; null when PostgreSQL is not on this machine. */
  dbCpuUs: number | null;
}

interface Server {
  child: ChildProcess;
  /** The application_name its database connections carry. */
  appName: string;
}

const perRequest = (seconds: number | null, requests: number) => (seconds === null || requests === 0 ? null : (seconds * 1e6) / requests);

/** Closed-loop peak throughput: CONNECTIONS connections, each sending its next request as soon as one answers. */
async function load(meter: CpuMeter, server: Server, url: string, token: string, seconds = SECONDS): Promise<Measurement> {
  const before = await meter.snapshot(server.child.pid!, server.appName);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers: { authorization: `Bearer ${token}` } });
  const used = CpuMeter.between(before, await meter.snapshot(server.child.pid!, server.appName));
  const requests = result.requests.total;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors,
    cpuUs: perRequest(used.nodeSeconds, requests),
    dbCpuUs: perRequest(used.databaseSeconds, requests),
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** The median of the non-null values, or null. */
const medianOf = (values: Array<number | null>) => {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? median(known) : null;
};

/** The round with the median throughput, so its latencies go with its throughput. */
function medianRound(rounds: Measurement[]): Measurement {
  const rps = median(rounds.map((r) => r.rps));
  return rounds.reduce((best, r) => (Math.abs(r.rps - rps) < Math.abs(best.rps - rps) ? r : best));
}

const us = (value: number | null) => (value === null ? "–" : value.toFixed(0));
const percent = (share: number) => `${(100 * share).toFixed(1)} %`;
const ms = (value: number) => Math.round(value * 10) / 10;

async function main(): Promise<void> {
  // How busy the machine was (other work on it takes the same cores): the 1-minute load average.
  const loadAtStart = os.loadavg()[0]!;
  const database = await prepareDatabase();
  const nodeOptions = process.env.GLOW_NODE_OPTIONS;

  // The people the load reads as: a reset user, and a fitness business's client with a program.
  const setupPort = await freePort();
  const setup = await start([glowMain], glowEnv(database.url, setupPort, { requestLog: true }), `http://127.0.0.1:${setupPort}/health`);
  const base = `http://127.0.0.1:${setupPort}`;
  const user = await createBenchUser(base).catch(async (error) => {
    await stop(setup);
    throw error;
  });
  const coach = await createCoachClient(base, database.url).finally(() => stop(setup));
  const calendar = await seedPublishCalendar(database.url, coach.orgId, coach.userId);
  // Freshly written tables have no statistics yet; without them a plan can change mid-run when autovacuum analyzes.
  await database.analyze();

  const ports: Record<ServerName, number> = { baseline: await freePort(), glowOn: await freePort(), glowOff: await freePort() };
  const appNames: Record<ServerName, string> = { baseline: "bench-baseline", glowOn: "bench-glow-log-on", glowOff: "bench-glow-log-off" };
  const url = (server: ServerName) => namedUrl(database.url, appNames[server]);
  const servers: Record<ServerName, Server> = {
    baseline: {
      child: await start(
        [baselineMain],
        baselineEnv(url("baseline"), ports.baseline, user, coach, calendar),
        `http://127.0.0.1:${ports.baseline}/`,
      ),
      appName: appNames.baseline,
    },
    glowOn: {
      child: await start(
        [glowMain],
        glowEnv(url("glowOn"), ports.glowOn, { requestLog: true, nodeOptions }),
        `http://127.0.0.1:${ports.glowOn}/health`,
      ),
      appName: appNames.glowOn,
    },
    glowOff: {
      child: await start(
        [glowMain],
        glowEnv(url("glowOff"), ports.glowOff, { requestLog: false, nodeOptions }),
        `http://127.0.0.1:${ports.glowOff}/health`,
      ),
      appName: appNames.glowOff,
    },
  };
  const meter = await CpuMeter.open(database.url);

  const summary: string[] = [];
  const report: string[] = [];
  const cpuTable: string[] = [];
  const paced: string[] = [];
  const rlsLines: string[] = [];
  const programBytes: Partial<Record<ServerName, number>> = {};
  const calendarBytes: Partial<Record<ServerName, number>> = {};
  const peaks: number[] = [];
  const order: ServerName[] = ["baseline", "glowOn", "glowOff"];
  const address = (target: ReadTarget) => `http://127.0.0.1:${ports[target.server]}${target.path}`;
  /** Loads every target in turn, ROUNDS times; who goes first changes every round (on a throttled machine the last of a long run of load suffers most). */
  async function inRounds<K extends string>(read: HotRead, targets: Record<K, ReadTarget>): Promise<Record<K, Measurement[]>> {
    const keys = Object.keys(targets) as K[];
    for (const key of keys) await load(meter, servers[targets[key].server], address(targets[key]), read.token, 2); // warm-up
    const rounds = Object.fromEntries(keys.map((key) => [key, [] as Measurement[]])) as Record<K, Measurement[]>;
    for (let round = 0; round < ROUNDS; round++) {
      for (let i = 0; i < keys.length; i++) {
        const key = keys[(i + round) % keys.length]!;
        rounds[key].push(await load(meter, servers[targets[key].server], address(targets[key]), read.token));
      }
    }
    return rounds;
  }
  /** Median over rounds of a's throughput over b's in the same round. */
  const ratio = (a: Measurement[], b: Measurement[]) => median(a.map((m, i) => m.rps / b[i]!.rps));
  const cpu = (rounds: Measurement[]) => medianOf(rounds.map((m) => m.cpuUs));
  const dbCpu = (rounds: Measurement[]) => medianOf(rounds.map((m) => m.dbCpuUs));
  const bothCpu = (rounds: Measurement[]) =>
    medianOf(rounds.map((m) => (m.cpuUs === null || m.dbCpuUs === null ? null : m.cpuUs + m.dbCpuUs)));
  const failures = (rounds: Measurement[]) => rounds.reduce((n, r) => n + r.non2xx, 0);
  try {
    for (const read of hotReads(user, coach, calendar)) {
      if (read.rls || read.name === "publish.calendar") {
        // What programs.current and the calendar send, as a check that both sides read the same rows.
        for (const server of ["baseline", "glowOn"] as const) {
          const response = await fetch(address(read.targets[server]), { headers: { authorization: `Bearer ${read.token}` } });
          const text = await response.text();
          if (response.status !== 200) throw new Error(`${read.name} on ${server}: ${response.status} ${text.slice(0, 300)}`);
          (read.rls ? programBytes : calendarBytes)[server] = Buffer.byteLength(text);
        }
      }
      const rounds = await inRounds(read, read.targets);
      for (const server of order) {
        const m = medianRound(rounds[server]);
        const { label } = read.targets[server];
        report.push(
          `| ${read.name} | ${label} | ${m.rps.toFixed(0)} | ${rounds[server].map((r) => r.rps.toFixed(0)).join(" / ")} | ${m.p50} | ${m.p99} | ${us(cpu(rounds[server]))} | ${failures(rounds[server])} |`,
        );
        cpuTable.push(
          `| ${read.name} | ${label} | ${us(cpu(rounds[server]))} | ${us(dbCpu(rounds[server]))} | ${us(bothCpu(rounds[server]))} |`,
        );
      }

      // Latency at half of Glow's peak (the peak with request logging on, for both runs, so they compare).
      const peak = median(rounds.glowOn.map((m) => m.rps));
      peaks.push(peak);
      const rate = Math.max(1, Math.floor(peak / 2));
      // The baseline at the same rate shows what the machine itself allowed at that moment.
      // Rounds here too, taking turns; the median round's p99 is reported.
      const pacedRounds: Record<ServerName, PacedResult[]> = { baseline: [], glowOn: [], glowOff: [] };
      for (let round = 0; round < ROUNDS; round++) {
        for (let i = 0; i < order.length; i++) {
          const server = order[(i + round) % order.length]!;
          pacedRounds[server].push(
            await pacedLoad(address(read.targets[server]), { authorization: `Bearer ${read.token}` }, rate, PACED_SECONDS),
          );
        }
      }
      const p99 = (server: ServerName) => ms(median(pacedRounds[server].map((r) => r.p99)));
      for (const server of order) {
        const results = pacedRounds[server];
        paced.push(
          `| ${read.name} | ${read.targets[server].label} | ${rate} | ${ms(median(results.map((r) => r.p50)))} | ${p99(server)} | ${results.map((r) => r.p99).join(" / ")} | ${results.reduce((n, r) => n + r.failed, 0)} |`,
        );
      }

      const cpuRatio = (server: ServerName) => {
        const [glow, baseline] = [cpu(rounds[server]), cpu(rounds.baseline)];
        return glow === null || baseline === null ? "–" : (baseline / glow).toFixed(2);
      };
      summary.push(
        `| ${read.name} | ${ratio(rounds.glowOn, rounds.baseline).toFixed(2)} | ${ratio(rounds.glowOff, rounds.baseline).toFixed(2)} | ${cpuRatio("glowOn")} | ${cpuRatio("glowOff")} | ${p99("glowOn")} ms | ${p99("glowOff")} ms | ${p99("baseline")} ms |`,
      );

      if (read.rls) {
        // The three variants in rounds of their own, back to back, so each pair is measured seconds apart.
        const rls = await inRounds(read, read.rls);
        const row = (variant: RlsVariant) => {
          const m = medianRound(rls[variant]);
          return `| ${read.rls![variant].label} | ${m.rps.toFixed(0)} | ${rls[variant].map((r) => r.rps.toFixed(0)).join(" / ")} | ${variant === "off" ? "1" : ratio(rls[variant], rls.off).toFixed(3)} | ${us(cpu(rls[variant]))} | ${us(dbCpu(rls[variant]))} | ${us(bothCpu(rls[variant]))} | ${failures(rls[variant])} |`;
        };
        const extra = (a: RlsVariant, b: RlsVariant) => {
          const [x, y] = [bothCpu(rls[a]), bothCpu(rls[b])];
          return x === null || y === null ? "–" : `${(x - y).toFixed(0)} µs (${percent((x - y) / y)})`;
        };
        rlsLines.push(
          "| programs.current on the baseline | requests/s (median round) | each round | throughput / RLS off (median of rounds) | server CPU µs per request | PostgreSQL CPU µs per request | both | non-2xx |",
          "|---|---:|---|---:|---:|---:|---:|---:|",
          row("off"),
          row("ownerTransaction"),
          row("on"),
          "",
          `**Cost of row-level security: ${percent(1 - ratio(rls.on, rls.off))} of throughput** (1 − RLS on / RLS off, median of the rounds' ratios; target < 15 %), ` +
            `**${extra("on", "off")} of CPU per request** (server + PostgreSQL, medians). ` +
            `Split: the organization's setting sent with the statement (one message, no extra round trip) ${percent(1 - ratio(rls.ownerTransaction, rls.off))} of throughput and ${extra("ownerTransaction", "off")} of CPU; ` +
            `the policies themselves (tenant role vs owner, same message) ${percent(1 - ratio(rls.on, rls.ownerTransaction))} and ${extra("on", "ownerTransaction")}.`,
          "",
          `**Glow / the RLS baseline: ${ratio(rounds.glowOn, rounds.baseline).toFixed(2)} (log on), ${ratio(rounds.glowOff, rounds.baseline).toFixed(2)} (log off)** (target ≥ 0.6).`,
        );
      }
    }
  } finally {
    await meter.close();
    for (const server of Object.values(servers)) await stop(server.child);
  }

  // Job throughput runs after the HTTP servers are gone, so it has the machine to itself.
  const jobs: JobBenchResult = await benchJobs(database.url, coach.userId);
  const logged = await database.requestLogRows();
  await database.drop();

  const lines = [
    `# Benchmark: Glow's hot read path against a bare node:http + pg baseline`,
    "",
    `${new Date().toISOString().slice(0, 16)}Z · ${os.cpus().length} × ${os.cpus()[0]?.model.trim()} · ${Math.round(os.totalmem() / 2 ** 30)} GiB · Node ${process.version} · ` +
      `${CONNECTIONS} connections · ${ROUNDS} rounds of ${SECONDS} s per server, taking turns · PostgreSQL ${process.env.DATABASE_URL ? "from DATABASE_URL" : "17 embedded"} on the same machine · ` +
      `load average ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0]!.toFixed(1)} at the end`,
    "",
    "| endpoint | Glow / baseline throughput (log on) | (log off) | Glow / baseline, by server CPU per request (log on) | (log off) | p99 at half of Glow's peak (log on) | (log off) | baseline's p99 at that rate |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...summary,
    "",
    "Throughput ratios are the median of each round's ratio; the CPU ratio is the baseline's CPU time per request over Glow's (higher is better for Glow, 1.0 = as cheap as the baseline). " +
      "programs.current's baseline runs Glow's SQL with the same row-level security (the glow_tenant role, app.org_id set in the same message).",
    "",
    `publish.calendar reads a month of ${calendar.posts} posts on two accounts each (${calendarBytes.glowOn ?? "?"} bytes from Glow, ${calendarBytes.baseline ?? "?"} from the baseline); its baseline runs Glow's calendarSql with the same row-level security. Target: ≥ 0.6.`,
    "",
    "## Job throughput: publish.target against the sandbox platform",
    "",
    ...jobLines(jobs),
    "",
    "## Row-level security: programs.current",
    "",
    `The client's program: ${coach.sessions} sessions, ${coach.items} exercises; ${programBytes.glowOn ?? "?"} bytes from Glow (superjson), ${programBytes.baseline ?? "?"} from the baseline. ` +
      `The baseline runs Glow's CURRENT_PROGRAM_SQL three ways, in ${ROUNDS} rounds of ${SECONDS} s of their own, taking turns:`,
    "",
    ...rlsLines,
    "",
    "## Every server",
    "",
    "| endpoint | server | requests/s (median round) | each round | p50 ms | p99 ms | server CPU µs per request | non-2xx |",
    "|---|---|---:|---|---:|---:|---:|---:|",
    ...report,
    "",
    "CPU time per request, the server process and the PostgreSQL backends of its connections (median of rounds):",
    "",
    "| endpoint | server | server CPU µs | PostgreSQL CPU µs | both |",
    "|---|---|---:|---:|---:|",
    ...cpuTable,
    "",
    `Latency at half of Glow's peak rate (open loop, evenly paced, ${ROUNDS} rounds of ${PACED_SECONDS} s taking turns), the baseline at the same rate for reference:`,
    "",
    "| endpoint | server | requests/s | p50 ms (median round) | p99 ms (median round) | p99 of each round | failed |",
    "|---|---|---:|---:|---:|---|---:|",
    ...paced,
    "",
    `Request log rows written during the run: ${logged}. Targets: Glow ≥ 0.6 of the baseline's throughput; p99 < 25 ms at half of Glow's peak rate (${peaks.map((p) => Math.floor(p / 2)).join(", ")} requests/s); row-level security costs under 15 % of throughput.`,
    "",
  ];
  const text = lines.join("\n");
  await writeFile(path.join(repo, "benchmarks/results/latest.md"), text);
  process.stdout.write(`${text}\n`);
}

/** The job rounds as a table, Glow's publish job against the bare queue, and the targets. */
function jobLines(result: JobBenchResult): string[] {
  const medianBy = (rounds: JobRound[]) => [...rounds].sort((a, b) => a.jobsPerSecond - b.jobsPerSecond)[Math.floor(rounds.length / 2)]!;
  const row = (name: string, rounds: JobRound[]) => {
    const m = medianBy(rounds);
    return `| ${name} | ${m.jobsPerSecond.toFixed(0)} | ${rounds.map((r) => r.jobsPerSecond.toFixed(0)).join(" / ")} | ${m.p50Ms.toFixed(0)} | ${m.p99Ms.toFixed(0)} |`;
  };
  const glow = medianBy(result.glow);
  const paced = medianBy(result.paced);
  const ratio = median(result.glow.map((g, i) => g.jobsPerSecond / result.bare[i]!.jobsPerSecond));
  return [
    `${result.jobs} targets per round, their jobs queued before they come due; one worker (${result.concurrency} fetch loops of ${result.batchSize} jobs, polling every 0.5 s), the same database. ` +
      "Burst: all due at one instant (throughput). Paced: due evenly at the target rate (the latency at that load). The bare queue is pg-boss running a no-op handler on as many jobs with the same settings.",
    "",
    "| worker | jobs/s (median round) | each round | due → done p50 ms | p99 ms |",
    "|---|---:|---|---:|---:|",
    row("glow publish.target (sandbox), burst", result.glow),
    row("bare pg-boss, no-op, burst", result.bare),
    row(`glow publish.target (sandbox), paced at ${result.rate}/s`, result.paced),
    "",
    `**Glow / bare queue: ${ratio.toFixed(2)}** (burst throughput, median of the rounds' ratios). ` +
      `Targets: ≥ 200 jobs/s (${glow.jobsPerSecond >= 200 ? "met" : "missed"}: ${glow.jobsPerSecond.toFixed(0)}) with p99 due → published < 2 s at that load (${paced.p99Ms < 2000 ? "met" : "missed"}: ${paced.p99Ms.toFixed(0)} ms paced at ${result.rate}/s; ${glow.p99Ms.toFixed(0)} ms when ${result.jobs} come due at once).`,
  ];
}

await main();
