// The server's configuration, read and validated once. Nothing else reads process.env.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import {
  DEFAULT_RATE_LIMITS,
  DEFAULT_UPLOAD_MAX_VIDEO_BYTES,
  type AiConfig,
  parseTokenKeys,
  type OAuthConfig,
  type PlatformsConfig,
  type RateLimitSettings,
  type StorageConfig,
  type StripeConfig,
  type TokenKey,
} from "@glow/api";
import { z } from "zod";
import { parseTrustProxy, type TrustProxy } from "./http/incoming.ts";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const defaultWebDist = path.join(repoRoot, "apps/web/dist");

const commaList = z.string().transform((value) =>
  value
    .split(",")
    .map((item) => item.trim())
    .filter(Boolean),
);
const flag = z.enum(["0", "1", "true", "false"]).transform((value) => value === "1" || value === "true");
const trustProxy = z.string().transform((value, ctx): TrustProxy => {
  try {
    return parseTrustProxy(value);
  } catch (error) {
    ctx.addIssue({
      code: "custom",
      message: `a hop count (0, 1, 2…) or a comma list of proxy IPs/CIDRs (or loopback, linklocal, uniquelocal): ${(error as Error).message}`,
    });
    return z.NEVER;
  }
});

const tokenKeys = z.string().transform((value, ctx): TokenKey[] => {
  try {
    return parseTokenKeys(value);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: `id:base64key pairs, comma-separated, the first encrypting: ${(error as Error).message}` });
    return z.NEVER;
  }
});

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  /** Loopback by default outside production, so a dev server is not exposed on the network. */
  HOST: z.string().min(1).optional(),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  TENANT_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  REDIS_URL: z.url({ protocol: /^rediss?$/ }).optional(),
  // The web app (Vite), the desktop renderer in development (5174) and packaged (app://glow).
  CORS_ORIGINS: commaList.default(["http://localhost:5173", "http://127.0.0.1:5173", "http://localhost:5174", "app://glow"]),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  GLOW_SEED_DEMO: flag.default(false),
  GLOW_DATA_DIR: z.string().min(1).default(path.join(repoRoot, ".data")),
  GLOW_EMBEDDED_PG_PORT: z.coerce.number().int().min(0).max(65_535).default(5488),
  BODY_LIMIT_BYTES: z.coerce.number().int().positive().default(1_048_576),
  /** The web app's URL: where people land after OAuth and where email links point. */
  WEB_URL: z.url().default("http://localhost:5173"),
  /** The URL browsers reach the API at (OAuth callbacks are built on it); the web app's own by default, as it proxies /trpc and /auth. */
  PUBLIC_URL: z.url().optional(),
  /** Which proxies' X-Forwarded-For / X-Forwarded-Proto count: a hop count or their addresses (decision 014). */
  TRUST_PROXY: trustProxy.default(0),
  /** A built web app to serve at / with its CSP (default: apps/web/dist when it exists). */
  WEB_DIST_DIR: z.string().min(1).optional(),
  SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
  MAIL_FROM: z.string().min(3).default("Glow <no-reply@glow.dev>"),
  /** An OpenAI-compatible chat-completions API that words daily plans (off unless all three are set). */
  AI_BASE_URL: z.url().optional(),
  AI_API_KEY: z.string().min(1).optional(),
  AI_MODEL: z.string().min(1).optional(),
  AI_INPUT_COST_PER_MTOK: z.coerce.number().nonnegative().default(0),
  AI_OUTPUT_COST_PER_MTOK: z.coerce.number().nonnegative().default(0),
  /** Per user (per IP when anonymous) and minute, on every procedure. */
  RATE_LIMIT_READS_PER_MINUTE: z.coerce.number().int().positive().default(100),
  RATE_LIMIT_WRITES_PER_MINUTE: z.coerce.number().int().positive().default(20),
  RATE_LIMIT_TENANT_PER_MINUTE: z.coerce.number().int().positive().default(1000),
  /** 0 turns off request logging to request_logs. */
  REQUEST_LOG: flag.default(true),
  METRICS_TOKEN: z.string().min(16, "at least 16 characters").optional(),
  OAUTH_TIKTOK_CLIENT_KEY: z.string().min(1).optional(),
  OAUTH_TIKTOK_CLIENT_SECRET: z.string().min(1).optional(),
  OAUTH_GOOGLE_CLIENT_ID: z.string().min(1).optional(),
  OAUTH_GOOGLE_CLIENT_SECRET: z.string().min(1).optional(),
  OAUTH_GITHUB_CLIENT_ID: z.string().min(1).optional(),
  OAUTH_GITHUB_CLIENT_SECRET: z.string().min(1).optional(),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** 0: this server only serves HTTP (jobs run in `pnpm --filter @glow/server worker` processes); 1 or more: it also runs jobs. */
  GLOW_WORKERS: z.coerce.number().int().min(0).default(1),
  /** Where files live (decision 021): `local` disk under GLOW_DATA_DIR/files, or an S3-compatible bucket. */
  STORAGE_DRIVER: z.enum(["local", "s3"]).default("local"),
  S3_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  S3_BUCKET: z.string().min(3).optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: flag.default(false),
  /** Signs local /files URLs; without it a key is made once and kept in the database (server_secrets). */
  FILES_SIGNING_SECRET: z.string().min(32, "at least 32 characters").optional(),
  UPLOAD_MAX_VIDEO_BYTES: z.coerce.number().int().positive().default(DEFAULT_UPLOAD_MAX_VIDEO_BYTES),
  /** Stripe bills plans when STRIPE_SECRET_KEY is set (with the webhook secret and a price per paid plan); else the local sandbox (decision 025). */
  STRIPE_SECRET_KEY: z.string().startsWith("sk_", "a Stripe secret key (sk_...)").optional(),
  STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_", "a Stripe webhook signing secret (whsec_...)").optional(),
  STRIPE_PRICE_BASIC: z.string().min(1).optional(),
  STRIPE_PRICE_PRO: z.string().min(1).optional(),
  STRIPE_PRICE_BUSINESS: z.string().min(1).optional(),
  STRIPE_PRICE_ENTERPRISE: z.string().min(1).optional(),
  /** Social platforms publish connects to (each offered when both parts are set); TikTok's are apart from sign-in's, whose scopes differ. */
  X_CLIENT_ID: z.string().min(1).optional(),
  X_CLIENT_SECRET: z.string().min(1).optional(),
  LINKEDIN_CLIENT_ID: z.string().min(1).optional(),
  LINKEDIN_CLIENT_SECRET: z.string().min(1).optional(),
  PUBLISH_TIKTOK_CLIENT_KEY: z.string().min(1).optional(),
  PUBLISH_TIKTOK_CLIENT_SECRET: z.string().min(1).optional(),
  /** One Meta app for Instagram and Facebook. */
  META_APP_ID: z.string().min(1).optional(),
  META_APP_SECRET: z.string().min(1).optional(),
  YOUTUBE_CLIENT_ID: z.string().min(1).optional(),
  YOUTUBE_CLIENT_SECRET: z.string().min(1).optional(),
  /** Seal the platforms' tokens at rest (decision 024): "id:base64key,…", the first encrypting; without it a key file under GLOW_DATA_DIR/secrets. */
  TOKEN_ENCRYPTION_KEYS: tokenKeys.optional(),
  /** The local sandbox platform (default: on unless NODE_ENV=production). */
  PUBLISH_SANDBOX: flag.optional(),
});

const PLATFORM_PAIRS = [
  ["X_CLIENT_ID", "X_CLIENT_SECRET"],
  ["LINKEDIN_CLIENT_ID", "LINKEDIN_CLIENT_SECRET"],
  ["PUBLISH_TIKTOK_CLIENT_KEY", "PUBLISH_TIKTOK_CLIENT_SECRET"],
  ["META_APP_ID", "META_APP_SECRET"],
  ["YOUTUBE_CLIENT_ID", "YOUTUBE_CLIENT_SECRET"],
] as const;

export type ServerEnv = Omit<z.infer<typeof envSchema>, "HOST" | "PUBLIC_URL" | "WEB_DIST_DIR" | "PUBLISH_SANDBOX"> & {
  HOST: string;
  PUBLISH_SANDBOX: boolean;
  PUBLIC_URL: string;
  WEB_DIST_DIR: string | null;
};

export class EnvError extends Error {}

export function loadEnv(source: Record<string, string | undefined> = process.env): ServerEnv {
  // An empty variable means "not set", as in most shells' `VAR= cmd`.
  const present = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== ""));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid environment:\n${problems.join("\n")}`);
  }
  const env = parsed.data;
  const storageProblems = [
    env.STORAGE_DRIVER === "s3" && !env.S3_BUCKET ? "  S3_BUCKET: required when STORAGE_DRIVER=s3" : null,
    !env.S3_ACCESS_KEY_ID !== !env.S3_SECRET_ACCESS_KEY ? "  S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY: set both or neither" : null,
    ...PLATFORM_PAIRS.map(([id, secret]) => (!env[id] !== !env[secret] ? `  ${id}, ${secret}: set both or neither` : null)),
  ].filter(Boolean);
  if (storageProblems.length > 0) throw new EnvError(`Invalid environment:\n${storageProblems.join("\n")}`);
  if (env.STRIPE_SECRET_KEY && !env.STRIPE_WEBHOOK_SECRET)
    throw new EnvError("Invalid environment:\n  STRIPE_WEBHOOK_SECRET: required when STRIPE_SECRET_KEY is set");
  return {
    ...env,
    HOST: env.HOST ?? (env.NODE_ENV === "production" ? "0.0.0.0" : "127.0.0.1"),
    PUBLIC_URL: env.PUBLIC_URL ?? env.WEB_URL,
    PUBLISH_SANDBOX: env.PUBLISH_SANDBOX ?? env.NODE_ENV !== "production",
    WEB_DIST_DIR: env.WEB_DIST_DIR ?? (existsSync(path.join(defaultWebDist, "index.html")) ? defaultWebDist : null),
  };
}

export function rateLimits(env: ServerEnv): RateLimitSettings {
  return {
    ...DEFAULT_RATE_LIMITS,
    read: { points: env.RATE_LIMIT_READS_PER_MINUTE, durationSeconds: 60 },
    write: { points: env.RATE_LIMIT_WRITES_PER_MINUTE, durationSeconds: 60 },
    tenant: { points: env.RATE_LIMIT_TENANT_PER_MINUTE, durationSeconds: 60 },
  };
}

export function aiConfig(env: ServerEnv): AiConfig | null {
  if (!env.AI_BASE_URL || !env.AI_API_KEY || !env.AI_MODEL) return null;
  return {
    baseUrl: env.AI_BASE_URL,
    apiKey: env.AI_API_KEY,
    model: env.AI_MODEL,
    inputCostPerMillion: env.AI_INPUT_COST_PER_MTOK,
    outputCostPerMillion: env.AI_OUTPUT_COST_PER_MTOK,
  };
}

/** OAuth client credentials by provider id; a provider is offered only when both parts are set. */
export function oauthConfig(env: ServerEnv): OAuthConfig {
  const pairs: Record<string, [string | undefined, string | undefined]> = {
    tiktok: [env.OAUTH_TIKTOK_CLIENT_KEY, env.OAUTH_TIKTOK_CLIENT_SECRET],
    google: [env.OAUTH_GOOGLE_CLIENT_ID, env.OAUTH_GOOGLE_CLIENT_SECRET],
    github: [env.OAUTH_GITHUB_CLIENT_ID, env.OAUTH_GITHUB_CLIENT_SECRET],
  };
  const config: OAuthConfig = {};
  for (const [id, [clientId, clientSecret]] of Object.entries(pairs)) {
    if (clientId && clientSecret) config[id] = { clientId, clientSecret };
  }
  return config;
}

/** The storage the server runs on: a bucket when STORAGE_DRIVER=s3, else files under GLOW_DATA_DIR/files. */
export function storageConfig(env: ServerEnv): StorageConfig {
  if (env.STORAGE_DRIVER === "s3") {
    return {
      driver: "s3",
      bucket: env.S3_BUCKET!,
      region: env.S3_REGION,
      forcePathStyle: env.S3_FORCE_PATH_STYLE,
      ...(env.S3_ENDPOINT ? { endpoint: env.S3_ENDPOINT } : {}),
      ...(env.S3_ACCESS_KEY_ID && env.S3_SECRET_ACCESS_KEY
        ? { credentials: { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY } }
        : {}),
    };
  }
  return {
    driver: "local",
    root: path.join(env.GLOW_DATA_DIR, "files"),
    publicUrl: env.PUBLIC_URL,
    signingSecret: env.FILES_SIGNING_SECRET ?? null,
  };
}

/** Stripe's settings when STRIPE_SECRET_KEY is set; null runs the local payments sandbox. */
export function stripeConfig(env: ServerEnv): StripeConfig | null {
  if (!env.STRIPE_SECRET_KEY || !env.STRIPE_WEBHOOK_SECRET) return null;
  const prices = {
    basic: env.STRIPE_PRICE_BASIC,
    pro: env.STRIPE_PRICE_PRO,
    business: env.STRIPE_PRICE_BUSINESS,
    enterprise: env.STRIPE_PRICE_ENTERPRISE,
  };
  return {
    secretKey: env.STRIPE_SECRET_KEY,
    webhookSecret: env.STRIPE_WEBHOOK_SECRET,
    prices: Object.fromEntries(Object.entries(prices).filter(([, price]) => price)),
  };
}

/**
 * The social platforms publish offers: each whose credentials are set, and the sandbox (signed
 * with `sandboxSecret`, the same on every instance) when PUBLISH_SANDBOX is on.
 */
export function platformsConfig(env: ServerEnv, sandboxSecret: Buffer): PlatformsConfig {
  const pair = (clientId: string | undefined, clientSecret: string | undefined) =>
    clientId && clientSecret ? { clientId, clientSecret } : null;
  const meta = pair(env.META_APP_ID, env.META_APP_SECRET);
  return {
    x: pair(env.X_CLIENT_ID, env.X_CLIENT_SECRET),
    linkedin: pair(env.LINKEDIN_CLIENT_ID, env.LINKEDIN_CLIENT_SECRET),
    tiktok: pair(env.PUBLISH_TIKTOK_CLIENT_KEY, env.PUBLISH_TIKTOK_CLIENT_SECRET),
    instagram: meta,
    facebook: meta,
    youtube: pair(env.YOUTUBE_CLIENT_ID, env.YOUTUBE_CLIENT_SECRET),
    sandbox: env.PUBLISH_SANDBOX ? { secret: sandboxSecret } : false,
  };
}
