// Test helpers for this and other packages: the real server over a fresh test database.
import { createTestServices, type RateLimitSettings, type OAuthConfig } from "@glow/api/testing";
import { freePort } from "@glow/db";
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
    rateLimits?: RateLimitSettings;
    oauth?: OAuthConfig;
    webUrl?: string;
  } = {},
): Promise<TestServer> {
  const database = await createTestDatabase();
  // The port is chosen first so that OAuth redirect URIs can point at this very server.
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const glow = createGlowServer({
    services: {
      ...createTestServices(database.db, {
        redis: options.redis ?? null,
        version: options.version ?? "test",
        ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
        ...(options.oauth ? { oauth: options.oauth } : {}),
        ...(options.webUrl ? { webUrl: options.webUrl } : {}),
        publicUrl: url,
      }),
      logger: createLogger("silent"),
    },
    corsOrigins: options.corsOrigins ?? [ALLOWED_ORIGIN],
    bodyLimitBytes: options.bodyLimitBytes ?? 1_048_576,
    shutdownTimeoutMs: options.shutdownTimeoutMs ?? 5_000,
    ...(options.router ? { router: options.router } : {}),
  });
  await glow.listen(port, "127.0.0.1");
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
