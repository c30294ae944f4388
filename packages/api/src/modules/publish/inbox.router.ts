import type { TRPCRouterRecord } from "@trpc/server";
import { eventsOf } from "../../core/events.ts";
import { pageOutput } from "../../core/pagination.ts";
import { tenantProcedure } from "../../trpc.ts";
import { syncInboxNow } from "./accounts.jobs.ts";
import { inboxChannel, type InboxArrived } from "./events.ts";
import { listInbox, markRead, replyToMessage, unreadCounts } from "./inbox.ts";
import {
  inboxListInput,
  inboxMessageOutput,
  markReadInput,
  markReadOutput,
  replyInput,
  syncInput,
  syncOutput,
  unreadOutput,
} from "./inbox.schemas.ts";

// Everyone in the organization reads the inbox; staff (and owners) mark it read and answer.
export const inboxRouter = {
  list: tenantProcedure("client")
    .input(inboxListInput)
    .output(pageOutput(inboxMessageOutput))
    .query(({ ctx, input }) => listInbox(ctx, input)),
  unread: tenantProcedure("client")
    .output(unreadOutput)
    .query(({ ctx }) => unreadCounts(ctx)),
  markRead: tenantProcedure("staff")
    .input(markReadInput)
    .output(markReadOutput)
    .mutation(({ ctx, input }) => markRead(ctx, input.messageIds)),
  reply: tenantProcedure("staff")
    .input(replyInput)
    .output(inboxMessageOutput)
    .mutation(({ ctx, input }) => replyToMessage(ctx, input)),
  /** Fetches new messages now (the job also runs every 2 minutes) for one account or all active ones. */
  sync: tenantProcedure("staff")
    .input(syncInput)
    .output(syncOutput)
    .mutation(async ({ ctx, input }) => ({ queued: await syncInboxNow(ctx, input.accountId) })),
  /** Each arrival of new messages, as the sync stores them (on any instance). */
  onNew: tenantProcedure("client").subscription(async function* ({ ctx, signal }) {
    yield* eventsOf<InboxArrived>(ctx.events, inboxChannel(ctx.tenant.orgId), signal);
  }),
} satisfies TRPCRouterRecord;
