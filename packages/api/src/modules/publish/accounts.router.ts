import type { TRPCRouterRecord } from "@trpc/server";

export const accountsRouter = {} satisfies TRPCRouterRecord;
