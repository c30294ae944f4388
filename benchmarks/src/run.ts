// `pnpm bench`: load-tests Glow's hot read path (reset.plan.today and reset.videos.curated
// for a signed-in person) against a bare node:http + pg baseline doing the same queries,
// all in this run on this machine, and reports the ratios. The servers are child
// processes; autocannon drives them from this process.
//
// Shared machines drift (other tenants take CPU for seconds at a time), so the servers run
// side by side and take turns: each round loads the baseline and Glow with request logging
// on and off (who goes first rotates), and a ratio is computed within its round. The report gives the
// median over rounds, and each server's own CPU time per request, which steal time does
// not inflate.
import { readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort } from "@glow/db";
import autocannon from "autocannon";
import { pacedLoad, type PacedResult } from "./paced.ts";
import { baselineMain, createBenchUser, glowEnv, glowMain, HOT_READS, prepareDatabase, repo, start, stop } from "./setup.ts";

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
}

/** CPU seconds the process has used so far (Linux: /proc/<pid>/stat), or null. */
async function cpuSeconds(pid: number): Promise<number | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return null;
  }
}

/** Closed-loop peak throughput: CONNECTIONS connections, each sending its next request as soon as one answers. */
async function load(url: string, token: string, pid: number, seconds = SECONDS): Promise<Measurement> {
  const cpuBefore = await cpuSeconds(pid);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: seconds, headers: { authorization: `Bearer ${token}` } });
  const cpuAfter = await cpuSeconds(pid);
  const requests = result.requests.total;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx + result.errors,
    cpuUs: cpuBefore === null || cpuAfter === null || requests === 0 ? null : ((cpuAfter - cpuBefore) * 1e6) / requests,
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** The round with the median throughput, so its latencies go with its throughput. */
function medianRound(rounds: Measurement[]): Measurement {
  const rps = median(rounds.map((r) => r.rps));
  return rounds.reduce((best, r) => (Math.abs(r.rps - rps) < Math.abs(best.rps - rps) ? r : best));
}

async function main(): Promise<void> {
  const database = await prepareDatabase();
  const nodeOptions = process.env.GLOW_NODE_OPTIONS;

  // The person the load reads as.
  const setupPort = await freePort();
  const setup = await start([glowMain], glowEnv(database.url, setupPort, { requestLog: true }), `http://127.0.0.1:${setupPort}/health`);
  const { token, userId } = await createBenchUser(`http://127.0.0.1:${setupPort}`);
  await stop(setup);

  const baselinePort = await freePort();
  const glowOnPort = await freePort();
  const glowOffPort = await freePort();
  const servers = {
    baseline: await start(
      [baselineMain],
      { DATABASE_URL: database.url, PORT: String(baselinePort), BENCH_TOKEN: token, BENCH_USER_ID: userId },
      `http://127.0.0.1:${baselinePort}/`,
    ),
    glowOn: await start(
      [glowMain],
      glowEnv(database.url, glowOnPort, { requestLog: true, nodeOptions }),
      `http://127.0.0.1:${glowOnPort}/health`,
    ),
    glowOff: await start(
      [glowMain],
      glowEnv(database.url, glowOffPort, { requestLog: false, nodeOptions }),
      `http://127.0.0.1:${glowOffPort}/health`,
    ),
  };
  const urls = (read: (typeof HOT_READS)[number]) => ({
    baseline: `http://127.0.0.1:${baselinePort}${read.baseline}`,
    glowOn: `http://127.0.0.1:${glowOnPort}${read.glow}`,
    glowOff: `http://127.0.0.1:${glowOffPort}${read.glow}`,
  });
  type Server = keyof typeof servers;
  const order: Server[] = ["baseline", "glowOn", "glowOff"];
  // Who goes first changes every round: on a throttled machine the last of a long run of load suffers most.
  const turns = (round: number) => order.map((_, i) => order[(i + round) % order.length]!);
  const labels: Record<Server, string> = { baseline: "baseline", glowOn: "glow (request log on)", glowOff: "glow (request log off)" };

  const report: string[] = [];
  const summary: string[] = [];
  const paced: string[] = [];
  let allPeaks: number[] = [];
  try {
    for (const read of HOT_READS) {
      const target = urls(read);
      for (const server of order) await load(target[server], token, servers[server].pid!, 2); // warm-up
      const rounds: Record<Server, Measurement[]> = { baseline: [], glowOn: [], glowOff: [] };
      for (let round = 0; round < ROUNDS; round++) {
        for (const server of turns(round)) rounds[server].push(await load(target[server], token, servers[server].pid!));
      }
      const ratio = (server: Server) => median(rounds[server].map((m, i) => m.rps / rounds.baseline[i]!.rps));
      const cpu = (server: Server) => {
        const values = rounds[server].map((m) => m.cpuUs).filter((v): v is number => v !== null);
        return values.length ? median(values) : null;
      };
      for (const server of order) {
        const m = medianRound(rounds[server]);
        const label = labels[server];
        const cpuUs = cpu(server);
        report.push(
          `| ${read.name} | ${label} | ${m.rps.toFixed(0)} | ${rounds[server].map((r) => r.rps.toFixed(0)).join(" / ")} | ${m.p50} | ${m.p99} | ${cpuUs === null ? "–" : cpuUs.toFixed(0)} | ${rounds[server].reduce((n, r) => n + r.non2xx, 0)} |`,
        );
      }

      // Latency at half of Glow's peak (the peak with request logging on, for both runs, so they compare).
      const peak = median(rounds.glowOn.map((m) => m.rps));
      allPeaks = [...allPeaks, peak];
      const rate = Math.max(1, Math.floor(peak / 2));
      // The baseline at the same rate shows what the machine itself allowed at that moment.
      // Rounds here too, taking turns; the median round's p99 is reported.
      const pacedRounds: Record<Server, PacedResult[]> = { baseline: [], glowOn: [], glowOff: [] };
      for (let round = 0; round < ROUNDS; round++) {
        for (const server of turns(round))
          pacedRounds[server].push(await pacedLoad(target[server], { authorization: `Bearer ${token}` }, rate, PACED_SECONDS));
      }
      const p99: Record<Server, number> = { baseline: 0, glowOn: 0, glowOff: 0 };
      for (const server of order) {
        const results = pacedRounds[server];
        p99[server] = median(results.map((r) => r.p99));
        paced.push(
          `| ${read.name} | ${labels[server]} | ${rate} | ${median(results.map((r) => r.p50))} | ${p99[server]} | ${results.map((r) => r.p99).join(" / ")} | ${results.reduce((n, r) => n + r.failed, 0)} |`,
        );
      }

      const cpuRatio = (server: Server) => {
        const [glow, base] = [cpu(server), cpu("baseline")];
        return glow === null || base === null ? "–" : (base / glow).toFixed(2);
      };
      summary.push(
        `| ${read.name} | ${ratio("glowOn").toFixed(2)} | ${ratio("glowOff").toFixed(2)} | ${cpuRatio("glowOn")} | ${cpuRatio("glowOff")} | ${p99.glowOn} ms | ${p99.glowOff} ms | ${p99.baseline} ms |`,
      );
    }
  } finally {
    for (const child of Object.values(servers)) await stop(child);
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
    "Throughput ratios are the median of each round's ratio; the CPU ratio is the baseline's CPU time per request over Glow's (higher is better for Glow, 1.0 = as cheap as the baseline).",
    "",
    "| endpoint | server | requests/s (median round) | each round | p50 ms | p99 ms | server CPU µs per request | non-2xx |",
    "|---|---|---:|---|---:|---:|---:|---:|",
    ...report,
    "",
    `Latency at half of Glow's peak rate (open loop, evenly paced, ${ROUNDS} rounds of ${PACED_SECONDS} s taking turns), the baseline at the same rate for reference:`,
    "",
    "| endpoint | server | requests/s | p50 ms (median round) | p99 ms (median round) | p99 of each round | failed |",
    "|---|---|---:|---:|---:|---|---:|",
    ...paced,
    "",
    `Request log rows written during the run: ${logged}. Targets: Glow ≥ 0.6 of the baseline's throughput; p99 < 25 ms at half of Glow's peak rate (${allPeaks.map((p) => Math.floor(p / 2)).join(" and ")} requests/s).`,
    "",
  ];
  const text = lines.join("\n");
  await writeFile(path.join(repo, "benchmarks/results/latest.md"), text);
  process.stdout.write(`${text}\n`);
}

await main();
