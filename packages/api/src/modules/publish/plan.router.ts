import type { TRPCRouterRecord } from "@trpc/server";

export const planRouter = {} satisfies TRPCRouterRecord;
