// An open-loop load at a fixed rate: requests are scheduled evenly (not in per-second
// bursts, as autocannon's rate option does), and each latency runs from the request's
// scheduled time, so a server that falls behind shows it (no coordinated omission).
import { Pool } from "undici";

export interface PacedResult {
  rate: number;
  sent: number;
  failed: number;
  p50: number;
  p99: number;
}

export async function pacedLoad(url: string, headers: Record<string, string>, rate: number, seconds: number): Promise<PacedResult> {
  const target = new URL(url);
  const pool = new Pool(target.origin, { connections: 32, pipelining: 1 });
  const latencies: number[] = [];
  let failed = 0;
  const total = Math.floor(rate * seconds);
  const started = performance.now();
  const inFlight: Array<Promise<void>> = [];
  for (let i = 0; i < total; i++) {
    const scheduled = started + (i * 1000) / rate;
    const wait = scheduled - performance.now();
    if (wait > 1) await new Promise((resolve) => setTimeout(resolve, wait));
    inFlight.push(
      pool
        .request({ path: target.pathname + target.search, method: "GET", headers })
        .then(async (response) => {
          await response.body.dump();
          if (response.statusCode !== 200) failed += 1;
          latencies.push(performance.now() - scheduled);
        })
        .catch(() => {
          failed += 1;
        }),
    );
  }
  await Promise.all(inFlight);
  await pool.close();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => Math.round((latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0) * 10) / 10;
  return { rate, sent: total, failed, p50: at(0.5), p99: at(0.99) };
}
