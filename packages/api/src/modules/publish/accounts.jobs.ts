// The connected accounts' background work: tokens refreshed before they expire, tokens sealed
// with an old key re-encrypted with the current one, and each account's inbox fetched.
import type { AppServices } from "../../context.ts";
import { defineJob } from "../../core/jobs/definition.ts";
import type { Tenant } from "../../core/tenancy.ts";
import { ACCESS_TOKEN_CONTEXT, REFRESH_TOKEN_CONTEXT, refreshAccountTokens } from "./accounts.ts";
import { syncAccountInbox } from "./inbox.ts";
import { PlatformError } from "./platforms/types.ts";

/** Tokens expiring within this are refreshed by the cron (every 5 minutes, so with room to spare). */
export const REFRESH_AHEAD_MS = 15 * 60 * 1000;
const BATCH = 100;

/** Refreshes every active account's tokens that expire within 15 minutes; an outage waits for the next tick. */
export async function refreshExpiringTokens(services: AppServices, now = new Date()): Promise<Record<string, number>> {
  const due = await services.db.publishAccount.findMany({
    where: { status: "active", refreshToken: { not: null }, tokenExpiresAt: { lt: new Date(now.getTime() + REFRESH_AHEAD_MS) } },
    select: { id: true },
    orderBy: { tokenExpiresAt: "asc" },
    take: 500,
  });
  const outcomes: Record<string, number> = {};
  for (const { id } of due) {
    let outcome: string;
    try {
      outcome = (await refreshAccountTokens(services, id, REFRESH_AHEAD_MS)).outcome;
    } catch (error) {
      if (!(error instanceof PlatformError)) throw error;
      services.logger.warn({ err: error, accountId: id }, "token refresh failed; trying again at the next tick");
      outcome = "retry";
    }
    outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
  }
  return outcomes;
}

export const refreshTokensJob = defineJob<object>({
  queue: "publish.accounts.refresh-tokens",
  cron: "*/5 * * * *",
  retryLimit: 2,
  async run(_data, services) {
    await refreshExpiringTokens(services);
  },
});

/**
 * Rewrites every token sealed with a key other than the current one (after a new key was put
 * first in TOKEN_ENCRYPTION_KEYS). A row whose tokens changed meanwhile (a refresh) is left:
 * the refresh sealed its new tokens with the current key already.
 */
export async function reencryptTokens(services: Pick<AppServices, "db" | "secrets">): Promise<{ rewritten: number }> {
  let rewritten = 0;
  let after: string | undefined;
  for (;;) {
    const rows = await services.db.publishAccount.findMany({
      where: after ? { id: { gt: after } } : {},
      select: { id: true, accessToken: true, refreshToken: true },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (rows.length === 0) break;
    after = rows.at(-1)!.id;
    for (const row of rows) {
      const access = services.secrets.needsRotation(row.accessToken);
      const refresh = row.refreshToken !== null && services.secrets.needsRotation(row.refreshToken);
      if (!access && !refresh) continue;
      const reseal = (value: string, context: string) => services.secrets.encrypt(services.secrets.decrypt(value, context), context);
      const { count } = await services.db.publishAccount.updateMany({
        where: { id: row.id, accessToken: row.accessToken, refreshToken: row.refreshToken },
        data: {
          accessToken: access ? reseal(row.accessToken, ACCESS_TOKEN_CONTEXT) : row.accessToken,
          refreshToken: refresh ? reseal(row.refreshToken!, REFRESH_TOKEN_CONTEXT) : row.refreshToken,
        },
      });
      rewritten += count;
    }
  }
  return { rewritten };
}

export const reencryptTokensJob = defineJob<object>({
  queue: "publish.accounts.reencrypt-tokens",
  // Daily as well, so a rotation finishes even if nobody queues the job.
  cron: "17 3 * * *",
  retryLimit: 3,
  expireInSeconds: 1800,
  async run(_data, services) {
    await reencryptTokens(services);
  },
});

/** One account's inbox sync; one at a time per account (singletonKey = accountId). */
export const inboxSyncJob = defineJob<{ accountId: string }>({
  queue: "publish.inbox.sync-account",
  retryLimit: 3,
  retryDelaySeconds: 30,
  expireInSeconds: 120,
  batchSize: 4,
  async run(data, services) {
    await syncAccountInbox(services, data.accountId);
  },
});

/** Queues a sync for each of the accounts (active ones only); how many are queued now (including those already waiting). */
/** "Sync now" in the inbox: a sync job for one of the organization's active accounts, or for each of them. */
export async function syncInboxNow(ctx: Pick<AppServices, "jobs"> & { tenant: Tenant }, accountId?: string): Promise<number> {
  const accounts = await ctx.tenant.run((tx) =>
    tx.publishAccount.findMany({
      where: { orgId: ctx.tenant.orgId, status: "active", ...(accountId ? { id: accountId } : {}) },
      select: { id: true },
    }),
  );
  return queueInboxSync(
    ctx,
    accounts.map((account) => account.id),
  );
}

export async function queueInboxSync(services: Pick<AppServices, "jobs">, accountIds: readonly string[]): Promise<number> {
  for (const accountId of accountIds) await services.jobs.send(inboxSyncJob, { accountId }, { singletonKey: accountId });
  return accountIds.length;
}

export const inboxSyncAllJob = defineJob<object>({
  queue: "publish.inbox.sync-all",
  cron: "*/2 * * * *",
  retryLimit: 2,
  async run(_data, services) {
    const accounts = await services.db.publishAccount.findMany({ where: { status: "active" }, select: { id: true } });
    await queueInboxSync(
      services,
      accounts.map((account) => account.id),
    );
  },
});
