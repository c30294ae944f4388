import type { TRPCRouterRecord } from "@trpc/server";

export const demoRouter = {} satisfies TRPCRouterRecord;
