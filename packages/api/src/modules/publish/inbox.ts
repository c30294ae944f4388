// The unified inbox (publish.inbox.*): messages and comments of every connected account,
// fetched by a job per account (deduplicated by the platform's id), read and answered here.
import type { PublishAccountModel as PublishAccount, PublishInboxMessageModel as PublishInboxMessage } from "@glow/db";
import type { AppServices } from "../../context.ts";
import { InvalidInputError, NotFoundError } from "../../core/errors.ts";
import { RetryLaterError } from "../../core/jobs/definition.ts";
import { toPage, type Page } from "../../core/pagination.ts";
import { AccountNeedsReconnectError, connectedAccount, markNeedsReconnect, platformRefusal, type AccountsContext } from "./accounts.ts";
import { announceInbox } from "./events.ts";
import type { InboxMessageView } from "./inbox.schemas.ts";
import { PlatformError } from "./platforms/types.ts";

/** Pages one sync may read before it lets the next run continue from the stored cursor. */
const MAX_PAGES_PER_SYNC = 5;
/** When a platform says "slow down" without saying for how long. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;

export type InboxContext = AccountsContext & Pick<AppServices, "jobs" | "mailer" | "logger">;

type MessageRow = PublishInboxMessage & { account: Pick<PublishAccount, "platform" | "handle"> };

function messageView(row: MessageRow, names: ReadonlyMap<string, string>): InboxMessageView {
  return {
    id: row.id,
    accountId: row.accountId,
    platform: row.account.platform,
    accountHandle: row.account.handle,
    kind: row.kind === "comment" ? "comment" : "message",
    authorName: row.authorName,
    authorHandle: row.authorHandle,
    text: row.text,
    receivedAt: row.receivedAt,
    readAt: row.readAt,
    reply:
      row.replyText !== null && row.repliedAt !== null
        ? { text: row.replyText, at: row.repliedAt, byName: (row.repliedById && names.get(row.repliedById)) ?? "Someone" }
        : null,
  };
}

/** The names of the people who replied, read once per page. */
async function replierNames(services: Pick<AppServices, "db">, rows: readonly PublishInboxMessage[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.map((row) => row.repliedById).filter((id): id is string => id !== null))];
  if (ids.length === 0) return new Map();
  const users = await services.db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  return new Map(users.map((user) => [user.id, user.name]));
}

// Newest first by arrival; the cursor is "<receivedAt ms>_<id>" (pagination.ts instantUuidCursor).
const newestReceived = {
  orderBy: [{ receivedAt: "desc" as const }, { id: "desc" as const }],
  after(cursor: string | undefined) {
    if (!cursor) return {};
    const [ms, id] = cursor.split("_") as [string, string];
    const at = new Date(Number(ms));
    return { OR: [{ receivedAt: { lt: at } }, { receivedAt: at, id: { lt: id } }] };
  },
  keyOf: (row: { receivedAt: Date; id: string }) => `${row.receivedAt.getTime()}_${row.id}`,
};

export async function listInbox(
  ctx: InboxContext,
  input: { cursor?: string | undefined; limit: number; accountId?: string | undefined; unread?: boolean | undefined },
): Promise<Page<InboxMessageView>> {
  const rows = await ctx.tenant.run((tx) =>
    tx.publishInboxMessage.findMany({
      where: {
        orgId: ctx.tenant.orgId,
        ...(input.accountId ? { accountId: input.accountId } : {}),
        ...(input.unread === true ? { readAt: null } : input.unread === false ? { readAt: { not: null } } : {}),
        ...newestReceived.after(input.cursor),
      },
      include: { account: { select: { platform: true, handle: true } } },
      orderBy: newestReceived.orderBy,
      take: input.limit + 1,
    }),
  );
  const names = await replierNames(ctx, rows);
  return toPage(rows, input.limit, newestReceived, (row) => messageView(row, names));
}

export async function unreadCounts(ctx: InboxContext): Promise<{ total: number; byAccount: Array<{ accountId: string; count: number }> }> {
  const groups = await ctx.tenant.run((tx) =>
    tx.publishInboxMessage.groupBy({
      by: ["accountId"],
      where: { orgId: ctx.tenant.orgId, readAt: null },
      _count: { _all: true },
      orderBy: { accountId: "asc" },
    }),
  );
  const byAccount = groups.map((group) => ({ accountId: group.accountId, count: group._count._all }));
  return { total: byAccount.reduce((sum, entry) => sum + entry.count, 0), byAccount };
}

export async function markRead(ctx: InboxContext, messageIds: readonly string[]): Promise<{ updated: number }> {
  const { count } = await ctx.tenant.run((tx) =>
    tx.publishInboxMessage.updateMany({
      where: { orgId: ctx.tenant.orgId, id: { in: [...messageIds] }, readAt: null },
      data: { readAt: new Date() },
    }),
  );
  return { updated: count };
}

/** Answers a message or comment through its platform, and records the answer on it (which also marks it read). */
export async function replyToMessage(ctx: InboxContext, input: { messageId: string; text: string }): Promise<InboxMessageView> {
  const message = await ctx.tenant.run((tx) =>
    tx.publishInboxMessage.findFirst({ where: { id: input.messageId, orgId: ctx.tenant.orgId }, include: { account: true } }),
  );
  if (!message) throw new NotFoundError("No such message");
  const account = await connectedAccount(ctx, message.account);
  let sent: { externalId: string };
  try {
    sent = await account.platform.reply(
      account.accessToken,
      account.profile,
      {
        externalId: message.externalId,
        kind: message.kind === "comment" ? "comment" : "message",
        parentExternalId: message.parentExternalId,
      },
      input.text,
    );
  } catch (error) {
    if (error instanceof PlatformError && error.kind === "unauthorized") {
      await markNeedsReconnect(ctx, message.accountId, error.message);
      throw new AccountNeedsReconnectError({ ...message.account, statusReason: error.message });
    }
    if (error instanceof PlatformError && error.kind === "rejected")
      throw new InvalidInputError(`${account.platform.name} refused the reply: ${error.message}`, "text");
    throw platformRefusal(error, null);
  }
  const now = new Date();
  const row = await ctx.tenant.run((tx) =>
    tx.publishInboxMessage.update({
      where: { id: message.id },
      data: {
        replyText: input.text,
        replyExternalId: sent.externalId,
        repliedAt: now,
        repliedById: ctx.tenant.userId,
        readAt: message.readAt ?? now,
      },
      include: { account: { select: { platform: true, handle: true } } },
    }),
  );
  return messageView(row, await replierNames(ctx, [row]));
}

/**
 * Fetches an account's new messages and comments and stores each once. A platform's "slow
 * down" becomes a RetryLaterError after its wait; a refused token marks the account
 * needs_reconnect. Announces the arrival when something new was stored.
 */
export async function syncAccountInbox(
  services: Pick<AppServices, "db" | "secrets" | "platforms" | "mailer" | "logger" | "config" | "events">,
  accountId: string,
): Promise<{ stored: number }> {
  const row = await services.db.publishAccount.findUnique({ where: { id: accountId } });
  if (!row || row.status !== "active" || !services.platforms.get(row.platform)) return { stored: 0 };
  let account;
  try {
    account = await connectedAccount(services, row);
  } catch (error) {
    if (error instanceof AccountNeedsReconnectError) return { stored: 0 };
    throw error;
  }

  let cursor = row.inboxCursor;
  let stored = 0;
  try {
    for (let page = 0; page < MAX_PAGES_PER_SYNC; page += 1) {
      const fetched = await account.platform.fetchInbox(account.accessToken, account.profile, cursor);
      if (fetched.items.length > 0) {
        const { count } = await services.db.publishInboxMessage.createMany({
          data: fetched.items.map((item) => ({
            orgId: row.orgId,
            accountId: row.id,
            externalId: item.externalId,
            kind: item.kind,
            parentExternalId: item.parentExternalId,
            authorName: item.authorName.slice(0, 200),
            authorHandle: item.authorHandle?.slice(0, 200) ?? null,
            text: item.text,
            receivedAt: item.receivedAt,
          })),
          skipDuplicates: true,
        });
        stored += count;
      }
      const advanced = fetched.cursor !== cursor;
      cursor = fetched.cursor;
      if (fetched.items.length === 0 || !advanced || cursor === null) break;
    }
  } catch (error) {
    // What was stored so far stays; the cursor is saved below only on success, and duplicates are skipped next time.
    if (error instanceof PlatformError && error.kind === "unauthorized") {
      await markNeedsReconnect(services, row.id, error.message);
      return { stored };
    }
    if (error instanceof PlatformError && error.kind === "rate_limited") {
      await announceArrival(services, row, stored);
      throw new RetryLaterError(error.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS, `${row.platform} rate limit: ${error.message}`);
    }
    await announceArrival(services, row, stored);
    throw error;
  }
  await services.db.publishAccount.update({ where: { id: row.id }, data: { inboxCursor: cursor, lastSyncedAt: new Date() } });
  await announceArrival(services, row, stored);
  return { stored };
}

async function announceArrival(services: Pick<AppServices, "events">, row: PublishAccount, stored: number): Promise<void> {
  if (stored > 0) await announceInbox(services.events, row.orgId, { accountId: row.id, count: stored, at: new Date() });
}
