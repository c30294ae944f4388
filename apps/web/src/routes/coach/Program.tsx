// /coach/program: the client's active program (coach.programs.current), week by week; each
// session a card with its exercises, its video to play, and "Log this workout".
import type { RouterOutputs } from "@glow/api/client";
import { errorMessage, useTRPC, type MyOrganization } from "@glow/react";
import {
  Badge,
  Button,
  buttonClassName,
  Card,
  EmptyState,
  ErrorMessage,
  formatDateTime,
  Notice,
  SegmentedControl,
  Spinner,
} from "@glow/ui";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Link } from "react-router";
import { CoachHeading, RequireOrg } from "../orgs/RequireOrg.tsx";
import { VideoPlayer } from "../../components/coach/VideoPlayer.tsx";
import { WorkoutLogForm } from "../../components/coach/WorkoutLogForm.tsx";
import { usePageTitle } from "../../forms.ts";

type Program = NonNullable<RouterOutputs["coach"]["programs"]["current"]>;
type Session = Program["sessions"][number];
type Item = Session["items"][number];

/** "3 × 10 reps" or "3 × 30 s". */
export function prescription(item: Pick<Item, "sets" | "reps" | "seconds" | "measure">): string {
  if (item.measure === "time" && item.seconds !== null) return `${item.sets} × ${item.seconds} s`;
  if (item.reps !== null) return `${item.sets} × ${item.reps} reps`;
  return `${item.sets} sets`;
}

/** The week to open on: the first with a session not logged yet, else the last. */
function openingWeek(program: Program): number {
  const pending = program.sessions.filter((s) => !s.logged).map((s) => s.week);
  return pending.length > 0 ? Math.min(...pending) : program.weeks;
}

function ExerciseRow({ item, orgId, playing, onPlay }: { item: Item; orgId: string; playing: boolean; onPlay: (play: boolean) => void }) {
  return (
    <li
      className="flex min-w-0 flex-col gap-2 border-t border-slate-100 pt-3 first:border-t-0 first:pt-0"
      data-item={item.id}
      data-exercise={item.exerciseId}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <p className="font-medium text-slate-900" data-exercise-name>
            {item.name}
          </p>
          <p className="text-sm text-slate-600">
            <span className="font-medium text-slate-800">{prescription(item)}</span> · rest {item.restSeconds} s
            {item.muscleGroups.length > 0 && <> · {item.muscleGroups.join(", ")}</>}
          </p>
          {item.loadGuidance && <p className="text-sm text-slate-500">{item.loadGuidance}</p>}
        </div>
        {item.hasVideo && (
          <Button
            variant="secondary"
            className="py-1.5"
            aria-expanded={playing}
            aria-label={`${playing ? "Close" : "Play"} the video of ${item.name}`}
            onClick={() => onPlay(!playing)}
          >
            {playing ? "Close video" : "Play"}
          </Button>
        )}
      </div>
      {playing && <VideoPlayer orgId={orgId} exerciseId={item.exerciseId} name={item.name} />}
    </li>
  );
}

function SessionCard({
  program,
  session,
  orgId,
  logging,
  onLog,
  onLogged,
}: {
  program: Program;
  session: Session;
  orgId: string;
  logging: boolean;
  onLog: (open: boolean) => void;
  onLogged: () => void;
}) {
  const [playing, setPlaying] = useState<string | null>(null);
  return (
    <article
      aria-label={`Day ${session.day}: ${session.title}`}
      className="flex min-w-0 flex-col gap-4 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200"
      data-session={session.id}
      data-logged={session.logged}
    >
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h2 className="text-base font-semibold text-slate-900">
          Day {session.day} · {session.title}
        </h2>
        {session.logged && <Badge tone="success">Done</Badge>}
      </div>
      {logging ? (
        <WorkoutLogForm orgId={orgId} programId={program.id} session={session} onLogged={onLogged} onCancel={() => onLog(false)} />
      ) : (
        <>
          <ul aria-label={`Exercises of day ${session.day}`} className="flex flex-col gap-3">
            {session.items.map((item) => (
              <ExerciseRow
                key={item.id}
                item={item}
                orgId={orgId}
                playing={playing === item.id}
                onPlay={(play) => setPlaying(play ? item.id : null)}
              />
            ))}
          </ul>
          <Button variant={session.logged ? "secondary" : "primary"} className="self-start" onClick={() => onLog(true)}>
            {session.logged ? "Log it again" : "Log this workout"}
          </Button>
        </>
      )}
    </article>
  );
}

function ProgramView({ org, program }: { org: MyOrganization; program: Program }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [week, setWeek] = useState(() => String(openingWeek(program)));
  const [logging, setLogging] = useState<string | null>(null);
  const [logged, setLogged] = useState<string | null>(null);
  const weeks = Array.from({ length: program.weeks }, (_, i) => ({ value: String(i + 1), label: `Week ${i + 1}` }));
  const sessions = program.sessions.filter((s) => String(s.week) === week);
  const done = program.sessions.filter((s) => s.logged).length;

  async function afterLog(session: Session) {
    setLogging(null);
    setLogged(session.title);
    await Promise.all([
      queryClient.invalidateQueries(trpc.coach.programs.current.pathFilter()),
      queryClient.invalidateQueries(trpc.coach.progress.summary.pathFilter()),
    ]);
  }

  return (
    <>
      <CoachHeading
        org={org}
        title={program.title}
        intro={`${program.weeks} weeks · ${done} of ${program.sessions.length} workouts done · made ${formatDateTime(program.createdAt)}`}
      >
        <div className="flex flex-wrap gap-2">
          <Link to="/coach/progress" className={buttonClassName("secondary")}>
            Your progress
          </Link>
          <Link to={`/coach/assessments/${program.assessmentId}`} className={buttonClassName("secondary")}>
            Your score
          </Link>
        </div>
      </CoachHeading>
      {logged && (
        <Notice tone="success">
          <p>Workout logged: {logged}. Well done!</p>
        </Notice>
      )}
      <SegmentedControl legend="Week" name="week" options={weeks} value={week} onChange={setWeek} />
      {sessions.length === 0 ? (
        <EmptyState title="No workouts this week" />
      ) : (
        <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
          {sessions.map((session) => (
            <SessionCard
              key={session.id}
              program={program}
              session={session}
              orgId={org.id}
              logging={logging === session.id}
              onLog={(open) => {
                setLogged(null);
                setLogging(open ? session.id : null);
              }}
              onLogged={() => void afterLog(session)}
            />
          ))}
        </div>
      )}
    </>
  );
}

function CurrentProgram({ org }: { org: MyOrganization }) {
  const trpc = useTRPC();
  const program = useQuery(trpc.coach.programs.current.queryOptions({ orgId: org.id }));
  if (program.isPending) return <Spinner label="Loading your program" />;
  if (program.error) return <ErrorMessage message={errorMessage(program.error)} onRetry={() => void program.refetch()} />;
  if (!program.data) {
    return (
      <>
        <CoachHeading org={org} title="Your program" />
        <Card>
          <EmptyState title="You have no program yet">
            <p>Take the assessment: your program is made from your answers.</p>
            <Link to="/coach/assessment" className={buttonClassName("primary", "mt-3")}>
              Take the assessment
            </Link>
          </EmptyState>
        </Card>
      </>
    );
  }
  return <ProgramView org={org} program={program.data} />;
}

export function ProgramPage() {
  usePageTitle("Your program");
  return <RequireOrg screen="Your program">{(org) => <CurrentProgram key={org.id} org={org} />}</RequireOrg>;
}
