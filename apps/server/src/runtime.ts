import path from "node:path";
import {
  createAppServices,
  createPlatforms,
  createStorage,
  ensureLibraryVideos,
  JOBS,
  JobQueue,
  seedCoachDemo,
  seedPublishDemo,
  SmtpMailer,
  StripePayments,
  TokenCipher,
  type AppServices,
  type JobDefinition,
  type JobQueueOptions,
} from "@glow/api";
import {
  createDb,
  migrateDeploy,
  seedCoachLibrary,
  seedDemo,
  seedRoles,
  startEmbeddedPostgres,
  type Db,
  type EmbeddedPostgresHandle,
} from "@glow/db";
import { Redis } from "ioredis";
import packageJson from "../package.json" with { type: "json" };
import { createGlowServer } from "./app.ts";
import { aiConfig, oauthConfig, platformsConfig, rateLimits, storageConfig, stripeConfig, type ServerEnv } from "./env.ts";
import type { Logger } from "./logger.ts";
import { loadTokenKeys, sandboxSecret } from "./token-keys.ts";

export interface RunningGlow {
  url: string;
  port: number;
  databaseUrl: string;
  embedded: boolean;
  /** Drains requests, then closes Redis, the database and the embedded PostgreSQL. */
  stop(): Promise<void>;
}

/** Starts Glow: database (embedded or configured), migrations, seed, Redis, HTTP server. */
export async function startGlow(env: ServerEnv, logger: Logger): Promise<RunningGlow> {
  const cleanups: Cleanups = [];
  const stopAll = () => runCleanups(cleanups, logger);

  try {
    let embedded: EmbeddedPostgresHandle | null = null;
    let databaseUrl = env.DATABASE_URL;
    if (!databaseUrl) {
      const dataDir = path.join(env.GLOW_DATA_DIR, "postgres");
      logger.info({ dataDir, port: env.GLOW_EMBEDDED_PG_PORT }, "starting embedded PostgreSQL (no DATABASE_URL set)");
      embedded = await startEmbeddedPostgres({ dataDir, port: env.GLOW_EMBEDDED_PG_PORT, database: "glow" });
      cleanups.push(() => embedded!.stop());
      databaseUrl = embedded.url;
    }

    const tenantUrl = env.TENANT_DATABASE_URL;
    await migrateDeploy(databaseUrl, tenantUrl ? { tenantUrl } : {});
    logger.info("database migrations applied");
    const db = createDb({ url: databaseUrl, ...(tenantUrl ? { tenantUrl } : {}) });
    cleanups.push(() => db.$disconnect());

    await seedRoles(db);
    // Glow's shared exercise library and starter assessment: what every business's programs are made from.
    await seedCoachLibrary(db);
    if (embedded || env.GLOW_SEED_DEMO) {
      if (env.NODE_ENV === "production") {
        if (env.GLOW_SEED_DEMO) throw new Error("GLOW_SEED_DEMO is refused when NODE_ENV=production");
        logger.warn("not seeding demo accounts: NODE_ENV=production");
      } else {
        await seedDemo(db, { nodeEnv: env.NODE_ENV });
        await seedCoachDemo(db);
        logger.info({ accounts: ["admin@glow.dev", "user@glow.dev"] }, "demo data seeded");
      }
    }

    const redis = await connectRedis(env, logger, cleanups);

    const services = createServices(env, db, redis, logger);
    // The publish demo mints its sandbox accounts' tokens and queues jobs: it needs the services.
    if ((embedded || env.GLOW_SEED_DEMO) && env.NODE_ENV !== "production") await seedPublishDemo(services);
    await ensureLibraryVideos(services.storage);
    // Runs after the HTTP drain (cleanups run in reverse) and before the database closes.
    cleanups.push(async () => services.requestLog?.close());
    // After the HTTP drain too: jobs running get SHUTDOWN_TIMEOUT_MS to finish; the rest are retried elsewhere.
    cleanups.push(() => services.jobs.stop(env.SHUTDOWN_TIMEOUT_MS));
    if (env.GLOW_WORKERS > 0) await services.jobs.work(JOBS, services);
    const glow = createGlowServer({
      services,
      trustProxy: env.TRUST_PROXY,
      webDistDir: env.WEB_DIST_DIR,
      // Where the storage's signed URLs point (an S3 endpoint, or PUBLIC_URL), read off one it signs.
      fileOrigins: [new URL((await services.storage.signedReadUrl("library/origin-probe")).url).origin],
      corsOrigins: env.CORS_ORIGINS,
      bodyLimitBytes: env.BODY_LIMIT_BYTES,
      shutdownTimeoutMs: env.SHUTDOWN_TIMEOUT_MS,
      metricsToken: env.METRICS_TOKEN ?? null,
    });
    const { port, url } = await glow.listen(env.PORT, env.HOST);
    cleanups.push(() => glow.close());
    logger.info(
      {
        url,
        port,
        embedded: embedded !== null,
        redis: redis !== null,
        mail: services.mailer.kind,
        oauth: services.oauth.enabled().map((p) => p.id),
        platforms: services.platforms.list().map((p) => p.id),
        ai: services.ai?.model ?? null,
        requestLog: services.requestLog !== null,
        storage: services.storage.kind,
        workers: services.jobs.working,
      },
      "glow server listening",
    );

    return { url, port, databaseUrl, embedded: embedded !== null, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

export interface RunningWorker {
  /** The queues this worker runs. */
  queues: string[];
  /** Stops fetching jobs, gives the running ones SHUTDOWN_TIMEOUT_MS, then closes Redis and the database. */
  stop(): Promise<void>;
}

/**
 * Starts a process that runs jobs only (no HTTP), so workers scale apart from servers. It
 * expects the database a server has migrated; `jobs` is every job Glow has unless a test says.
 */
export async function startWorker(
  env: ServerEnv,
  logger: Logger,
  options: {
    jobs?: readonly JobDefinition<never>[];
    queue?: Pick<JobQueueOptions, "pollingIntervalSeconds" | "superviseIntervalSeconds">;
  } = {},
): Promise<RunningWorker> {
  const jobs = options.jobs ?? JOBS;
  if (!env.DATABASE_URL) throw new Error("The worker needs DATABASE_URL: the database its servers run on (already migrated)");
  const cleanups: Cleanups = [];
  const stopAll = () => runCleanups(cleanups, logger);
  try {
    const tenantUrl = env.TENANT_DATABASE_URL;
    const db = createDb({ url: env.DATABASE_URL, ...(tenantUrl ? { tenantUrl } : {}) });
    cleanups.push(() => db.$disconnect());
    const migrated = await db.$queryRaw<Array<{ n: number }>>`SELECT count(*)::int AS n FROM _prisma_migrations`.catch(() => [{ n: 0 }]);
    if (!migrated[0]?.n)
      throw new Error("The database has no Glow migrations: start a server on it first (servers migrate, workers do not)");
    const redis = await connectRedis(env, logger, cleanups);
    const services = {
      ...createServices(env, db, redis, logger),
      jobs: new JobQueue({ databaseUrl: env.DATABASE_URL, logger, ...options.queue }),
    };
    cleanups.push(async () => services.requestLog?.close());
    cleanups.push(() => services.jobs.stop(env.SHUTDOWN_TIMEOUT_MS));
    await services.jobs.work(jobs, services);
    const queues = jobs.map((job) => job.queue);
    logger.info({ queues, redis: redis !== null, mail: services.mailer.kind }, "glow worker running");
    return { queues, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

type Cleanups = Array<() => Promise<unknown>>;

/** Runs what was started in reverse, so each part stops before what it depends on. */
async function runCleanups(cleanups: Cleanups, logger: Logger): Promise<void> {
  for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => logger.error({ err: error }, "cleanup failed"));
}

async function connectRedis(env: ServerEnv, logger: Logger, cleanups: Cleanups): Promise<Redis | null> {
  if (!env.REDIS_URL) return null;
  const redis = new Redis(env.REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 2 });
  redis.on("error", (error) => logger.warn({ err: error }, "redis error"));
  await redis.connect();
  cleanups.push(() => redis.quit());
  return redis;
}

/** The services a server or a worker runs on, as the environment configures them. */
function createServices(env: ServerEnv, db: Db, redis: Redis | null, logger: Logger): AppServices {
  const stripe = stripeConfig(env);
  if (!stripe && env.NODE_ENV === "production")
    logger.warn("payments run on the local sandbox (no STRIPE_SECRET_KEY): plan upgrades are not charged");
  const tokenKeys = loadTokenKeys(env, logger);
  return createAppServices({
    db,
    redis,
    logger,
    version: packageJson.version,
    config: { publicUrl: env.PUBLIC_URL, webUrl: env.WEB_URL, oauth: oauthConfig(env) },
    ai: aiConfig(env),
    rateLimits: rateLimits(env),
    requestLog: env.REQUEST_LOG ? {} : false,
    storage: createStorage(storageConfig(env), db),
    uploads: { maxVideoBytes: env.UPLOAD_MAX_VIDEO_BYTES },
    secrets: new TokenCipher(tokenKeys),
    platforms: createPlatforms(platformsConfig(env, sandboxSecret(tokenKeys)), env.PUBLIC_URL),
    // Stripe when configured; otherwise createAppServices' sandbox, whose checkout page this server serves.
    ...(stripe ? { payments: new StripePayments(stripe) } : {}),
    ...(env.SMTP_URL ? { mailer: new SmtpMailer(env.SMTP_URL, env.MAIL_FROM) } : {}),
  });
}
