// Test helpers for this and other packages: the real server over a fresh test database.
import { createPlatforms, JOBS, JobQueue, type AppServices, type JobDefinition, type PaymentsProvider, type Storage } from "@glow/api";
import { createTestServices, type OAuthConfig, type RateLimitSettings } from "@glow/api/testing";

export { testRedisUrl } from "@glow/api/testing";
import { freePort } from "@glow/db";
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import type { AnyRouter } from "@trpc/server";
import superjson from "superjson";
import type { Redis } from "ioredis";
import { createGlowServer } from "./app.ts";
import type { TrustProxy } from "./http/incoming.ts";
import { createLogger, type Logger } from "./logger.ts";

export const ALLOWED_ORIGIN = "http://localhost:5173";

export interface TestServer {
  url: string;
  database: TestDatabase;
  /** The services the server runs on (its storage signs the URLs it serves). */
  services: AppServices;
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
    /** A hop count or proxy addresses, as TRUST_PROXY (true means 1). */
    trustProxy?: boolean | TrustProxy;
    webDistDir?: string;
    requestLog?: boolean;
    /** Share another server's database (a second instance); it is then not dropped at close. */
    database?: TestDatabase;
    /** Default: local disk in a fresh temporary folder, its URLs pointing at this server. */
    storage?: (url: string) => Storage;
    /** Where the server's log lines go (silent when not given). */
    logger?: Logger;
    /** METRICS_TOKEN: serves /metrics to a scraper sending it. */
    metricsToken?: string;
    /** Default: the sandbox, its checkout page served by this server. */
    payments?: (url: string) => PaymentsProvider;
    /** Offer publish's local sandbox platform (default: no platforms at all). */
    sandboxPlatform?: boolean;
    /** Whether the server also runs jobs, as with GLOW_WORKERS=1 (default true; idle workers poll every half second). */
    workers?: boolean;
    /** The jobs its workers run (default: all of Glow's). */
    jobs?: readonly JobDefinition<never>[];
  } = {},
): Promise<TestServer> {
  const database = options.database ?? (await createTestDatabase());
  // The port is chosen first so that OAuth redirect URIs can point at this very server.
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const services = {
    ...createTestServices(database.db, {
      redis: options.redis ?? null,
      version: options.version ?? "test",
      ...(options.rateLimits ? { rateLimits: options.rateLimits } : {}),
      ...(options.oauth ? { oauth: options.oauth } : {}),
      ...(options.webUrl ? { webUrl: options.webUrl } : {}),
      publicUrl: url,
      ...(options.requestLog ? { requestLog: true } : {}),
      ...(options.storage ? { storage: options.storage(url) } : {}),
      ...(options.sandboxPlatform ? { platforms: createPlatforms({ sandbox: true }, url) } : {}),
    }),
    logger: options.logger ?? createLogger("silent"),
    ...(options.payments ? { payments: options.payments(url) } : {}),
    jobs: new JobQueue({ databaseUrl: database.url, logger: options.logger ?? createLogger("silent"), pollingIntervalSeconds: 0.5 }),
  };
  if (options.workers ?? true) await services.jobs.work(options.jobs ?? JOBS, services);
  const glow = createGlowServer({
    services,
    corsOrigins: options.corsOrigins ?? [ALLOWED_ORIGIN],
    trustProxy: options.trustProxy ?? 0,
    webDistDir: options.webDistDir ?? null,
    bodyLimitBytes: options.bodyLimitBytes ?? 1_048_576,
    shutdownTimeoutMs: options.shutdownTimeoutMs ?? 5_000,
    ...(options.router ? { router: options.router } : {}),
    ...(options.metricsToken ? { metricsToken: options.metricsToken } : {}),
  });
  await glow.listen(port, "127.0.0.1");
  return {
    url,
    database,
    services,
    async close() {
      await glow.close();
      await services.jobs.stop(options.shutdownTimeoutMs ?? 5_000);
      await services.requestLog?.close();
      await services.events.close();
      if (!options.database) await database.drop();
    },
  };
}

export interface TrpcResponse {
  status: number;
  headers: Headers;
  /** The procedure's result (superjson-decoded), when it succeeded. */
  data: unknown;
  /** tRPC's error shape, when it failed. */
  error: { message: string; data: { code: string; httpStatus: number; fieldErrors: Record<string, string[]> | null } } | null;
}

/**
 * One tRPC call over plain HTTP, as a browser or another language would make it: queries
 * are GET, mutations POST. `cookie` and `token` send credentials; `origin` sets Origin.
 */
export async function callTrpc(
  baseUrl: string,
  path: string,
  options: {
    type?: "query" | "mutation";
    input?: unknown;
    rawInput?: unknown;
    cookie?: string;
    token?: string;
    origin?: string;
    headers?: Record<string, string>;
  } = {},
): Promise<TrpcResponse> {
  const type = options.type ?? "query";
  // Mutations always carry superjson's envelope (tRPC's client sends one even for no input).
  const payload =
    "rawInput" in options
      ? options.rawInput
      : options.input === undefined && type === "query"
        ? undefined
        : superjson.serialize(options.input);
  const headers: Record<string, string> = { ...options.headers };
  if (options.cookie) headers.cookie = options.cookie;
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.origin) headers.origin = options.origin;
  let response: Response;
  if (type === "query") {
    const query = payload === undefined ? "" : `?input=${encodeURIComponent(JSON.stringify(payload))}`;
    response = await fetch(`${baseUrl}/trpc/${path}${query}`, { headers });
  } else {
    response = await fetch(`${baseUrl}/trpc/${path}`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/json" },
      ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
    });
  }
  const text = await response.text();
  const body = text ? (JSON.parse(text) as { result?: { data: unknown }; error?: { json: TrpcResponse["error"] } }) : {};
  return {
    status: response.status,
    headers: response.headers,
    data: body.result ? superjson.deserialize(body.result.data as never) : undefined,
    error: body.error?.json ?? null,
  };
}

/** The session cookie pair ("glow_session=…") from a response's Set-Cookie, for the next request. */
export function sessionCookieFrom(headers: Headers): string | null {
  const cookie = headers.getSetCookie().find((value) => value.startsWith("glow_session="));
  return cookie ? cookie.split(";")[0]! : null;
}
