import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { databaseUrlOf, type Db } from "@glow/db";
import type { Redis } from "ioredis";
import { OpenAiCompatibleProvider, type AiConfig, type AiProvider } from "./core/ai.ts";
import { JobQueue } from "./core/jobs/queue.ts";
import { GlowMetrics } from "./core/observability.ts";
import { generateTokenKey, TokenCipher } from "./core/secrets.ts";
import { Platforms } from "./modules/publish/platforms/registry.ts";
import { MemoryCache, RedisCache, type Cache } from "./core/cache.ts";
import { InProcessEventBus, RedisEventBus, type EventBus } from "./core/events.ts";
import { OutboxMailer, type Mailer } from "./core/mailer.ts";
import { createRateLimiters, DEFAULT_RATE_LIMITS, type RateLimiters, type RateLimitSettings } from "./core/rate-limit.ts";
import { RequestLogBuffer, type RequestLogOptions } from "./core/request-log.ts";
import { MemoryStreamLeases, RedisStreamLeases, type StreamLeases } from "./core/streams.ts";
import { createStorage, DEFAULT_UPLOAD_MAX_VIDEO_BYTES, type Storage } from "./core/storage/index.ts";
import type { Caller } from "./core/caller.ts";
import { SandboxPayments } from "./core/payments/sandbox.ts";
import type { PaymentsProvider } from "./core/payments/types.ts";
import type { Logger } from "./core/logger.ts";
import type { Credential } from "./modules/auth/credentials.ts";
import { createOAuthProviders, type OAuthConfig, type OAuthProviders } from "./modules/auth/oauth/providers.ts";

// What procedures see, and the services behind it. This file imports only from core and
// from leaf files of auth; create-context.ts, above it, identifies the caller.
export type { Logger, Caller };

export interface AppConfig {
  /** The server's own base URL as browsers reach it (OAuth redirect URIs are built on it). */
  publicUrl: string;
  /** The web app's base URL (where the browser lands after OAuth and email links). */
  webUrl: string;
  oauth: OAuthConfig;
}

/** What the hosting server provides once, at start. */
export interface AppServices {
  db: Db;
  /** Null in the embedded default: in-process stand-ins are used instead. */
  redis: Redis | null;
  logger: Logger;
  version: string;
  startedAt: Date;
  config: AppConfig;
  cache: Cache;
  rateLimiters: RateLimiters;
  mailer: Mailer;
  oauth: OAuthProviders;
  /** Null when no AI provider is configured (plans are then worded by rules alone). */
  ai: AiProvider | null;
  /** Null when request logging is switched off. */
  requestLog: RequestLogBuffer | null;
  /** Realtime fan-out: through Redis when configured, so every instance's subscribers hear it. */
  events: EventBus;
  /** Open subscriptions per person, counted across instances (through Redis when configured). */
  streams: StreamLeases;
  /** Files: local disk in the embedded default, S3-compatible when configured (decision 021). */
  storage: Storage;
  /** Upload size limits (UPLOAD_MAX_VIDEO_BYTES). */
  uploads: UploadLimits;
  /** The durable job queue (pg-boss in this database): every instance sends, workers also run jobs. */
  jobs: JobQueue;
  /** Seals third-party tokens at rest (AES-256-GCM, keys from outside the database). */
  secrets: TokenCipher;
  /** The social platforms publish can connect to (configured providers and the local sandbox). */
  platforms: Platforms;
  /** Prometheus metrics of this instance, served at /metrics when METRICS_TOKEN is set. */
  metrics: GlowMetrics;
  /** Payments (plans now, shop later): Stripe when configured, else the local sandbox (decision 025). */
  payments: PaymentsProvider;
}

export interface UploadLimits {
  maxVideoBytes: number;
}

export interface AppServicesInput {
  db: Db;
  redis: Redis | null;
  logger: Logger;
  version: string;
  config: AppConfig;
  mailer?: Mailer;
  rateLimits?: RateLimitSettings;
  ai?: AiConfig | AiProvider | null;
  /** false switches request logging off; options tune the buffer. */
  requestLog?: false | RequestLogOptions;
  /** Default: local disk in a fresh temporary folder (fine for tests; the server passes its own). */
  storage?: Storage;
  uploads?: UploadLimits;
  /** Default: a queue in `db`'s database that sends only until the server makes it work. */
  jobs?: JobQueue;
  /** Default: one random key for this process (fine for tests; the server passes its configured keys). */
  secrets?: TokenCipher;
  /** Default: none (tests pass providers on local fakes; the server passes the configured ones). */
  platforms?: Platforms;
  /** Default: the sandbox, whose checkout page this server serves. */
  payments?: PaymentsProvider;
}

/** Builds the shared services, choosing Redis-backed or in-process parts by whether Redis is configured. */
export function createAppServices(input: AppServicesInput): AppServices {
  const { ai, requestLog, storage, uploads, jobs, secrets, platforms, payments, ...rest } = input;
  const queue = jobs ?? new JobQueue({ databaseUrl: databaseUrlOf(input.db), logger: input.logger });
  return {
    ...rest,
    startedAt: new Date(),
    ai: !ai ? null : "complete" in ai ? ai : new OpenAiCompatibleProvider(ai),
    requestLog: requestLog === false ? null : new RequestLogBuffer(input.db, input.logger, requestLog ?? {}),
    cache: input.redis ? new RedisCache(input.redis) : new MemoryCache(),
    events: input.redis ? new RedisEventBus(input.redis) : new InProcessEventBus(),
    streams: input.redis ? new RedisStreamLeases(input.redis) : new MemoryStreamLeases(),
    rateLimiters: createRateLimiters(input.redis, input.rateLimits ?? DEFAULT_RATE_LIMITS),
    mailer: input.mailer ?? new OutboxMailer(input.db),
    oauth: createOAuthProviders(input.config.oauth, input.config.publicUrl),
    storage:
      storage ??
      createStorage(
        { driver: "local", root: path.join(tmpdir(), `glow-files-${randomUUID()}`), publicUrl: input.config.publicUrl },
        input.db,
      ),
    uploads: uploads ?? { maxVideoBytes: DEFAULT_UPLOAD_MAX_VIDEO_BYTES },
    jobs: queue,
    metrics: new GlowMetrics({ db: input.db, jobs: queue }),
    secrets: secrets ?? new TokenCipher([generateTokenKey("test")]),
    platforms: platforms ?? new Platforms([]),
    payments: payments ?? new SandboxPayments({ db: input.db, publicUrl: input.config.publicUrl }),
  };
}

/** The HTTP request as procedures may see it; the hosting server fills it in. */
export interface IncomingRequest {
  requestId: string;
  ip: string;
  headers: Record<string, string | string[] | undefined>;
  /** Served over HTTPS (directly or behind a trusted proxy): cookies get `Secure`. */
  secure: boolean;
  setHeader(name: string, value: string): void;
  appendHeader(name: string, value: string): void;
}

/** What every procedure sees: the services plus this request's identity. */
export interface Context extends AppServices {
  requestId: string;
  ip: string;
  userAgent: string | null;
  secure: boolean;
  response: Pick<IncomingRequest, "setHeader" | "appendHeader">;
  /** The token the caller presented, valid or not. */
  credential: Credential | null;
  /** The request's Cookie header, for the cookies besides the session's (OAuth state, device cookie). */
  cookieHeader: string | undefined;
  /** Who is calling: a session or an API token, or null when anonymous. */
  caller: Caller | null;
}
