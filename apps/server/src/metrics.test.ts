// GET /metrics: off without METRICS_TOKEN, refused without the token, and with it the figures
// Prometheus needs — calls and latency per procedure and status class, rate-limit refusals,
// the database pool, the job queue per queue, open live streams, the process's event-loop lag
// and memory.
import { DEFAULT_RATE_LIMITS } from "@glow/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callTrpc, startTestServer, type TestServer } from "./testing.ts";

const TOKEN = "scrape-me-please-0123456789";
let server: TestServer;
let off: TestServer;

beforeAll(async () => {
  server = await startTestServer({
    metricsToken: TOKEN,
    workers: false,
    // Reads: 3 a minute per caller, so the fourth is refused and counted.
    rateLimits: { ...DEFAULT_RATE_LIMITS, read: { points: 3, durationSeconds: 60 } },
  });
  off = await startTestServer({ workers: false, database: server.database });
});
afterAll(async () => {
  await off.close();
  await server.close();
});

const scrape = (base: string, token?: string) =>
  fetch(`${base}/metrics`, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });

describe("GET /metrics", () => {
  it("is not served at all without METRICS_TOKEN", async () => {
    expect((await scrape(off.url, TOKEN)).status).toBe(404);
  });

  it("refuses a scraper without the token, or with another", async () => {
    for (const token of [undefined, "", "x".repeat(TOKEN.length), `${TOKEN}x`]) {
      const response = await scrape(server.url, token);
      expect(response.status).toBe(401);
      expect(await response.text()).not.toContain("glow_");
    }
  });

  it("counts calls per procedure and status class, with their latency, and the refusals of a rate limit", async () => {
    for (let n = 0; n < 4; n++) await callTrpc(server.url, "system.ping");
    const response = await scrape(server.url, TOKEN);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/plain");
    const text = await response.text();
    expect(text).toContain('glow_trpc_requests_total{procedure="system.ping",status_class="2xx"} 3');
    expect(text).toContain('glow_trpc_requests_total{procedure="system.ping",status_class="4xx"} 1');
    expect(text).toMatch(/glow_trpc_request_duration_seconds_bucket\{le="0\.005",procedure="system\.ping",status_class="2xx"\} \d/);
    expect(text).toContain('glow_rate_limit_refusals_total{limit="read"} 1');
  });

  it("reads the pool, the job queue, live streams and the process when scraped", async () => {
    await server.services.jobs.send(
      {
        queue: "test.metrics",
        retryLimit: 0,
        retryDelaySeconds: 1,
        retryDelayMaxSeconds: 1,
        expireInSeconds: 60,
        cron: null,
        batchSize: 1,
        concurrency: 1,
        run: async () => {},
      },
      {},
    );
    const text = await (await scrape(server.url, TOKEN)).text();
    expect(text).toMatch(/glow_db_pool_connections\{state="in_use"\} \d+/);
    expect(text).toMatch(/glow_db_pool_connections\{state="waiting"\} 0/);
    expect(text).toContain('glow_jobs_waiting{queue="test.metrics"} 1');
    expect(text).toMatch(/glow_jobs_oldest_waiting_seconds\{queue="test.metrics"\} \d+/);
    expect(text).toContain('glow_jobs_dead_letters{queue="test.metrics"} 0');
    expect(text).toContain("glow_sse_open_streams 0");
    expect(text).toMatch(/glow_nodejs_eventloop_lag_seconds \d/);
    expect(text).toMatch(/glow_process_resident_memory_bytes \d+/);
  });
});
