// The reset module in the web app: its data types, the three steps of a daily plan, and
// the hooks its screens share.
import type { RouterOutputs } from "@glow/api/client";
import { errorData, useSubscription, useTRPC } from "@glow/react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useSignedOutHere } from "./account.ts";

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
  reinforce: {
    position: 3,
    label: "Reinforce",
    path: "/plan/reinforce",
    unit: (n) => (n === 1 ? "favorite rewatched" : "favorites rewatched"),
  },
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
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = useCallback(() => void queryClient.invalidateQueries(trpc.reset.plan.today.pathFilter()), [queryClient, trpc]);
  return [step.progress, refresh];
}

/** Steps done, to tell whether a new copy of the plan moved the challenge on. */
const doneSteps = (plan: Plan | null | undefined) => plan?.steps.filter((step) => step.completedAt !== null).length ?? 0;

/**
 * Today's plan as the server pushes it (reset.plan.onChange): a step done on the desktop or
 * in another tab replaces the cached plan, so the screen follows without asking again. A
 * session revoked elsewhere ends the stream with UNAUTHORIZED: then nobody is signed in here.
 */
export function usePlanUpdates(): void {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const signedOut = useSignedOutHere();
  useSubscription(
    trpc.reset.plan.onChange.subscriptionOptions(undefined, {
      onData: (plan) => {
        const before = queryClient.getQueryData(trpc.reset.plan.today.queryKey());
        queryClient.setQueryData(trpc.reset.plan.today.queryKey(), plan);
        if (doneSteps(before) !== doneSteps(plan)) void queryClient.invalidateQueries(trpc.reset.challenge.progress.pathFilter());
      },
      onError: (error) => {
        if (errorData(error)?.code === "UNAUTHORIZED") signedOut();
      },
    }),
  );
}

// ── mutations that change today's plan ──

export function useTodaysPlan() {
  const trpc = useTRPC();
  return useQuery(trpc.reset.plan.today.queryOptions());
}

export function useGeneratePlan() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.reset.plan.generate.mutationOptions({
      onSuccess: (plan) => {
        queryClient.setQueryData(trpc.reset.plan.today.queryKey(), plan);
        void queryClient.invalidateQueries(trpc.reset.challenge.progress.pathFilter());
      },
    }),
  );
}

export function useCompleteStep() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.reset.plan.completeStep.mutationOptions({
      onSuccess: (plan) => {
        queryClient.setQueryData(trpc.reset.plan.today.queryKey(), plan);
        void queryClient.invalidateQueries(trpc.reset.challenge.progress.pathFilter());
      },
    }),
  );
}

/** Adds or removes a favorite, and forgets the cached favorites so the other screens see it. */
export function useToggleFavorite() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => {
    void queryClient.invalidateQueries(trpc.reset.favorites.list.pathFilter());
    void queryClient.invalidateQueries(trpc.reset.favorites.random.pathFilter());
  };
  const add = useMutation(trpc.reset.favorites.add.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.reset.favorites.remove.mutationOptions({ onSuccess: refresh }));
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
