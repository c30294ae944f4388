import type { TRPCRouterRecord } from "@trpc/server";
import { accountsRouter } from "./accounts.router.ts";
import { aiRouter } from "./ai.router.ts";
import { demoRouter } from "./demo.router.ts";
import { inboxRouter } from "./inbox.router.ts";
import { planRouter } from "./plan.router.ts";
import { calendarProcedure, postsRouter, slotsRouter } from "./posts.router.ts";

// The publish module (seed 003): connected social accounts, posts scheduled and published by
// durable jobs, one inbox, plans with usage limits, AI captions, and a demo workspace. Every
// procedure but the demo's works inside the organization named by `orgId` (tenantProcedure).
// Each resource's procedures live in <resource>.router.ts beside its service.
export const publishRouter = {
  accounts: accountsRouter,
  posts: postsRouter,
  calendar: calendarProcedure,
  slots: slotsRouter,
  inbox: inboxRouter,
  plan: planRouter,
  ai: aiRouter,
  demo: demoRouter,
} satisfies TRPCRouterRecord;
