import type { TRPCRouterRecord } from "@trpc/server";

export const postsRouter = {} satisfies TRPCRouterRecord;
