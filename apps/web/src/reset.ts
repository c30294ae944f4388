// The reset module in the web app: its data types, the three steps of a daily plan, and
// the hooks its screens share.
import type { RouterOutputs } from "@glow/api/client";
import { useCallback, useSyncExternalStore } from "react";
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
// The API tells a step's target but not how far along it is, so this browser counts the
// blocks, watches and rewatches it made for a plan (see the report on issue 4).

const PROGRESS_PREFIX = "glow.reset.progress.";
const progressListeners = new Set<() => void>();

function progressKey(planId: string, step: StepName): string {
  return `${PROGRESS_PREFIX}${planId}.${step}`;
}

function readCount(key: string): number {
  try {
    return Number(window.localStorage.getItem(key)) || 0;
  } catch {
    return 0; // storage unavailable (private mode, disabled): count nothing
  }
}

function writeCount(planId: string, key: string, count: number): void {
  try {
    // Only today's plan matters: drop counts kept for earlier plans.
    for (const stored of Object.keys(window.localStorage)) {
      if (stored.startsWith(PROGRESS_PREFIX) && !stored.startsWith(`${PROGRESS_PREFIX}${planId}.`)) window.localStorage.removeItem(stored);
    }
    window.localStorage.setItem(key, String(count));
  } catch {
    // Progress is a nicety; the step can still be marked done.
  }
  for (const listener of progressListeners) listener();
}

function subscribeProgress(listener: () => void): () => void {
  progressListeners.add(listener);
  window.addEventListener("storage", listener);
  return () => {
    progressListeners.delete(listener);
    window.removeEventListener("storage", listener);
  };
}

/** How many times this browser moved a plan's step forward, and a function to count one more. */
export function useStepProgress(planId: string, step: StepName): [count: number, add: () => void] {
  const key = progressKey(planId, step);
  const count = useSyncExternalStore(subscribeProgress, () => readCount(key));
  const add = useCallback(() => writeCount(planId, key, readCount(key) + 1), [planId, key]);
  return [count, add];
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
