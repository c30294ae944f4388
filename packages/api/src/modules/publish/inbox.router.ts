import type { TRPCRouterRecord } from "@trpc/server";

export const inboxRouter = {} satisfies TRPCRouterRecord;
