import type { TRPCRouterRecord } from "@trpc/server";

export const aiRouter = {} satisfies TRPCRouterRecord;
