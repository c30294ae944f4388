import { errorMessage } from "@glow/react";
import { Button, Card, EmptyState, ErrorMessage, FormError, linkClassName, Notice, ProgressBar, Spinner } from "@glow/ui";
import { useId, type ReactNode } from "react";
import { Link } from "react-router";
import { usePageTitle } from "../forms.ts";
import {
  planStep,
  STEP_INFO,
  STEP_ORDER,
  useCompleteStep,
  useStepProgress,
  useTodaysPlan,
  type Plan,
  type PlanStep,
  type StepName,
} from "../reset.ts";
import { RequireAccount } from "./RequireAccount.tsx";
import { StartPlanButton } from "./StartPlanButton.tsx";

export interface StepScreenProps {
  plan: Plan;
  step: PlanStep;
  /** Counts one block, watch or rewatch towards the step's target. */
  addProgress: () => void;
  /** Puts the keyboard on "Mark step done" (or the news that it is done), e.g. when a list runs out. */
  focusCompletion: () => void;
}

/** The frame of the Clear, Watch and Reinforce screens: the step, its progress and "Mark step done". */
export function PlanStepPage({ step, children }: { step: StepName; children: (props: StepScreenProps) => ReactNode }) {
  usePageTitle(STEP_INFO[step].label);
  return (
    <RequireAccount>
      {() => (
        <>
          <nav aria-label="Breadcrumb" className="text-sm">
            <Link to="/" className={linkClassName}>
              ← Today's plan
            </Link>
          </nav>
          <TodaysStep step={step}>{children}</TodaysStep>
        </>
      )}
    </RequireAccount>
  );
}

function TodaysStep({ step, children }: { step: StepName; children: (props: StepScreenProps) => ReactNode }) {
  const today = useTodaysPlan();
  const info = STEP_INFO[step];
  if (today.isLoading) return <Spinner label="Loading today's plan" />;
  if (today.error) return <ErrorMessage message={errorMessage(today.error)} onRetry={() => void today.refetch()} />;
  const plan = today.data;
  const current = plan ? planStep(plan, step) : undefined;
  if (!plan || !current) {
    return (
      <>
        <h1 className="text-2xl font-bold text-slate-900">{info.label}</h1>
        <EmptyState title="You have no plan for today yet">
          <p className="mb-3">Start today's plan to get your Clear, Watch and Reinforce steps.</p>
          <StartPlanButton />
        </EmptyState>
      </>
    );
  }
  return (
    <StepWithProgress key={plan.id} plan={plan} step={current}>
      {children}
    </StepWithProgress>
  );
}

function StepWithProgress({ plan, step, children }: { plan: Plan; step: PlanStep; children: (props: StepScreenProps) => ReactNode }) {
  const info = STEP_INFO[step.step];
  const [progress, addProgress] = useStepProgress(step);
  const complete = useCompleteStep();
  // Focus moves by id: these callbacks run after the render that swaps one for the other.
  const completeButtonId = useId();
  const doneNoticeId = useId();
  const done = step.completedAt !== null;
  const reached = progress >= step.target;
  const next = STEP_ORDER.slice(info.position)
    .map((name) => planStep(plan, name))
    .find((s) => s && s.completedAt === null);

  function focusCompletion() {
    requestAnimationFrame(() => (document.getElementById(completeButtonId) ?? document.getElementById(doneNoticeId))?.focus());
  }

  function markDone() {
    complete.mutate(
      { planId: plan.id, step: step.step },
      // The button goes away; keep the keyboard on the news that replaced it.
      { onSuccess: () => requestAnimationFrame(() => document.getElementById(doneNoticeId)?.focus()) },
    );
  }

  return (
    <>
      <header className="flex flex-col gap-1">
        <p className="text-xs font-semibold uppercase tracking-wide text-glow-700">
          Step {info.position} of 3 · Day {plan.day}
        </p>
        <h1 className="text-2xl font-bold text-slate-900">{info.label}</h1>
        <p className="font-medium text-slate-800">{step.title}</p>
        <p className="text-sm text-slate-600">{step.description}</p>
      </header>
      <Card title="Your progress">
        <div className="flex flex-col gap-3">
          <div className="flex flex-col gap-1.5">
            <ProgressBar value={progress} max={step.target} label={`${info.label} progress`} />
            <p className="text-sm text-slate-600" data-progress>
              {step.target > 0 ? `${Math.min(progress, step.target)} of ${step.target} ${info.unit(step.target)}` : "Nothing to do today"}
            </p>
          </div>
          {done ? (
            <div id={doneNoticeId} tabIndex={-1} className="rounded-lg focus:outline-2 focus:outline-glow-500">
              <Notice tone="success">
                <p>
                  <strong>Step done.</strong>{" "}
                  {next ? (
                    <Link to={STEP_INFO[next.step].path} className={linkClassName}>
                      Next: {STEP_INFO[next.step].label}
                    </Link>
                  ) : (
                    <Link to="/" className={linkClassName}>
                      Back to today's plan
                    </Link>
                  )}
                </p>
              </Notice>
            </div>
          ) : (
            <div className="flex flex-col gap-2 sm:flex-row sm:items-center">
              <Button
                id={completeButtonId}
                data-complete-step
                variant={reached ? "primary" : "secondary"}
                busy={complete.isPending}
                onClick={markDone}
              >
                Mark step done
              </Button>
              <p className="text-sm text-slate-600" aria-live="polite">
                {step.target === 0
                  ? "Nothing to do here today: mark this step done."
                  : reached
                    ? "You reached today's target: mark this step done."
                    : `Mark it done when you have finished, or once you reach ${step.target}.`}
              </p>
            </div>
          )}
          <FormError message={complete.error ? errorMessage(complete.error) : null} />
        </div>
      </Card>
      {children({ plan, step, addProgress, focusCompletion })}
    </>
  );
}
