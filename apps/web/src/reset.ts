// The reset module in the web app: its data types, the three steps of a daily plan, and
// the hooks its screens share.
import type { RouterOutputs } from "@glow/api/client";
import { useCallback } from "react";
import { trpc } from "./trpc.ts";

export type Plan = NonNullable<RouterOutputs["reset"]["plan"]["today"]>;
export type PlanStep = Plan["steps"][number];
export type StepName = PlanStep["step"];
export type Category = RouterOutputs["reset"]["categories"]["list"][number];
export type Video = RouterOutputs["reset"]["videos"]["curated"]["items"][number];
export type ToxicCreator = RouterOutputs["reset"]["creators"]["toxic"]["items"][number];
export type Challenge = RouterOutputs["reset"]["challenge"]["progress"];

export const STEP_INFO: Record<StepName, { position: number; label: string; path: string; unit: (target: number) => string }> = {
  clear: { position: 1, label: "Clear", path: "/plan/clear", unit: (n) => (n === 1 ? "creator blocked" : "creators blocked") },
  watch: { position: 2, label: "Watch", path: "/plan/watch", unit: (n) => (n === 1 ? "video watched" : "videos watched") },
  reinforce: { position: 3, label: "Reinforce", path: "/plan/reinforce", unit: (n) => (n === 1 ? "favorite rewatched" : "favorites rewatched") },
};

export const STEP_ORDER: readonly StepName[] = ["clear", "watch", "reinforce"];

export function planStep(plan: Plan, step: StepName): PlanStep | undefined {
  return plan.steps.find((s) => s.step === step);
}

// ── progress on a step ──

/**
 * How far a step got today — creators blocked, videos watched, favorites rewatched, counted
 * by the server — and a function that fetches the new count after an action.
 */
export function useStepProgress(step: PlanStep): [count: number, refresh: () => void] {
  const utils = trpc.useUtils();
  const refresh = useCallback(() => void utils.reset.plan.today.invalidate(), [utils]);
  return [step.progress, refresh];
}

// ── mutations that change today's plan ──

export function useTodaysPlan() {
  return trpc.reset.plan.today.useQuery();
}

export function useGeneratePlan() {
  const utils = trpc.useUtils();
  return trpc.reset.plan.generate.useMutation({
    onSuccess: (plan) => {
      utils.reset.plan.today.setData(undefined, plan);
      void utils.reset.challenge.progress.invalidate();
    },
  });
}

export function useCompleteStep() {
  const utils = trpc.useUtils();
  return trpc.reset.plan.completeStep.useMutation({
    onSuccess: (plan) => {
      utils.reset.plan.today.setData(undefined, plan);
      void utils.reset.challenge.progress.invalidate();
    },
  });
}

/** Adds or removes a favorite, and forgets the cached favorites so the other screens see it. */
export function useToggleFavorite() {
  const utils = trpc.useUtils();
  const refresh = () => {
    void utils.reset.favorites.list.invalidate();
    void utils.reset.favorites.random.invalidate();
  };
  const add = trpc.reset.favorites.add.useMutation({ onSuccess: refresh });
  const remove = trpc.reset.favorites.remove.useMutation({ onSuccess: refresh });
  return { add, remove };
}

/** After a row leaves a list (or is done with), puts the keyboard on the next row's button, or else where `otherwise` says. */
export function focusNext(container: HTMLElement | null, selector: string, otherwise: () => void): void {
  requestAnimationFrame(() => {
    const next = container?.querySelector<HTMLElement>(selector);
    if (next) next.focus();
    else otherwise();
  });
}
