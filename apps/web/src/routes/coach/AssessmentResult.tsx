// /coach/assessments/:assessmentId: the score (total, level, goals, limitations, how the total
// was made) and the way to the program generated from it; or, stopped at the health
// screening, that the person should see a doctor first.
import { LEVEL_NAMES, type RouterOutputs } from "@glow/api/client";
import { errorMessage, useTRPC, type MyOrganization } from "@glow/react";
import { Badge, buttonClassName, Card, ErrorMessage, formatDateTime, Notice, ProgressBar, Spinner, Stat } from "@glow/ui";
import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "react-router";
import { CoachHeading, RequireOrg } from "../orgs/RequireOrg.tsx";
import { codeName, GOAL_NAMES } from "../../components/coach/names.ts";
import { SEE_DOCTOR } from "../../components/coach/QuestionStepper.tsx";
import { usePageTitle } from "../../forms.ts";

type Assessment = RouterOutputs["coach"]["assessments"]["get"];
type Score = NonNullable<Assessment["score"]>;

function ScoreView({ assessment, score }: { assessment: Assessment; score: Score }) {
  return (
    <>
      <Card title="Your score">
        <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
          <Stat label="Total" value={`${score.total} of 100`} />
          <Stat label="Level" value={codeName(LEVEL_NAMES[score.level])} />
          <Stat label="Sessions a week" value={score.sessionsPerWeek} />
          <Stat label="Taken" value={formatDateTime(assessment.createdAt)} />
        </dl>
        {score.notes && score.notes.length > 0 && (
          <ul className="mt-4 list-disc pl-5 text-sm text-slate-600">
            {score.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        )}
      </Card>
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <Card title="Goals">
          <ul aria-label="Goals" className="flex flex-wrap gap-2">
            {score.goals.map((goal) => (
              <li key={goal}>
                <Badge tone="glow">{GOAL_NAMES[goal]}</Badge>
              </li>
            ))}
          </ul>
        </Card>
        <Card title="Limitations" description="Your program leaves out every exercise that is not safe with these.">
          {score.limitations.length === 0 ? (
            <p className="text-sm text-slate-600">None reported.</p>
          ) : (
            <ul aria-label="Limitations" className="flex flex-wrap gap-2">
              {score.limitations.map((limitation) => (
                <li key={limitation}>
                  <Badge tone="warning">{codeName(limitation)}</Badge>
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
      {score.parts.length > 0 && (
        <Card title="How the total was made" description="Each scored question, and the points it earned of what it could.">
          <ul aria-label="Score breakdown" className="flex flex-col gap-3">
            {score.parts.map((part) => (
              <li key={part.part} className="flex flex-col gap-1" data-part={part.part}>
                <div className="flex flex-wrap justify-between gap-x-4 text-sm">
                  <span className="font-medium text-slate-800">{codeName(part.part)}</span>
                  <span className="text-slate-600">
                    {part.points} of {part.max}
                    {part.note ? ` · ${part.note}` : ""}
                  </span>
                </div>
                <ProgressBar value={part.points} max={part.max} label={`${codeName(part.part)}: ${part.points} of ${part.max}`} />
              </li>
            ))}
          </ul>
        </Card>
      )}
      {assessment.programId && (
        <Link to="/coach/program" className={buttonClassName("primary", "self-start")}>
          See your program
        </Link>
      )}
    </>
  );
}

function AssessmentResult({ org, assessmentId }: { org: MyOrganization; assessmentId: string }) {
  const trpc = useTRPC();
  const assessment = useQuery(trpc.coach.assessments.get.queryOptions({ orgId: org.id, assessmentId }));
  if (assessment.isPending) return <Spinner label="Loading your result" />;
  if (assessment.error) return <ErrorMessage message={errorMessage(assessment.error)} onRetry={() => void assessment.refetch()} />;
  const { data } = assessment;
  return (
    <>
      <CoachHeading org={org} title="Your assessment result" intro={data.templateName} />
      {data.outcome === "see_doctor" || !data.score ? (
        <Notice tone="warning" className="gap-2">
          <p className="text-base font-semibold">{SEE_DOCTOR}</p>
          <p>You answered yes to a health screening question, so no program was made. Talk to a doctor, then take the assessment again.</p>
          {data.reasons.length > 0 && (
            <ul aria-label="Screening answers" className="list-disc pl-5">
              {data.reasons.map((reason) => (
                <li key={reason}>{reason}</li>
              ))}
            </ul>
          )}
          <Link to="/coach/assessment" className={buttonClassName("secondary", "self-start")}>
            Take the assessment again
          </Link>
        </Notice>
      ) : (
        <ScoreView assessment={data} score={data.score} />
      )}
    </>
  );
}

export function AssessmentResultPage() {
  const { assessmentId = "" } = useParams();
  usePageTitle("Assessment result");
  return <RequireOrg screen="Your assessment result">{(org) => <AssessmentResult org={org} assessmentId={assessmentId} />}</RequireOrg>;
}
