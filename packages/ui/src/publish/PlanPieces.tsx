// Publish's plan as it looks, for both apps and the demo: what each limit has used, the plans
// on offer with the way up or down, and the notice a refusal at a plan limit shows.
import type { ReactNode } from "react";
import { Badge } from "../Badge.tsx";
import { Button } from "../Button.tsx";
import { cn } from "../cn.ts";
import { formatCount } from "../format.ts";

export type PlanMetricName = "accounts" | "scheduledPosts" | "aiCaptions" | "members";

/** How each limit reads; monthly ones restart on the 1st (UTC). */
export const PLAN_METRIC_LABELS: Record<PlanMetricName, { label: string; monthly: boolean }> = {
  accounts: { label: "Connected accounts", monthly: false },
  scheduledPosts: { label: "Scheduled posts this month", monthly: true },
  aiCaptions: { label: "AI captions this month", monthly: true },
  members: { label: "Team members", monthly: false },
};
const METRIC_ORDER: readonly PlanMetricName[] = ["accounts", "scheduledPosts", "aiCaptions", "members"];

export type PlanUsageView = Record<PlanMetricName, { used: number; limit: number | null }>;

export interface PlanOffer {
  tier: string;
  name: string;
  monthlyPriceCents: number;
  limits: Record<PlanMetricName, number | null>;
}

const limitText = (limit: number | null) => (limit === null ? "Unlimited" : formatCount(limit));
const priceText = (cents: number) => (cents === 0 ? "Free" : `$${(cents / 100).toFixed(cents % 100 === 0 ? 0 : 2)} a month`);

/** One bar per limit: used of the limit, "Unlimited" where there is none; a full one is marked. */
export function PlanUsageList({ usage }: { usage: PlanUsageView }) {
  return (
    <ul aria-label="Usage" className="flex flex-col gap-4">
      {METRIC_ORDER.map((metric) => {
        const { used, limit } = usage[metric];
        const full = limit !== null && used >= limit;
        const percent = limit === null ? 0 : limit === 0 ? 100 : Math.min(100, Math.round((used / limit) * 100));
        return (
          <li key={metric} data-metric={metric} data-full={full} className="flex flex-col gap-1">
            <div className="flex items-baseline justify-between gap-2 text-sm">
              <span className="font-medium text-slate-700">{PLAN_METRIC_LABELS[metric].label}</span>
              <span className={cn("tabular-nums", full ? "font-semibold text-red-700" : "text-slate-600")} data-usage>
                {formatCount(used)} / {limitText(limit)}
              </span>
            </div>
            <div
              role="meter"
              aria-label={PLAN_METRIC_LABELS[metric].label}
              aria-valuemin={0}
              aria-valuemax={limit ?? Math.max(used, 1)}
              aria-valuenow={used}
              aria-valuetext={limit === null ? `${used}, unlimited` : `${used} of ${limit}`}
              className="h-2 w-full overflow-hidden rounded-full bg-slate-200"
            >
              <div
                className={cn("h-full rounded-full", full ? "bg-red-500" : "bg-glow-500", limit === null && "bg-emerald-400")}
                style={{ width: limit === null ? "100%" : `${percent}%` }}
              />
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/**
 * The plans side by side (stacked on a phone), the current one marked; owners get Upgrade or
 * Downgrade on the others (`onChoose`), everyone else just sees them.
 */
export function PlansTable({
  plans,
  currentTier,
  onChoose,
  busyTier = null,
}: {
  /** Cheapest first. */
  plans: readonly PlanOffer[];
  currentTier: string;
  onChoose?: ((tier: string) => void) | undefined;
  busyTier?: string | null;
}) {
  const currentIndex = plans.findIndex((plan) => plan.tier === currentTier);
  return (
    <ul aria-label="Plans" className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-5">
      {plans.map((plan, index) => {
        const current = plan.tier === currentTier;
        const up = index > currentIndex;
        return (
          <li
            key={plan.tier}
            data-plan={plan.tier}
            data-current={current}
            className={cn("flex flex-col gap-3 rounded-xl p-4 ring-1", current ? "bg-glow-50 ring-glow-500" : "bg-white ring-slate-200")}
          >
            <div className="flex items-center justify-between gap-2">
              <h3 className="font-semibold text-slate-900">{plan.name}</h3>
              {current && <Badge tone="glow">Your plan</Badge>}
            </div>
            <p className="text-sm font-medium text-slate-700">{priceText(plan.monthlyPriceCents)}</p>
            <dl className="flex flex-col gap-1 text-sm text-slate-600">
              {METRIC_ORDER.map((metric) => (
                <div key={metric} className="flex justify-between gap-2">
                  <dt>{PLAN_METRIC_LABELS[metric].label.replace(" this month", " a month")}</dt>
                  <dd className="font-medium tabular-nums text-slate-800">{limitText(plan.limits[metric])}</dd>
                </div>
              ))}
            </dl>
            {!current && onChoose && (
              <Button
                variant={up ? "primary" : "secondary"}
                className="mt-auto"
                busy={busyTier === plan.tier}
                disabled={busyTier !== null && busyTier !== plan.tier}
                onClick={() => onChoose(plan.tier)}
                aria-label={`${up ? "Upgrade" : "Downgrade"} to ${plan.name}`}
              >
                {up ? "Upgrade" : "Downgrade"}
              </Button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** A refusal at a plan limit: the server's words (which limit, which plan lifts it) and the way to the plan page. */
export function PlanLimitBanner({ message, action, className }: { message: string; action?: ReactNode; className?: string }) {
  return (
    <div
      role="alert"
      data-plan-limit
      className={cn("flex flex-col gap-2 rounded-lg bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200", className)}
    >
      <p>{message}</p>
      {action && <div className="flex flex-wrap gap-2">{action}</div>}
    </div>
  );
}
