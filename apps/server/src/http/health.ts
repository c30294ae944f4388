import { pingDb, type Db } from "@glow/db";
import type { Redis } from "ioredis";

export interface Health {
  status: "ok" | "degraded" | "down";
  db: "ok" | "down";
  redis: "ok" | "down" | "not configured";
}

async function pingRedis(redis: Redis, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([
      redis.ping().then(
        (reply) => reply === "PONG",
        () => false,
      ),
      timeout,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Real checks: a query to PostgreSQL and a PING to Redis, each bounded in time. */
export async function checkHealth({ db, redis }: { db: Db; redis: Redis | null }, timeoutMs = 2000): Promise<Health> {
  const [dbOk, redisOk] = await Promise.all([pingDb(db, timeoutMs), redis ? pingRedis(redis, timeoutMs) : null]);
  const redisState = redisOk === null ? "not configured" : redisOk ? "ok" : "down";
  const status = !dbOk ? "down" : redisState === "down" ? "degraded" : "ok";
  return { status, db: dbOk ? "ok" : "down", redis: redisState };
}
