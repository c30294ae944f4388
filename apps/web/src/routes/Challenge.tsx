import { errorMessage, useTRPC } from "@glow/react";
import { buttonClassName, Card, ChallengeTrack, EmptyState, ErrorMessage, formatDay, Notice, Spinner, Stat } from "@glow/ui";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { RequireAccount } from "../components/RequireAccount.tsx";
import { usePageTitle } from "../forms.ts";
import type { Challenge } from "../reset.ts";

const LAST_DAY = 7;

function ChallengeDetail({ challenge }: { challenge: Challenge }) {
  const { currentDay } = challenge;
  const dayText = currentDay === null ? "—" : currentDay > LAST_DAY ? "Over" : `Day ${currentDay}`;
  return (
    <>
      {challenge.finished && (
        <Notice tone="success">
          <p>
            <strong>You did it:</strong> every day of the challenge is done. Keep going: a daily plan still helps your feed.
          </p>
        </Notice>
      )}
      <Card title="Progress">
        <dl className="grid grid-cols-1 gap-4 sm:grid-cols-4">
          <Stat label="Today" value={dayText} />
          <Stat label="Days done" value={`${challenge.completedDays} of ${challenge.days.length}`} />
          <Stat label="Streak" value={challenge.streak === 1 ? "1 day" : `${challenge.streak} days`} />
          <Stat label="Started" value={challenge.startedOn ? formatDay(challenge.startedOn) : "—"} />
        </dl>
      </Card>
      <Card
        title="Day by day"
        description="A day is done when all three steps of its plan are done. Days without a finished plan are missed."
      >
        <ChallengeTrack days={challenge.days.map((day) => ({ ...day, dateLabel: day.date ? formatDay(day.date) : null }))} detailed />
      </Card>
      <p>
        <Link to="/" className={buttonClassName("secondary")}>
          Back to today's plan
        </Link>
      </p>
    </>
  );
}

function ChallengeScreen() {
  const trpc = useTRPC();
  const challenge = useQuery(trpc.reset.challenge.progress.queryOptions());
  return (
    <>
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Your 7-day challenge</h1>
        <p className="mt-1 text-slate-600">Eight days, day 0 to day 7: finish each day's plan to retrain your For You feed.</p>
      </div>
      {challenge.isLoading && <Spinner label="Loading your challenge" />}
      {challenge.error && <ErrorMessage message={errorMessage(challenge.error)} onRetry={() => void challenge.refetch()} />}
      {challenge.data && !challenge.data.enrolled && (
        <EmptyState title="Your challenge has not started">
          <p className="mb-3">It starts on the day of your first plan.</p>
          <Link to="/" className={buttonClassName("primary")}>
            Go to today's plan
          </Link>
        </EmptyState>
      )}
      {challenge.data?.enrolled && <ChallengeDetail challenge={challenge.data} />}
    </>
  );
}

export function ChallengePage() {
  usePageTitle("Challenge");
  return <RequireAccount>{() => <ChallengeScreen />}</RequireAccount>;
}
