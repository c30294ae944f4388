// The product's metrics (admin.metrics.*, seed 000's admin dashboard), computed in SQL over the range.
// Days are UTC calendar days; "active" means any analytics event or signed-in API call.
import type { z } from "zod";
import type { Context } from "../../context.ts";
import type { challengeFunnelOutput, overviewOutput, planCompletionOutput, Range, systemOutput } from "./schemas.ts";

type Deps = Pick<Context, "db">;

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((part / whole) * 10_000) / 10_000);
const ms = (value: number | null) => Math.round((value ?? 0) * 100) / 100;

export async function overview(ctx: Deps, range: Range): Promise<z.infer<typeof overviewOutput>> {
  const { from, to } = range;
  const [counts] = await ctx.db.$queryRaw<Array<{ total: number; fresh: number }>>`
    SELECT count(*) FILTER (WHERE created_at < ${to})::int AS total,
           count(*) FILTER (WHERE created_at >= ${from} AND created_at < ${to})::int AS fresh
    FROM users`;
  const dau = await ctx.db.$queryRaw<Array<{ day: Date; users: number }>>`
    WITH days AS (
      SELECT generate_series((${from}::timestamptz AT TIME ZONE 'UTC')::date, ((${to}::timestamptz - interval '1 millisecond') AT TIME ZONE 'UTC')::date, interval '1 day')::date AS day
    ),
    activity AS (
      SELECT (created_at AT TIME ZONE 'UTC')::date AS day, user_id FROM analytics_events
      WHERE user_id IS NOT NULL AND created_at >= ${from} AND created_at < ${to}
      UNION
      SELECT (created_at AT TIME ZONE 'UTC')::date, user_id FROM request_logs
      WHERE user_id IS NOT NULL AND created_at >= ${from} AND created_at < ${to}
    )
    SELECT days.day, count(DISTINCT activity.user_id)::int AS users
    FROM days LEFT JOIN activity ON activity.day = days.day
    GROUP BY days.day ORDER BY days.day`;
  const series = dau.map((row) => ({ date: row.day.toISOString().slice(0, 10), users: row.users }));
  const average = series.length === 0 ? 0 : series.reduce((sum, d) => sum + d.users, 0) / series.length;
  return { range, totalUsers: counts!.total, newUsers: counts!.fresh, dau: series, averageDau: Math.round(average * 100) / 100 };
}

/** Of the people whose challenge started in the range, how many completed each day 0..7. */
export async function challengeFunnel(ctx: Deps, range: Range): Promise<z.infer<typeof challengeFunnelOutput>> {
  const { from, to } = range;
  const [enrolled] = await ctx.db.$queryRaw<Array<{ n: number }>>`
    SELECT count(*)::int AS n FROM challenge_enrollments
    WHERE started_on >= (${from}::timestamptz AT TIME ZONE 'UTC')::date AND started_on <= ((${to}::timestamptz - interval '1 millisecond') AT TIME ZONE 'UTC')::date`;
  const rows = await ctx.db.$queryRaw<Array<{ day: number; users: number }>>`
    WITH done AS (
      SELECT p.user_id, p.day FROM plans p JOIN plan_steps s ON s.plan_id = p.id
      GROUP BY p.id, p.user_id, p.day HAVING count(*) = 3 AND count(s.completed_at) = 3
    )
    SELECT d.day, count(DISTINCT d.user_id)::int AS users
    FROM done d JOIN challenge_enrollments e ON e.user_id = d.user_id
    WHERE d.day BETWEEN 0 AND 7
      AND e.started_on >= (${from}::timestamptz AT TIME ZONE 'UTC')::date
      AND e.started_on <= ((${to}::timestamptz - interval '1 millisecond') AT TIME ZONE 'UTC')::date
    GROUP BY d.day`;
  const byDay = new Map(rows.map((r) => [r.day, r.users]));
  const total = enrolled!.n;
  return {
    range,
    enrolled: total,
    funnel: Array.from({ length: 8 }, (_, day) => ({ day, users: byDay.get(day) ?? 0, rate: ratio(byDay.get(day) ?? 0, total) })),
  };
}

export async function planCompletion(ctx: Deps, range: Range): Promise<z.infer<typeof planCompletionOutput>> {
  const { from, to } = range;
  const inRange = await ctx.db.$queryRaw<Array<{ step: string; plans: number; completed: number }>>`
    SELECT s.step, count(*)::int AS plans, count(s.completed_at)::int AS completed
    FROM plans p JOIN plan_steps s ON s.plan_id = p.id
    WHERE p.created_at >= ${from} AND p.created_at < ${to}
    GROUP BY s.step`;
  const [full] = await ctx.db.$queryRaw<Array<{ plans: number; complete: number }>>`
    SELECT count(*)::int AS plans, count(*) FILTER (WHERE done = 3)::int AS complete FROM (
      SELECT p.id, count(s.completed_at) AS done FROM plans p JOIN plan_steps s ON s.plan_id = p.id
      WHERE p.created_at >= ${from} AND p.created_at < ${to} GROUP BY p.id
    ) per_plan`;
  const plans = full!.plans;
  const steps = ["clear", "watch", "reinforce"].map((step) => {
    const completed = inRange.find((r) => r.step === step)?.completed ?? 0;
    return { step, completed, rate: ratio(completed, plans) };
  });
  return { range, plans, steps, fullyCompleted: full!.complete, fullRate: ratio(full!.complete, plans) };
}

export async function system(ctx: Pick<Context, "db" | "jobs">, range: Range): Promise<z.infer<typeof systemOutput>> {
  const { from, to } = range;
  const procedures = await ctx.db.$queryRaw<
    Array<{ procedure: string; requests: number; p50: number; p95: number; p99: number; server_errors: number; client_errors: number }>
  >`
    SELECT procedure, count(*)::int AS requests,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms) AS p50,
      percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms) AS p95,
      percentile_cont(0.99) WITHIN GROUP (ORDER BY duration_ms) AS p99,
      count(*) FILTER (WHERE status >= 500)::int AS server_errors,
      count(*) FILTER (WHERE status >= 400 AND status < 500)::int AS client_errors
    FROM request_logs WHERE created_at >= ${from} AND created_at < ${to}
    GROUP BY procedure ORDER BY count(*) DESC, procedure`;
  const [totals] = await ctx.db.$queryRaw<
    Array<{ requests: number; p50: number | null; p95: number | null; p99: number | null; server_errors: number }>
  >`
    SELECT count(*)::int AS requests,
      percentile_cont(0.5) WITHIN GROUP (ORDER BY duration_ms) AS p50,
      percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms) AS p95,
      percentile_cont(0.99) WITHIN GROUP (ORDER BY duration_ms) AS p99,
      count(*) FILTER (WHERE status >= 500)::int AS server_errors
    FROM request_logs WHERE created_at >= ${from} AND created_at < ${to}`;
  const latency = await ctx.db.$queryRaw<Array<{ hour: Date; requests: number; p95: number }>>`
    SELECT date_trunc('hour', created_at) AS hour, count(*)::int AS requests,
      percentile_cont(0.95) WITHIN GROUP (ORDER BY duration_ms) AS p95
    FROM request_logs WHERE created_at >= ${from} AND created_at < ${to}
    GROUP BY 1 ORDER BY 1`;
  const [ai] = await ctx.db.$queryRaw<Array<{ calls: number; failed: number; cost: string | null; prompt: number; completion: number }>>`
    SELECT count(*)::int AS calls, count(*) FILTER (WHERE NOT succeeded)::int AS failed, sum(cost_usd)::text AS cost,
      coalesce(sum(prompt_tokens), 0)::int AS prompt, coalesce(sum(completion_tokens), 0)::int AS completion
    FROM ai_request_logs WHERE created_at >= ${from} AND created_at < ${to}`;
  // Dead letters now, whatever the range: jobs that used up their retries wait for an admin.
  const deadLetters = (await ctx.jobs.counts()).reduce((sum, queue) => sum + queue.counts.failed, 0);
  return {
    range,
    jobs: { deadLetters },
    totals: {
      requests: totals!.requests,
      errorRate: ratio(totals!.server_errors, totals!.requests),
      p50: ms(totals!.p50),
      p95: ms(totals!.p95),
      p99: ms(totals!.p99),
    },
    procedures: procedures.map((p) => ({
      procedure: p.procedure,
      requests: p.requests,
      p50: ms(p.p50),
      p95: ms(p.p95),
      p99: ms(p.p99),
      errorRate: ratio(p.server_errors, p.requests),
      clientErrorRate: ratio(p.client_errors, p.requests),
    })),
    latency: latency.map((row) => ({ hour: row.hour, requests: row.requests, p95: ms(row.p95) })),
    ai: {
      calls: ai!.calls,
      failed: ai!.failed,
      costUsd: Number(ai!.cost ?? 0),
      promptTokens: ai!.prompt,
      completionTokens: ai!.completion,
    },
  };
}
