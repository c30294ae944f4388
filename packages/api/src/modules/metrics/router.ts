import type { TRPCRouterRecord } from "@trpc/server";
import { permittedProcedure } from "../../trpc.ts";
import { challengeFunnelOutput, overviewOutput, planCompletionOutput, rangeInput, systemOutput } from "./schemas.ts";
import * as metrics from "./service.ts";

const metricsProcedure = permittedProcedure("metrics:read").input(rangeInput);

/** Mounted at admin.metrics.*; each takes an optional { from, to } (default: the last 30 days). */
export const metricsRouter = {
  overview: metricsProcedure.output(overviewOutput).query(({ ctx, input }) => metrics.overview(ctx, input)),
  challenge: metricsProcedure.output(challengeFunnelOutput).query(({ ctx, input }) => metrics.challengeFunnel(ctx, input)),
  plans: metricsProcedure.output(planCompletionOutput).query(({ ctx, input }) => metrics.planCompletion(ctx, input)),
  system: metricsProcedure.output(systemOutput).query(({ ctx, input }) => metrics.system(ctx, input)),
} satisfies TRPCRouterRecord;
