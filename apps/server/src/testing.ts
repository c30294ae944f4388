// Test helpers for this and other packages: the real server over a fresh test database.
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import type { AnyRouter } from "@trpc/server";
import type { Redis } from "ioredis";
import { createGlowServer } from "./app.ts";
import { createLogger } from "./logger.ts";

export const ALLOWED_ORIGIN = "http://localhost:5173";

export interface TestServer {
  url: string;
  database: TestDatabase;
  close(): Promise<void>;
}

/** The real HTTP server on a free port, over a fresh database of its own. */
export async function startTestServer(
  options: {
    router?: AnyRouter;
    redis?: Redis | null;
    bodyLimitBytes?: number;
    shutdownTimeoutMs?: number;
    corsOrigins?: string[];
    version?: string;
  } = {},
): Promise<TestServer> {
  const database = await createTestDatabase();
  const glow = createGlowServer({
    services: {
      db: database.db,
      redis: options.redis ?? null,
      logger: createLogger("silent"),
      version: options.version ?? "test",
      startedAt: new Date(),
    },
    corsOrigins: options.corsOrigins ?? [ALLOWED_ORIGIN],
    bodyLimitBytes: options.bodyLimitBytes ?? 1_048_576,
    shutdownTimeoutMs: options.shutdownTimeoutMs ?? 5_000,
    ...(options.router ? { router: options.router } : {}),
  });
  const { url } = await glow.listen(0, "127.0.0.1");
  return {
    url,
    database,
    async close() {
      await glow.close();
      await database.drop();
    },
  };
}

/**
 * Redis for tests that need a real one: REDIS_URL, or null (those tests then say they were
 * skipped). CI sets GLOW_REQUIRE_REDIS=1 so that a missing Redis fails instead.
 */
export function testRedisUrl(): string | null {
  const url = process.env.REDIS_URL || null;
  if (!url && process.env.GLOW_REQUIRE_REDIS === "1") throw new Error("GLOW_REQUIRE_REDIS=1 but REDIS_URL is not set");
  return url;
}
