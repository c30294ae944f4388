// A refusal at a plan's limit, anywhere in publish (scheduling, connecting, AI captions): the
// server names the limit and the plan that lifts it (error data `planLimit`, trpc.ts), and
// this shows it with the way to the plan page.
import { PlanLimitBanner } from "@glow/ui";
import type { ReactNode } from "react";
import { errorData, errorMessage, type GlowErrorData } from "./errors.ts";

export type PlanLimit = NonNullable<GlowErrorData["planLimit"]>;

/** The plan limit a failed call hit, or null when it failed for another reason. */
export function planLimitOf(error: unknown): PlanLimit | null {
  const data = errorData(error);
  return data?.code === "FORBIDDEN" && data.planLimit ? data.planLimit : null;
}

/**
 * Shows a plan-limit refusal with `link` (the app's way to its plan page, e.g. a router link to
 * /publish/plan); renders nothing for any other error, so callers show those as before.
 */
export function PlanLimitNotice({ error, link, className }: { error: unknown; link: ReactNode; className?: string }) {
  if (!planLimitOf(error)) return null;
  return <PlanLimitBanner message={errorMessage(error)} action={link} {...(className ? { className } : {})} />;
}
