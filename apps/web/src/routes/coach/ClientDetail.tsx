import { errorData, errorMessage, formProblems, useTRPC, type MyOrganization } from "@glow/react";
import {
  Badge,
  Button,
  Card,
  EmptyState,
  ErrorMessage,
  FormError,
  formatDateTime,
  formatPercent,
  formatRelativeTime,
  linkClassName,
  Notice,
  ProgressBar,
  Spinner,
  TextField,
} from "@glow/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, type FormEvent } from "react";
import { Link, useParams } from "react-router";
import { formText, useFocusFirstInvalid, usePageTitle } from "../../forms.ts";
import { CoachHeading, RequireOrg } from "../orgs/RequireOrg.tsx";

const LEVELS = { 1: "Beginner", 2: "Intermediate", 3: "Advanced" } as const;

function RegenerateForm({ org, clientId, hasAssessment }: { org: MyOrganization; clientId: string; hasAssessment: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const regenerate = useMutation(
    trpc.coach.programs.regenerate.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.coach.clients.pathFilter()),
          queryClient.invalidateQueries(trpc.coach.portal.pathFilter()),
        ]),
    }),
  );
  const problems = formProblems(regenerate.error, ["reason"]);
  useFocusFirstInvalid(formRef, regenerate.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    regenerate.mutate({ orgId: org.id, clientId, reason: formText(new FormData(target), "reason") }, { onSuccess: () => target.reset() });
  }

  return (
    <Card title="Regenerate program" description="Makes a new program from the client's latest assessment; the current one is replaced.">
      {!hasAssessment ? (
        <p className="text-sm text-slate-600">A program is made from an assessment: this client has not taken one yet.</p>
      ) : (
        <form ref={formRef} noValidate onSubmit={submit} className="flex flex-col gap-3">
          <TextField
            label="Reason"
            name="reason"
            required
            maxLength={500}
            placeholder="e.g. back from a knee injury"
            hint="The client sees why their program changed."
            error={problems.fields.reason}
          />
          <FormError message={problems.alert} />
          {regenerate.isSuccess && !regenerate.isPending && <Notice tone="success">A new program was made.</Notice>}
          <Button type="submit" className="self-start" busy={regenerate.isPending}>
            Regenerate program
          </Button>
        </form>
      )}
    </Card>
  );
}

function ClientDetail({ org, clientId }: { org: MyOrganization; clientId: string }) {
  const trpc = useTRPC();
  const client = useQuery(trpc.coach.clients.get.queryOptions({ orgId: org.id, clientId }));

  if (client.isLoading) return <Spinner label="Loading the client" />;
  if (client.error) {
    const status = errorData(client.error)?.httpStatus;
    if (status === 404 || status === 400)
      return (
        <EmptyState title="No such client">
          <Link to="/coach/clients" className={linkClassName}>
            Back to clients
          </Link>
        </EmptyState>
      );
    return <ErrorMessage message={errorMessage(client.error)} onRetry={() => void client.refetch()} />;
  }
  if (!client.data) return null;
  const { name, email, joinedAt, assessments, program, adherence, lastWorkoutAt } = client.data;

  return (
    <>
      <Link to="/coach/clients" className={linkClassName + " self-start text-sm"}>
        ← Clients
      </Link>
      <CoachHeading title={name} org={org} intro={`${email ? `${email} · ` : ""}client since ${formatDateTime(joinedAt)}`} />
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <Card title="Current program">
          {program ? (
            <div className="flex flex-col gap-1 text-sm text-slate-700">
              <p className="font-medium text-slate-900">{program.title}</p>
              <p>
                {program.weeks} weeks · {program.sessions} sessions · made {formatRelativeTime(program.createdAt)}
              </p>
            </div>
          ) : (
            <p className="text-sm text-slate-600">No active program.</p>
          )}
        </Card>
        <Card title="Adherence" description="Sessions logged of those due so far.">
          {adherence.ratio === null ? (
            <p className="text-sm text-slate-600">Nothing due yet.</p>
          ) : (
            <div className="flex flex-col gap-2">
              <p className="text-lg font-semibold text-slate-900" data-stat="Adherence">
                {formatPercent(adherence.ratio)}
              </p>
              <ProgressBar value={adherence.logged} max={adherence.planned} label="Sessions logged" />
              <p className="text-sm text-slate-600">
                {adherence.logged} of {adherence.planned} sessions logged
                {lastWorkoutAt ? `, the last ${formatRelativeTime(lastWorkoutAt)}` : ""}
              </p>
            </div>
          )}
        </Card>
      </div>
      <Card title="Assessments" description="The newest ten.">
        {assessments.length === 0 ? (
          <EmptyState title="No assessments yet">The client's answers and score show here once they take the assessment.</EmptyState>
        ) : (
          <ul className="flex flex-col divide-y divide-slate-100" aria-label="Assessments">
            {assessments.map((assessment) => (
              <li key={assessment.id} className="flex flex-wrap items-center justify-between gap-x-4 gap-y-1 py-2 text-sm">
                <span className="min-w-0 font-medium text-slate-900">{assessment.templateName}</span>
                <span className="flex flex-wrap items-center gap-2 text-slate-600">
                  {assessment.outcome === "see_doctor" ? (
                    <Badge tone="warning">See a doctor first</Badge>
                  ) : (
                    <Badge tone="glow">
                      {assessment.level ? LEVELS[assessment.level] : "Scored"}
                      {assessment.total !== null ? ` · ${assessment.total}` : ""}
                    </Badge>
                  )}
                  <time dateTime={assessment.createdAt.toISOString()}>{formatDateTime(assessment.createdAt)}</time>
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
      <RegenerateForm org={org} clientId={clientId} hasAssessment={assessments.some((a) => a.outcome === "scored")} />
    </>
  );
}

/** `/coach/clients/:clientId`: one client's assessments, program and adherence, for staff. */
export function CoachClientDetailPage() {
  usePageTitle("Client");
  const { clientId = "" } = useParams();
  return (
    <RequireOrg role="staff" screen="A client's page">
      {(org) => <ClientDetail org={org} clientId={clientId} />}
    </RequireOrg>
  );
}
