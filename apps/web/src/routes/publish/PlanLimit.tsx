// The web's PlanLimitNotice: a refusal at a plan limit (scheduling, connecting, AI captions)
// with a link to /publish/plan. Renders nothing for other errors.
import { PlanLimitNotice, planLimitOf } from "@glow/react";
import { buttonClassName } from "@glow/ui";
import type { ReactNode } from "react";
import { Link } from "react-router";

export function PlanLimitLink() {
  return (
    <Link to="/publish/plan" className={buttonClassName("primary", "py-1")}>
      See plans and upgrade
    </Link>
  );
}

export function PublishPlanLimitNotice({ error, className }: { error: unknown; className?: string }) {
  return <PlanLimitNotice error={error} link={<PlanLimitLink />} {...(className ? { className } : {})} />;
}

/** The plan-limit notice when `error` is one, else what the screen shows for other errors (`children`). */
export function PlanLimitOr({ error, children }: { error: unknown; children: ReactNode }) {
  return planLimitOf(error) ? <PublishPlanLimitNotice error={error} /> : children;
}
