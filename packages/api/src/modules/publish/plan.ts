// The organization's plan: what it pays for, what it has used, and changing it. Upgrades from
// free go through the payments provider's checkout (its signed webhook sets the plan); moves
// between paid plans and back to free are applied through the provider at once (decision 025).
import { z } from "zod";
import type { Context } from "../../context.ts";
import { recordAudit } from "../../core/audit.ts";
import { FieldError, PreconditionFailedError } from "../../core/errors.ts";
import { TEAM_ROLES } from "../../core/billing/allowance.ts";
import { PLAN_METRICS, PLAN_TIERS, PLANS, usagePeriod, type PlanMetric, type PlanTier } from "../../core/billing/plans.ts";
import type { Tenant } from "../../core/tenancy.ts";

const planTier = z.enum(PLAN_TIERS as [PlanTier, ...PlanTier[]]);
const limitsOutput = z.object({
  accounts: z.number().int().nullable(),
  scheduledPosts: z.number().int().nullable(),
  aiCaptions: z.number().int().nullable(),
  members: z.number().int().nullable(),
});

export const planChangeInput = z.object({
  plan: planTier,
  /** The same key gives back the same checkout (a double click, a retried request). */
  idempotencyKey: z.string().trim().min(8, "At least 8 characters").max(200, "At most 200 characters"),
});

export const planOutput = z.object({
  tier: planTier,
  name: z.string(),
  monthlyPriceCents: z.number().int(),
  limits: limitsOutput,
});
export const currentPlanOutput = planOutput.extend({
  status: z.enum(["active", "past_due", "canceled"]),
  currentPeriodEnd: z.date().nullable(),
  /** The payments provider billing it; null on the free plan never paid for. */
  provider: z.string().nullable(),
});
const metricUsage = z.object({ used: z.number().int(), limit: z.number().int().nullable(), period: z.string() });
export const usageOutput = z.object({
  accounts: metricUsage,
  scheduledPosts: metricUsage,
  aiCaptions: metricUsage,
  members: metricUsage,
});
export const planChangeOutput = z.discriminatedUnion("status", [
  z.object({ status: z.literal("checkout"), plan: planTier, url: z.string() }),
  z.object({ status: z.literal("changed"), plan: planTier }),
  z.object({ status: z.literal("unchanged"), plan: planTier }),
]);

type CurrentPlanView = z.infer<typeof currentPlanOutput>;

const planView = (tier: PlanTier) => {
  const { name, monthlyPriceCents, limits } = PLANS[tier];
  return { tier, name, monthlyPriceCents, limits: { ...limits } };
};

/** Every plan with its limits and price, cheapest first (the pricing page). */
export function listPlans(): Array<z.infer<typeof planOutput>> {
  return PLAN_TIERS.map(planView);
}

const STATUSES = new Set(["active", "past_due", "canceled"]);

export async function currentPlanOf(tenant: Tenant): Promise<CurrentPlanView> {
  const row = await tenant.run((tx) => tx.planSubscription.findUnique({ where: { orgId: tenant.orgId } }));
  if (!row) return { ...planView("free"), status: "active", currentPeriodEnd: null, provider: null };
  const status = (STATUSES.has(row.status) ? row.status : "canceled") as CurrentPlanView["status"];
  // A canceled subscription is the free plan (allowance.ts currentPlan reads it the same way).
  const tier = status === "canceled" ? "free" : row.plan;
  return { ...planView(tier), status, currentPeriodEnd: row.currentPeriodEnd, provider: row.provider };
}

/** What the organization has used of each limit: gauges count what exists, monthly metrics this UTC month. */
export async function usageOf(tenant: Tenant, now = new Date()): Promise<z.infer<typeof usageOutput>> {
  const { orgId } = tenant;
  const plan = await currentPlanOf(tenant);
  const [accounts, members, counters] = await tenant.run((tx) =>
    Promise.all([
      tx.publishAccount.count({ where: { orgId } }),
      tx.orgMembership.count({ where: { orgId, role: { in: [...TEAM_ROLES] } } }),
      tx.usageCounter.findMany({
        where: { orgId, OR: PLAN_METRICS.map((metric) => ({ metric, period: usagePeriod(metric, now) })) },
        select: { metric: true, count: true },
      }),
    ]),
  );
  const counted = (metric: PlanMetric) => counters.find((row) => row.metric === metric)?.count ?? 0;
  const used: Record<PlanMetric, number> = {
    accounts,
    members,
    scheduledPosts: counted("scheduledPosts"),
    aiCaptions: counted("aiCaptions"),
  };
  return Object.fromEntries(
    PLAN_METRICS.map((metric) => [metric, { used: used[metric], limit: plan.limits[metric], period: usagePeriod(metric, now) }]),
  ) as z.infer<typeof usageOutput>;
}

/**
 * Moves the organization to `plan`. From free to a paid plan: a checkout to pay at (the webhook
 * sets the plan). Between paid plans, or back to free: through the provider now. Nothing is
 * deleted when a lower plan's limits are passed; new uses are refused until under them.
 */
export async function changePlan(
  ctx: Context,
  tenant: Tenant,
  input: z.infer<typeof planChangeInput>,
): Promise<z.infer<typeof planChangeOutput>> {
  const { orgId, userId } = tenant;
  const { plan, idempotencyKey } = input;
  const { payments } = ctx;
  const current = await ctx.db.planSubscription.findUnique({ where: { orgId } });
  const paying = current && current.status !== "canceled" && current.plan !== "free" ? current : null;
  const currentTier: PlanTier = paying?.plan ?? "free";
  // Already there: a retried request (same or new key) changes nothing.
  if (plan === currentTier) return { status: "unchanged", plan };

  if (!paying) {
    const me = await ctx.db.user.findUnique({ where: { id: userId }, select: { email: true } });
    const back = new URL("/publish/plan", ctx.config.webUrl);
    const session = await payments.createCheckout({
      orgId,
      plan,
      customerEmail: me?.email ?? null,
      successUrl: `${back.toString()}?checkout=success`,
      cancelUrl: `${back.toString()}?checkout=cancelled`,
      idempotencyKey,
    });
    await tenant.run((tx) =>
      tx.paymentCheckout.createMany({
        data: [{ orgId, userId, provider: payments.id, externalId: session.externalId, plan }],
        skipDuplicates: true,
      }),
    );
    return { status: "checkout", plan, url: session.url };
  }

  if (paying.subscriptionId && paying.provider !== payments.id)
    throw new PreconditionFailedError(`This plan is billed through ${paying.provider}, which this server is not set up for`);
  if (plan === "free") {
    if (paying.subscriptionId) await payments.cancelSubscription({ subscriptionId: paying.subscriptionId, idempotencyKey });
    await ctx.db.planSubscription.update({
      where: { orgId },
      data: { plan: "free", status: "canceled", subscriptionId: null, currentPeriodEnd: null },
    });
  } else {
    if (!paying.subscriptionId) throw new FieldError("plan", "This organization's plan was set by an administrator: ask them to change it");
    const { currentPeriodEnd } = await payments.changeSubscription({ subscriptionId: paying.subscriptionId, plan, idempotencyKey });
    await ctx.db.planSubscription.update({ where: { orgId }, data: { plan, status: "active", currentPeriodEnd } });
  }
  await recordAudit(ctx.db, {
    action: "payments.plan.changed",
    actorId: userId,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    details: { orgId, from: currentTier, plan, provider: payments.id },
  });
  return { status: "changed", plan };
}
