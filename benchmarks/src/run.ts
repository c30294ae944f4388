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
  start,
  stop,
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

async function main(): Promise<void> {
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
  // Freshly written tables have no statistics yet; without them a plan can change mid-run when autovacuum analyzes.
  await database.analyze();

  const ports: Record<ServerName, number> = { baseline: await freePort(), glowOn: await freePort(), glowOff: await freePort() };
  const appNames: Record<ServerName, string> = { baseline: "bench-baseline", glowOn: "bench-glow-log-on", glowOff: "bench-glow-log-off" };
  const url = (server: ServerName) => namedUrl(database.url, appNames[server]);
  const servers: Record<ServerName, Server> = {
    baseline: {
      child: await start([baselineMain], baselineEnv(url("baseline"), ports.baseline, user, coach), `http://127.0.0.1:${ports.baseline}/`),
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
  const programBytes: Record<string, number> = {};
  const peaks: number[] = [];
  try {
    for (const read of hotReads(user, coach)) {
      const keys = Object.keys(read.targets);
      const target = (key: string) => read.targets[key]!;
      const address = (key: string) => `http://127.0.0.1:${ports[target(key).server]}${target(key).path}`;
      if (read.rls) {
        // What programs.current sends, as a check that both sides read the same program.
        for (const key of ["baseline", "glowOn"]) {
          const response = await fetch(address(key), { headers: { authorization: `Bearer ${read.token}` } });
          const text = await response.text();
          if (response.status !== 200) throw new Error(`${read.name} on ${key}: ${response.status} ${text.slice(0, 300)}`);
          programBytes[key] = Buffer.byteLength(text);
        }
      }
      for (const key of keys) await load(meter, servers[target(key).server], address(key), read.token, 2); // warm-up
      // Who goes first changes every round: on a throttled machine the last of a long run of load suffers most.
      const turns = (round: number) => keys.map((_, i) => keys[(i + round) % keys.length]!);
      const rounds: Record<string, Measurement[]> = Object.fromEntries(keys.map((key) => [key, []]));
      for (let round = 0; round < ROUNDS; round++) {
        for (const key of turns(round)) rounds[key]!.push(await load(meter, servers[target(key).server], address(key), read.token));
      }
      /** Median over rounds of a's throughput over b's in the same round. */
      const ratio = (a: string, b: string) => median(rounds[a]!.map((m, i) => m.rps / rounds[b]![i]!.rps));
      const cpu = (key: string) => medianOf(rounds[key]!.map((m) => m.cpuUs));
      const dbCpu = (key: string) => medianOf(rounds[key]!.map((m) => m.dbCpuUs));
      const bothCpu = (key: string) =>
        medianOf(rounds[key]!.map((m) => (m.cpuUs === null || m.dbCpuUs === null ? null : m.cpuUs + m.dbCpuUs)));
      for (const key of keys) {
        const m = medianRound(rounds[key]!);
        report.push(
          `| ${read.name} | ${target(key).label} | ${m.rps.toFixed(0)} | ${rounds[key]!.map((r) => r.rps.toFixed(0)).join(" / ")} | ${m.p50} | ${m.p99} | ${us(cpu(key))} | ${rounds[key]!.reduce((n, r) => n + r.non2xx, 0)} |`,
        );
        cpuTable.push(`| ${read.name} | ${target(key).label} | ${us(cpu(key))} | ${us(dbCpu(key))} | ${us(bothCpu(key))} |`);
      }

      // Latency at half of Glow's peak (the peak with request logging on, for both runs, so they compare).
      const peak = median(rounds.glowOn!.map((m) => m.rps));
      peaks.push(peak);
      const rate = Math.max(1, Math.floor(peak / 2));
      // The baseline at the same rate shows what the machine itself allowed at that moment.
      // Rounds here too, taking turns; the median round's p99 is reported.
      const pacedKeys = keys.filter((key) => target(key).paced);
      const pacedRounds: Record<string, PacedResult[]> = Object.fromEntries(pacedKeys.map((key) => [key, []]));
      for (let round = 0; round < ROUNDS; round++) {
        for (const key of turns(round).filter((k) => target(k).paced))
          pacedRounds[key]!.push(await pacedLoad(address(key), { authorization: `Bearer ${read.token}` }, rate, PACED_SECONDS));
      }
      const p99: Record<string, number> = {};
      for (const key of pacedKeys) {
        const results = pacedRounds[key]!;
        p99[key] = median(results.map((r) => r.p99));
        paced.push(
          `| ${read.name} | ${target(key).label} | ${rate} | ${median(results.map((r) => r.p50))} | ${p99[key]} | ${results.map((r) => r.p99).join(" / ")} | ${results.reduce((n, r) => n + r.failed, 0)} |`,
        );
      }

      const cpuRatio = (key: string) => {
        const [glow, baseline] = [cpu(key), cpu("baseline")];
        return glow === null || baseline === null ? "–" : (baseline / glow).toFixed(2);
      };
      summary.push(
        `| ${read.name} | ${ratio("glowOn", "baseline").toFixed(2)} | ${ratio("glowOff", "baseline").toFixed(2)} | ${cpuRatio("glowOn")} | ${cpuRatio("glowOff")} | ${p99.glowOn} ms | ${p99.glowOff} ms | ${p99.baseline} ms |`,
      );

      if (read.rls) {
        const { on, ownerTransaction, off } = read.rls;
        const row = (key: string, vsOff: string) =>
          `| ${target(key).label} | ${medianRound(rounds[key]!).rps.toFixed(0)} | ${vsOff} | ${us(cpu(key))} | ${us(dbCpu(key))} | ${us(bothCpu(key))} |`;
        const extra = (a: string, b: string) => {
          const [x, y] = [bothCpu(a), bothCpu(b)];
          return x === null || y === null ? "–" : `${(x - y).toFixed(0)} µs (${percent((x - y) / y)})`;
        };
        rlsLines.push(
          "| programs.current, baseline | requests/s (median round) | throughput / RLS off (median of rounds) | server CPU µs per request | PostgreSQL CPU µs per request | both |",
          "|---|---:|---:|---:|---:|---:|",
          row(off, "1"),
          row(ownerTransaction, ratio(ownerTransaction, off).toFixed(3)),
          row(on, ratio(on, off).toFixed(3)),
          "",
          `**Cost of row-level security: ${percent(1 - ratio(on, off))} of throughput** (1 − RLS on / RLS off, median of the rounds' ratios; target < 15 %). ` +
            `Split: the tenant transaction's two extra round trips (BEGIN with set_config, COMMIT) ${percent(1 - ratio(ownerTransaction, off))}; ` +
            `the policies themselves (tenant role vs owner, same transaction) ${percent(1 - ratio(on, ownerTransaction))}. ` +
            `CPU per request (server + PostgreSQL): the transaction adds ${extra(ownerTransaction, off)}, the policies ${extra(on, ownerTransaction)}.`,
          "",
          `**Glow / the RLS baseline: ${ratio("glowOn", on).toFixed(2)} (log on), ${ratio("glowOff", on).toFixed(2)} (log off)** (target ≥ 0.6); ` +
            `Glow / the plain query without RLS: ${ratio("glowOn", off).toFixed(2)} (log on).`,
        );
      }
    }
  } finally {
    await meter.close();
    for (const server of Object.values(servers)) await stop(server.child);
  }

  const logged = await database.requestLogRows();
  await database.drop();

  const lines = [
    `# Benchmark: Glow's hot read path against a bare node:http + pg baseline`,
    "",
    `${new Date().toISOString().slice(0, 16)}Z · ${os.cpus().length} × ${os.cpus()[0]?.model.trim()} · ${Math.round(os.totalmem() / 2 ** 30)} GiB · Node ${process.version} · ` +
      `${CONNECTIONS} connections · ${ROUNDS} rounds of ${SECONDS} s per server, taking turns · PostgreSQL ${process.env.DATABASE_URL ? "from DATABASE_URL" : "17 embedded"} on the same machine`,
    "",
    "| endpoint | Glow / baseline throughput (log on) | (log off) | Glow / baseline, by server CPU per request (log on) | (log off) | p99 at half of Glow's peak (log on) | (log off) | baseline's p99 at that rate |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
    ...summary,
    "",
    "Throughput ratios are the median of each round's ratio; the CPU ratio is the baseline's CPU time per request over Glow's (higher is better for Glow, 1.0 = as cheap as the baseline). " +
      "programs.current's baseline runs Glow's SQL with the same row-level security (the glow_tenant role, a transaction with app.org_id set).",
    "",
    "## Row-level security: programs.current",
    "",
    `The client's program: ${coach.sessions} sessions, ${coach.items} exercises; ${programBytes.glowOn ?? "?"} bytes from Glow (superjson), ${programBytes.baseline ?? "?"} from the baseline.`,
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

await main();
