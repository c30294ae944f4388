// Cleanup of what has expired (a cron job every 10 minutes, on whichever worker takes the tick).
// Idempotency keys are not here: they live in the cache with a time to live (Redis expires them;
// the in-process cache drops them when read or when full), so no table holds them.
import type { AppServices } from "../../context.ts";
import { defineJob } from "./definition.ts";

/** How long a payment checkout may stay open before it is marked expired (providers end theirs within a day). */
export const CHECKOUT_OPEN_HOURS = 24;

export interface CleanupCounts {
  sessions: number;
  oauthStates: number;
  verificationTokens: number;
  publishConnectStates: number;
  /** Checkouts marked expired (kept: they are the payment history). */
  expiredCheckouts: number;
}

/** Deletes expired sessions, OAuth states, verification tokens and publish connect states; expires stale checkouts. */
export async function cleanUpExpired(services: Pick<AppServices, "db" | "logger">, now = new Date()): Promise<CleanupCounts> {
  const { db } = services;
  const openSince = new Date(now.getTime() - CHECKOUT_OPEN_HOURS * 60 * 60 * 1000);
  // The owner's connection: these tables span every user and organization.
  const [sessions, oauthStates, verificationTokens, publishConnectStates, expiredCheckouts] = await db.$transaction([
    db.session.deleteMany({ where: { expiresAt: { lte: now } } }),
    db.oAuthState.deleteMany({ where: { expiresAt: { lte: now } } }),
    db.verificationToken.deleteMany({ where: { expiresAt: { lte: now } } }),
    db.publishConnectState.deleteMany({ where: { expiresAt: { lte: now } } }),
    db.paymentCheckout.updateMany({ where: { status: "open", createdAt: { lte: openSince } }, data: { status: "expired" } }),
  ]);
  const counts = {
    sessions: sessions.count,
    oauthStates: oauthStates.count,
    verificationTokens: verificationTokens.count,
    publishConnectStates: publishConnectStates.count,
    expiredCheckouts: expiredCheckouts.count,
  };
  if (Object.values(counts).some((n) => n > 0)) services.logger.info(counts, "expired rows cleaned up");
  return counts;
}

export const cleanupJob = defineJob<object>({
  queue: "core.cleanup",
  cron: "*/10 * * * *",
  // The next tick does the same work: no point retrying for long.
  retryLimit: 2,
  retryDelaySeconds: 30,
  expireInSeconds: 120,
  run: async (_data, services) => void (await cleanUpExpired(services)),
});
