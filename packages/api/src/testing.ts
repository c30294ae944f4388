import { randomUUID } from "node:crypto";
// Helpers for tests that call procedures in-process against a real database.
import type { Db } from "@glow/db";
import type { Redis } from "ioredis";
import { createAppServices, type AppServices, type Context, type Caller } from "./context.ts";
import type { AiConfig, AiProvider } from "./core/ai.ts";
import type { Mailer } from "./core/mailer.ts";
import type { Storage } from "./core/storage/index.ts";
import type { Platforms } from "./modules/publish/platforms/registry.ts";
import { PERMISSIONS } from "./core/permissions.ts";
import { DEFAULT_RATE_LIMITS, type RateLimitSettings } from "./core/rate-limit.ts";
import type { OAuthConfig } from "./modules/auth/oauth/providers.ts";
import { createCaller } from "./root.ts";
import { ensurePerson } from "./modules/coach/demo.ts";

export type { OAuthConfig, RateLimitSettings };

/** What the seeded admin role grants: every known permission, for any row. */
export const ADMIN_GRANTS: readonly string[] = Object.keys(PERMISSIONS).map((name) => `${name}:any`);

export const silentLogger = { info() {}, warn() {}, error() {} };

/** Limits high enough that tests not about rate limiting never meet them. */
export const RELAXED_RATE_LIMITS: RateLimitSettings = {
  ...DEFAULT_RATE_LIMITS,
  read: { points: 100_000, durationSeconds: 60 },
  write: { points: 100_000, durationSeconds: 60 },
  credentials: { points: 100_000, durationSeconds: 60 },
};

export function createTestServices(
  db: Db,
  options: {
    redis?: Redis | null;
    rateLimits?: RateLimitSettings;
    mailer?: Mailer;
    oauth?: OAuthConfig;
    version?: string;
    publicUrl?: string;
    webUrl?: string;
    ai?: AiConfig | AiProvider | null;
    requestLog?: boolean;
    /** Default: local disk in a fresh temporary folder, signing with this database's secret. */
    storage?: Storage;
    /** Default: none (tests pass providers on local fakes, or the sandbox). */
    platforms?: Platforms;
  } = {},
): AppServices {
  return createAppServices({
    db,
    redis: options.redis ?? null,
    logger: silentLogger,
    version: options.version ?? "test",
    config: {
      publicUrl: options.publicUrl ?? "http://127.0.0.1:3000",
      webUrl: options.webUrl ?? "http://localhost:5173",
      oauth: options.oauth ?? {},
    },
    rateLimits: options.rateLimits ?? RELAXED_RATE_LIMITS,
    ai: options.ai ?? null,
    // Off unless a test is about it: its timer would otherwise outlive the test's database.
    requestLog: options.requestLog ? { flushIntervalMs: 50 } : false,
    ...(options.mailer ? { mailer: options.mailer } : {}),
    ...(options.storage ? { storage: options.storage } : {}),
    ...(options.platforms ? { platforms: options.platforms } : {}),
  });
}

export interface RecordedResponse {
  headers: Map<string, string[]>;
}

/** A context as the server would build it, for the given caller (null: anonymous). */
export function testContext(
  services: AppServices,
  options: { caller?: Caller | null; ip?: string; userAgent?: string } = {},
): Context & { recorded: RecordedResponse } {
  const recorded: RecordedResponse = { headers: new Map() };
  return {
    ...services,
    requestId: "test-request",
    ip: options.ip ?? "203.0.113.7",
    userAgent: options.userAgent ?? "vitest",
    secure: false,
    response: {
      setHeader: (name, value) => recorded.headers.set(name.toLowerCase(), [value]),
      appendHeader: (name, value) => recorded.headers.set(name.toLowerCase(), [...(recorded.headers.get(name.toLowerCase()) ?? []), value]),
    },
    credential: null,
    cookieHeader: undefined,
    caller: options.caller ?? null,
    recorded,
  };
}

export function testCaller(services: AppServices, options: Parameters<typeof testContext>[1] = {}) {
  return createCaller(testContext(services, options));
}

export { FakeOAuthProvider, type FakeIdentity } from "./testing/oauth-providers.ts";
export { sampleVideo, samplePng, SAMPLE_VIDEO_PATH, SAMPLE_PNG_PATH, startS3rver, type LocalS3 } from "./testing/fixtures/index.ts";

/**
 * Redis for tests that need a real one: REDIS_URL, or null (those tests then say they were
 * skipped). CI sets GLOW_REQUIRE_REDIS=1 so that a missing Redis fails instead.
 */
export function testRedisUrl(): string | null {
  const url = process.env.REDIS_URL || null;
  if (!url && process.env.GLOW_REQUIRE_REDIS === "1") throw new Error("GLOW_REQUIRE_REDIS=1 but REDIS_URL is not set");
  return url;
}

/**
 * The fields a refused call names, once each: its zod issues' paths, or the field of the domain
 * error a service threw (FieldError, InvalidInputError); fails unless it was a BAD_REQUEST.
 */
export async function refusedFields(call: Promise<unknown>): Promise<string[]> {
  const error = (await call.then(
    () => null,
    (e: unknown) => e,
  )) as { code?: string; cause?: { issues?: Array<{ path: PropertyKey[] }>; field?: string | null } } | null;
  if (error?.code !== "BAD_REQUEST") throw new Error(`Expected a BAD_REQUEST, got ${error ? String(error.code) : "success"}`);
  if (error.cause?.issues) return [...new Set(error.cause.issues.map((issue) => issue.path.join(".")))];
  return error.cause?.field ? [error.cause.field] : [];
}

/** A person made straight in the database (no password) and an in-process caller signed in as them. */
export async function personCalling(
  services: AppServices,
  label: string,
): Promise<{ id: string; name: string; email: string; call: ReturnType<typeof testCaller> }> {
  const email = `${label}@coach.test`;
  const name = `Person ${label}`;
  const id = await ensurePerson(services.db, { email, name }, "not-a-hash");
  const caller: Caller = { kind: "session", userId: id, roles: ["user"], permissions: [], sessionId: randomUUID() };
  return { id, name, email, call: testCaller(services, { caller }) };
}
export { FakeStripe, signStripeEvent, FAKE_STRIPE_SECRET_KEY, FAKE_STRIPE_WEBHOOK_SECRET } from "./testing/stripe-fake.ts";
