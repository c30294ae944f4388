import { withAdminClient } from "@glow/db/testing";
import { Redis } from "ioredis";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { startTestServer, testRedisUrl, type TestServer } from "./testing.ts";

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe("/health", () => {
  it("reports ok when the database answers and Redis is not configured", async () => {
    server = await startTestServer();
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", db: "ok", redis: "not configured" });
  });

  it("reports a broken database as down with 503", async () => {
    server = await startTestServer();
    const name = new URL(server.database.url).pathname.slice(1);
    // Kill the database under the running server: its connections are terminated.
    await withAdminClient(process.env.GLOW_TEST_PG_ADMIN_URL!, (client) =>
      client.query(`DROP DATABASE ${pg.escapeIdentifier(name)} WITH (FORCE)`),
    );
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "down", db: "down", redis: "not configured" });
  });

  it("reports unreachable Redis as degraded, still 200", async () => {
    const redis = new Redis({ port: 1, lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on("error", () => {});
    server = await startTestServer({ redis });
    const response = await fetch(`${server.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "degraded", db: "ok", redis: "down" });
    redis.disconnect();
  });

  const redisUrl = testRedisUrl();
  describe.skipIf(!redisUrl)(`with a real Redis${redisUrl ? "" : " (skipped: REDIS_URL is not set)"}`, () => {
    it("reports Redis ok", async () => {
      const redis = new Redis(redisUrl!);
      server = await startTestServer({ redis });
      const response = await fetch(`${server.url}/health`);
      expect(await response.json()).toEqual({ status: "ok", db: "ok", redis: "ok" });
      await redis.quit();
    });
  });
});
