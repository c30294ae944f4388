// Usage limits enforced at the moment of the action, inside the caller's tenant transaction so
// that the use and the action commit (or roll back) together (decision 025).
import type { TenantTx } from "@glow/db";
import { ForbiddenError } from "../errors.ts";
import { limitMessage, PLANS, usagePeriod, type PlanDefinition, type PlanMetric, type PlanTier } from "./plans.ts";

/** A refusal because the plan's limit is reached; says which limit and the plan that lifts it. */
export class PlanLimitError extends ForbiddenError {
  readonly plan: PlanTier;
  readonly metric: PlanMetric;
  readonly limit: number;

  constructor(plan: PlanTier, metric: PlanMetric, limit: number) {
    super(limitMessage(PLANS[plan], metric, limit));
    this.plan = plan;
    this.metric = metric;
    this.limit = limit;
  }
}

/** The organization's plan (no row or canceled → free; past_due keeps its plan while the provider retries the payment). */
export async function currentPlan(tx: TenantTx, orgId: string): Promise<PlanDefinition> {
  const subscription = await tx.planSubscription.findUnique({ where: { orgId }, select: { plan: true, status: true } });
  return subscription && subscription.status !== "canceled" ? PLANS[subscription.plan] : PLANS.free;
}

/**
 * Counts `amount` uses of a monthly metric in this period, unless that would pass the limit.
 * One statement: concurrent calls serialize on the counter's row and each sees the last count.
 */
export async function useAllowance(tx: TenantTx, orgId: string, metric: PlanMetric, amount = 1, now = new Date()): Promise<void> {
  const plan = await currentPlan(tx, orgId);
  const limit = plan.limits[metric];
  const period = usagePeriod(metric, now);
  const rows = await tx.$queryRaw<Array<{ count: number }>>`
    INSERT INTO usage_counters (org_id, metric, period, count, updated_at)
    SELECT ${orgId}::uuid, ${metric}, ${period}, ${amount}::int, now()
    WHERE ${limit}::int IS NULL OR ${amount}::int <= ${limit}::int
    ON CONFLICT (org_id, metric, period) DO UPDATE
      SET count = usage_counters.count + EXCLUDED.count, updated_at = now()
      WHERE ${limit}::int IS NULL OR usage_counters.count + EXCLUDED.count <= ${limit}::int
    RETURNING count`;
  if (rows.length === 0) throw new PlanLimitError(plan.tier, metric, limit!);
}

/** Gives back what useAllowance took (a scheduled post cancelled in the same month). Never below 0. */
export async function releaseAllowance(tx: TenantTx, orgId: string, metric: PlanMetric, amount = 1, now = new Date()): Promise<void> {
  await tx.$executeRaw`
    UPDATE usage_counters SET count = GREATEST(count - ${amount}::int, 0), updated_at = now()
    WHERE org_id = ${orgId}::uuid AND metric = ${metric} AND period = ${usagePeriod(metric, now)}`;
}

/**
 * Serializes adds to a gauge (accounts, members) of one organization until the transaction
 * ends; call it before counting what exists, then checkGauge.
 */
export async function lockGauge(tx: TenantTx, orgId: string, metric: PlanMetric): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`plan-gauge:${orgId}:${metric}`}))`;
}

/** Refuses unless `current + adding` stays within the plan's limit for the gauge. */
export async function checkGauge(tx: TenantTx, orgId: string, metric: PlanMetric, current: number, adding = 1): Promise<void> {
  const plan = await currentPlan(tx, orgId);
  const limit = plan.limits[metric];
  if (limit !== null && current + adding > limit) throw new PlanLimitError(plan.tier, metric, limit);
}

/** Who counts against the team-members limit: an organization's clients (a coach's, a shop's customers) do not. */
export const TEAM_ROLES: ReadonlyArray<"owner" | "staff"> = ["owner", "staff"];

/** Refuses unless the plan has room for one more team member (owner or staff); serialized per organization. */
export async function checkTeamRoom(tx: TenantTx, orgId: string): Promise<void> {
  await lockGauge(tx, orgId, "members");
  const team = await tx.orgMembership.count({ where: { orgId, role: { in: [...TEAM_ROLES] } } });
  await checkGauge(tx, orgId, "members", team);
}
