import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { publicProcedure, tenantProcedure } from "../../trpc.ts";
import {
  changePlan,
  currentPlanOf,
  currentPlanOutput,
  listPlans,
  planChangeInput,
  planChangeOutput,
  planOutput,
  usageOf,
  usageOutput,
} from "./plan.ts";

// publish.plan.*: the plans on offer, the organization's own, its usage, and changing it (owners only).
export const planRouter = {
  /** Every plan with its limits and monthly price, for the pricing page. */
  list: publicProcedure
    .input(z.object({}).optional())
    .output(z.array(planOutput))
    .query(() => listPlans()),
  current: tenantProcedure("client")
    .output(currentPlanOutput)
    .query(({ ctx }) => currentPlanOf(ctx.tenant)),
  usage: tenantProcedure("client")
    .output(usageOutput)
    .query(({ ctx }) => usageOf(ctx.tenant)),
  /** Upgrading from free answers a checkout URL; other moves apply at once. Content over a lower limit is kept. */
  change: tenantProcedure("owner")
    .input(planChangeInput)
    .output(planChangeOutput)
    .mutation(({ ctx, input }) => changePlan(ctx, ctx.tenant, input)),
} satisfies TRPCRouterRecord;
