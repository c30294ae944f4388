// The plans organizations pay for and what each allows (issue 13, decision 025). Core, so
// that every module meters against the same table; prices are what the pricing page shows.

export type PlanTier = "free" | "basic" | "pro" | "business" | "enterprise";
/** Cheapest first: the order upgrades go in. */
export const PLAN_TIERS: readonly PlanTier[] = ["free", "basic", "pro", "business", "enterprise"];

/** What a plan limits: gauges (accounts, members) count what exists; the others count per month. */
export type PlanMetric = "accounts" | "scheduledPosts" | "aiCaptions" | "members";
export const PLAN_METRICS: readonly PlanMetric[] = ["accounts", "scheduledPosts", "aiCaptions", "members"];

export interface PlanDefinition {
  tier: PlanTier;
  name: string;
  monthlyPriceCents: number;
  /** null = unlimited */
  limits: Record<PlanMetric, number | null>;
}

export const PLANS: Record<PlanTier, PlanDefinition> = {
  free: { tier: "free", name: "Free", monthlyPriceCents: 0, limits: { accounts: 2, scheduledPosts: 10, aiCaptions: 5, members: 3 } },
  basic: { tier: "basic", name: "Basic", monthlyPriceCents: 900, limits: { accounts: 5, scheduledPosts: 60, aiCaptions: 50, members: 5 } },
  pro: { tier: "pro", name: "Pro", monthlyPriceCents: 2900, limits: { accounts: 10, scheduledPosts: 300, aiCaptions: 300, members: 10 } },
  business: {
    tier: "business",
    name: "Business",
    monthlyPriceCents: 7900,
    limits: { accounts: 25, scheduledPosts: 2000, aiCaptions: 2000, members: 25 },
  },
  enterprise: {
    tier: "enterprise",
    name: "Enterprise",
    monthlyPriceCents: 29900,
    limits: { accounts: null, scheduledPosts: null, aiCaptions: null, members: null },
  },
};

/** Metrics counted per UTC calendar month; the rest are gauges of what exists now. */
export const MONTHLY_METRICS: ReadonlySet<PlanMetric> = new Set<PlanMetric>(["scheduledPosts", "aiCaptions"]);

/** The usage_counters period a use counts in: "2026-12" (UTC month) for monthly metrics, "all" for gauges. */
export function usagePeriod(metric: PlanMetric, now: Date): string {
  if (!MONTHLY_METRICS.has(metric)) return "all";
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
}

/** The cheapest plan whose limit for metric is above `needed` (null if none). */
export function planThatLifts(metric: PlanMetric, needed: number): PlanTier | null {
  for (const tier of PLAN_TIERS) {
    const limit = PLANS[tier].limits[metric];
    if (limit === null || limit > needed) return tier;
  }
  return null;
}

/** One plan is above another (an upgrade goes through checkout, a downgrade does not). */
export function planRank(tier: PlanTier): number {
  return PLAN_TIERS.indexOf(tier);
}

export function isPlanTier(value: string): value is PlanTier {
  return (PLAN_TIERS as readonly string[]).includes(value);
}

const METRIC_WORDS: Record<PlanMetric, { one: string; many: string; monthly: boolean }> = {
  accounts: { one: "connected account", many: "connected accounts", monthly: false },
  scheduledPosts: { one: "scheduled post", many: "scheduled posts", monthly: true },
  aiCaptions: { one: "AI caption", many: "AI captions", monthly: true },
  members: { one: "team member", many: "team members", monthly: false },
};

/** "Your Free plan allows 10 scheduled posts a month. Upgrade to Basic for 60." */
export function limitMessage(plan: PlanDefinition, metric: PlanMetric, limit: number): string {
  const words = METRIC_WORDS[metric];
  const noun = (n: number | null) => (n === 1 ? words.one : words.many);
  const per = words.monthly ? " a month" : "";
  const allows = `Your ${plan.name} plan allows ${limit} ${noun(limit)}${per}.`;
  const lift = planThatLifts(metric, limit);
  if (!lift || planRank(lift) <= planRank(plan.tier)) return `${allows} Contact us for more.`;
  const liftLimit = PLANS[lift].limits[metric];
  return `${allows} Upgrade to ${PLANS[lift].name} for ${liftLimit === null ? `unlimited ${words.many}` : liftLimit}.`;
}
