import { z } from "zod";
import { dateInput } from "../../core/inputs.ts";

const DAY_MS = 86_400_000;

/** `{ from, to }` as instants from 1970 to 2200; the last 30 days by default; at most a year. */
export const rangeInput = z
  .object({ from: dateInput.optional(), to: dateInput.optional() })
  .optional()
  .transform((range) => {
    const to = range?.to ?? new Date();
    const from = range?.from ?? new Date(to.getTime() - 30 * DAY_MS);
    return { from, to };
  })
  .refine(({ from, to }) => from < to, { path: ["from"], message: "from must be before to" })
  .refine(({ from, to }) => to.getTime() - from.getTime() <= 366 * DAY_MS, { path: ["from"], message: "At most 366 days at once" });
export type Range = z.output<typeof rangeInput>;

const rangeOutput = z.object({ from: z.date(), to: z.date() });

export const overviewOutput = z.object({
  range: rangeOutput,
  totalUsers: z.number(),
  newUsers: z.number(),
  /** Distinct signed-in people active each UTC day of the range. */
  dau: z.array(z.object({ date: z.string(), users: z.number() })),
  averageDau: z.number(),
});

export const challengeFunnelOutput = z.object({
  range: rangeOutput,
  /** People whose challenge started in the range. */
  enrolled: z.number(),
  funnel: z.array(z.object({ day: z.number(), users: z.number(), rate: z.number() })),
});

export const planCompletionOutput = z.object({
  range: rangeOutput,
  plans: z.number(),
  steps: z.array(z.object({ step: z.string(), completed: z.number(), rate: z.number() })),
  fullyCompleted: z.number(),
  fullRate: z.number(),
});

export const systemOutput = z.object({
  range: rangeOutput,
  totals: z.object({ requests: z.number(), errorRate: z.number(), p50: z.number(), p95: z.number(), p99: z.number() }),
  procedures: z.array(
    z.object({ procedure: z.string(), requests: z.number(), p50: z.number(), p95: z.number(), p99: z.number(), errorRate: z.number(), clientErrorRate: z.number() }),
  ),
  /** Requests per hour across the range, for the latency chart. */
  latency: z.array(z.object({ hour: z.date(), requests: z.number(), p95: z.number() })),
  ai: z.object({ calls: z.number(), failed: z.number(), costUsd: z.number(), promptTokens: z.number(), completionTokens: z.number() }),
});
