import { errorMessage, useTRPC } from "@glow/react";
import { ActionCard, buttonClassName, Card, ChallengeTrack, ErrorMessage, linkClassName, Notice, Spinner } from "@glow/ui";
import { useQuery } from "@tanstack/react-query";
import { Link, Navigate } from "react-router";
import type { Account } from "../account.ts";
import { EmailReminder } from "../components/EmailReminder.tsx";
import { StartPlanButton } from "../components/StartPlanButton.tsx";
import { usePageTitle } from "../forms.ts";
import { STEP_INFO, usePlanUpdates, useStepProgress, useTodaysPlan, type PlanStep } from "../reset.ts";

function StepCard({ step }: { step: PlanStep }) {
  const info = STEP_INFO[step.step];
  const [progress] = useStepProgress(step);
  const done = step.completedAt !== null;
  return (
    <ActionCard
      position={info.position}
      label={info.label}
      title={step.title}
      description={step.description}
      progress={progress}
      target={step.target}
      unit={info.unit(step.target)}
      done={done}
      action={
        <Link to={info.path} className={buttonClassName(done ? "secondary" : "primary")}>
          {done ? `Review ${info.label}` : `Start ${info.label}`}
          <span className="sr-only"> step</span>
        </Link>
      }
    />
  );
}

function TodaysPlan() {
  const today = useTodaysPlan();
  return (
    <section aria-labelledby="todays-plan" className="flex flex-col gap-3">
      <h2 id="todays-plan" className="text-lg font-semibold text-slate-900">
        Today's plan
      </h2>
      {today.isLoading && <Spinner label="Loading today's plan" />}
      {today.error && <ErrorMessage message={errorMessage(today.error)} onRetry={() => void today.refetch()} />}
      {today.data === null && (
        <Card>
          <div className="flex flex-col items-center gap-2 text-center">
            <p className="font-medium text-slate-800">A new day, a new plan.</p>
            <p className="text-sm text-slate-600">
              Three short steps: block creators who drag your feed down, watch videos you want more of, and rewatch a favorite.
            </p>
            <StartPlanButton />
          </div>
        </Card>
      )}
      {today.data && (
        <>
          {today.data.completed && (
            <Notice tone="success">
              <p>
                <strong>Day {today.data.day} is done.</strong> Come back tomorrow for your next plan.
              </p>
            </Notice>
          )}
          <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
            {today.data.steps.map((step) => (
              <StepCard key={step.step} step={step} />
            ))}
          </div>
        </>
      )}
    </section>
  );
}

function ChallengeSummary() {
  const trpc = useTRPC();
  const challenge = useQuery(trpc.reset.challenge.progress.queryOptions());
  return (
    <Card title="7-day challenge" description="Finish all three steps of a day's plan to complete that day, from day 0 to day 7.">
      {challenge.isLoading && <Spinner label="Loading your challenge" />}
      {challenge.error && <ErrorMessage message={errorMessage(challenge.error)} onRetry={() => void challenge.refetch()} />}
      {challenge.data && (
        <div className="flex flex-col gap-4">
          <ChallengeTrack days={challenge.data.days} />
          <p className="text-sm text-slate-700">
            {challenge.data.enrolled ? (
              <>
                <strong data-streak>{challenge.data.streak}</strong>-day streak · {challenge.data.completedDays} of{" "}
                {challenge.data.days.length} days done ·{" "}
              </>
            ) : (
              "Your challenge starts with your first plan. "
            )}
            <Link to="/challenge" className={linkClassName}>
              See the challenge
            </Link>
          </p>
        </div>
      )}
    </Card>
  );
}

function YourCategories({ chosen }: { chosen: string[] }) {
  const trpc = useTRPC();
  const categories = useQuery(trpc.reset.categories.list.queryOptions());
  const names = (categories.data ?? []).filter((category) => chosen.includes(category.id));
  return (
    <Card title="Your feed">
      <div className="flex flex-col gap-3">
        {names.length > 0 && (
          <ul aria-label="Your categories" className="flex flex-wrap gap-2">
            {names.map((category) => (
              <li key={category.id} className="rounded-full bg-glow-50 px-3 py-1 text-sm text-glow-700 ring-1 ring-glow-100">
                <span aria-hidden="true">{category.emoji} </span>
                {category.name}
              </li>
            ))}
          </ul>
        )}
        <p className="flex flex-wrap gap-x-4 gap-y-2 text-sm">
          <Link to="/onboarding" className={linkClassName}>
            Change categories
          </Link>
          <Link to="/favorites" className={linkClassName}>
            Your favorites
          </Link>
        </p>
      </div>
    </Card>
  );
}

/** The signed-in home: today's plan, the challenge, and the person's categories. */
export function Dashboard({ account }: { account: Account }) {
  const trpc = useTRPC();
  usePageTitle("Today");
  usePlanUpdates();
  const preferences = useQuery(trpc.reset.preferences.get.queryOptions());
  const today = useTodaysPlan();
  if (preferences.isLoading) return <Spinner label="Loading your plan" />;
  if (preferences.error || !preferences.data) {
    return <ErrorMessage message={errorMessage(preferences.error)} onRetry={() => void preferences.refetch()} />;
  }
  // Nothing to plan before the person says what they want more of.
  if (preferences.data.categoryIds.length === 0) return <Navigate to="/onboarding" replace />;

  return (
    <>
      <div className="flex flex-col gap-2">
        <h1 className="text-2xl font-bold text-slate-900">Welcome, {account.name}</h1>
        <p className="text-slate-600">
          {today.data ? `Day ${today.data.day} of your feed reset.` : "Reset your For You feed, one short plan a day."}
        </p>
        <EmailReminder account={account} />
      </div>
      <TodaysPlan />
      <ChallengeSummary />
      <YourCategories chosen={preferences.data.categoryIds} />
    </>
  );
}
