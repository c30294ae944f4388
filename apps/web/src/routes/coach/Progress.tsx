// /coach/progress: coach.progress.summary — adherence, weekly volume (a chart with its numbers
// in a table too) and personal bests. The page loads on demand, so the charts do as well.
import type { RouterOutputs } from "@glow/api/client";
import { errorMessage, useTRPC, type MyOrganization } from "@glow/react";
import {
  buttonClassName,
  Card,
  CategoryBarChart,
  EmptyState,
  ErrorMessage,
  formatCount,
  formatPercent,
  ProgressBar,
  Spinner,
  Stat,
} from "@glow/ui";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { CoachHeading, RequireOrg } from "../orgs/RequireOrg.tsx";
import { usePageTitle } from "../../forms.ts";

type Summary = RouterOutputs["coach"]["progress"]["summary"];

const weekLabel = (weekStart: Date) => weekStart.toLocaleDateString("en", { month: "short", day: "numeric", timeZone: "UTC" });

function Adherence({ adherence }: { adherence: Summary["adherence"] }) {
  return (
    <Card title="Adherence" description="Workouts of your program done, of those due so far.">
      {adherence.ratio === null ? (
        <p className="text-sm text-slate-600">Nothing is due yet.</p>
      ) : (
        <div className="flex flex-col gap-2" data-adherence={adherence.ratio}>
          <p className="text-2xl font-semibold text-slate-900">{formatPercent(adherence.ratio)}</p>
          <ProgressBar value={adherence.logged} max={adherence.planned} label="Adherence" />
          <p className="text-sm text-slate-600">
            {adherence.logged} of {adherence.planned} workouts done
          </p>
        </div>
      )}
    </Card>
  );
}

function WeeklyVolume({ weeks }: { weeks: Summary["weeklyVolume"] }) {
  const rows = weeks.map((week) => ({ week: weekLabel(week.weekStart), volume: week.volumeKg, sets: week.sets }));
  const trained = weeks.some((week) => week.sets > 0);
  return (
    <Card title="Weekly volume" description="Reps × load lifted each week (weeks start on Monday), the last 12 weeks.">
      {!trained ? (
        <EmptyState title="No workouts logged yet">Log a workout from your program and it shows here.</EmptyState>
      ) : (
        <div className="flex flex-col gap-4">
          <CategoryBarChart
            title="Volume per week (kg)"
            data={rows}
            xKey="week"
            series={[{ key: "volume", name: "Volume (kg)" }]}
            height={220}
          />
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" aria-label="Volume per week">
              <thead className="text-xs uppercase tracking-wide text-slate-500">
                <tr>
                  <th className="py-1 pr-4 font-medium">Week of</th>
                  <th className="py-1 pr-4 text-right font-medium">Sets</th>
                  <th className="py-1 text-right font-medium">Volume (kg)</th>
                </tr>
              </thead>
              <tbody>
                {rows
                  .filter((row) => row.sets > 0)
                  .map((row) => (
                    <tr key={row.week} className="border-t border-slate-100" data-week={row.week}>
                      <td className="py-1 pr-4">{row.week}</td>
                      <td className="py-1 pr-4 text-right">{formatCount(row.sets)}</td>
                      <td className="py-1 text-right">{formatCount(row.volume)}</td>
                    </tr>
                  ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </Card>
  );
}

function PersonalBests({ bests }: { bests: Summary["personalBests"] }) {
  return (
    <Card title="Personal bests" description="Your heaviest load and most reps in one set, per exercise.">
      {bests.length === 0 ? (
        <EmptyState title="No personal bests yet" />
      ) : (
        <ul aria-label="Personal bests" className="flex flex-col divide-y divide-slate-100">
          {bests.map((best) => (
            <li key={best.exerciseId} className="flex flex-wrap justify-between gap-x-4 py-2 text-sm" data-best={best.exerciseId}>
              <span className="font-medium text-slate-900">{best.name}</span>
              <span className="text-slate-600">
                {[
                  best.maxLoadKg !== null ? `${formatCount(best.maxLoadKg)} kg` : null,
                  best.maxReps !== null ? `${best.maxReps} reps` : null,
                ]
                  .filter(Boolean)
                  .join(" · ") || "—"}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

function ProgressSummary({ org }: { org: MyOrganization }) {
  const trpc = useTRPC();
  const summary = useQuery(trpc.coach.progress.summary.queryOptions({ orgId: org.id }));
  if (summary.isPending) return <Spinner label="Loading your progress" />;
  if (summary.error) return <ErrorMessage message={errorMessage(summary.error)} onRetry={() => void summary.refetch()} />;
  const { data } = summary;
  const workouts = data.weeklyVolume.reduce((sum, week) => sum + week.sets, 0);
  return (
    <>
      <CoachHeading org={org} title="Your progress">
        <Link to="/coach/program" className={buttonClassName("secondary")}>
          Your program
        </Link>
      </CoachHeading>
      {!data.programId && (
        <EmptyState title="You have no program yet">
          <Link to="/coach/assessment" className={buttonClassName("primary", "mt-2")}>
            Take the assessment
          </Link>
        </EmptyState>
      )}
      <Card>
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3">
          <Stat label="Sets logged (12 weeks)" value={formatCount(workouts)} />
          <Stat label="Videos watched to the end" value={formatCount(data.videosCompleted)} />
          <Stat label="Personal bests" value={formatCount(data.personalBests.length)} />
        </dl>
      </Card>
      <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
        <Adherence adherence={data.adherence} />
        <PersonalBests bests={data.personalBests} />
      </div>
      <WeeklyVolume weeks={data.weeklyVolume} />
    </>
  );
}

export function ProgressPage() {
  usePageTitle("Your progress");
  return <RequireOrg screen="Your progress">{(org) => <ProgressSummary key={org.id} org={org} />}</RequireOrg>;
}
