import type { TRPCRouterRecord } from "@trpc/server";

export const coachRouter = {} satisfies TRPCRouterRecord;
