// /coach/assessment: pick a template (the business's own or Glow's starter);
// /coach/assessment/:templateId: answer it one question per screen, then see the score.
import type { RouterOutputs } from "@glow/api/client";
import { errorMessage, useTRPC, type MyOrganization } from "@glow/react";
import { Badge, Card, EmptyState, ErrorMessage, Spinner, buttonClassName } from "@glow/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo } from "react";
import { Link, useNavigate, useParams } from "react-router";
import { CoachHeading, RequireOrg } from "../orgs/RequireOrg.tsx";
import { answerErrors, QuestionStepper } from "../../components/coach/QuestionStepper.tsx";
import { usePageTitle } from "../../forms.ts";

type TemplateSummary = RouterOutputs["coach"]["templates"]["list"]["items"][number];

function TemplateCard({ template }: { template: TemplateSummary }) {
  return (
    <li className="flex min-w-0 flex-col gap-3 rounded-2xl bg-white p-5 shadow-sm ring-1 ring-slate-200" data-template={template.id}>
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-base font-semibold text-slate-900">{template.name}</h2>
        {template.library && <Badge tone="glow">Glow starter</Badge>}
      </div>
      {template.description && <p className="text-sm text-slate-600">{template.description}</p>}
      <p className="text-sm text-slate-500">{template.questionCount === 1 ? "1 question" : `${template.questionCount} questions`}</p>
      <Link
        to={`/coach/assessment/${template.id}`}
        className={buttonClassName("primary", "self-start")}
        aria-label={`Start ${template.name}`}
      >
        Start
      </Link>
    </li>
  );
}

function TemplatePicker({ org }: { org: MyOrganization }) {
  const trpc = useTRPC();
  const templates = useQuery(trpc.coach.templates.list.queryOptions({ orgId: org.id, limit: 50 }));
  return (
    <>
      <CoachHeading
        org={org}
        title="Your assessment"
        intro={`Answer a few questions and ${org.name} builds your workout program from them.`}
      />
      {templates.isPending ? (
        <Spinner label="Loading assessments" />
      ) : templates.error ? (
        <ErrorMessage message={errorMessage(templates.error)} onRetry={() => void templates.refetch()} />
      ) : templates.data.items.length === 0 ? (
        <EmptyState title="There is no assessment to take yet">Your coach has not set one up. Please check back soon.</EmptyState>
      ) : (
        <ul aria-label="Assessments" className="grid grid-cols-1 gap-4 md:grid-cols-2">
          {/* The business's own first: it chose them for its clients. */}
          {[...templates.data.items]
            .sort((a, b) => Number(a.library) - Number(b.library))
            .map((template) => (
              <TemplateCard key={template.id} template={template} />
            ))}
        </ul>
      )}
    </>
  );
}

function TakeAssessment({ org, templateId }: { org: MyOrganization; templateId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const template = useQuery(trpc.coach.templates.get.queryOptions({ orgId: org.id, templateId }));
  const submit = useMutation(
    trpc.coach.assessments.submit.mutationOptions({
      onSuccess: async (result) => {
        // A new program replaces the old one; the progress summary follows it.
        await queryClient.invalidateQueries(trpc.coach.pathFilter());
        void navigate(`/coach/assessments/${result.assessmentId}`);
      },
    }),
  );
  const refused = useMemo(() => answerErrors(submit.error), [submit.error]);

  if (template.isPending) return <Spinner label="Loading the assessment" />;
  if (template.error) {
    return (
      <>
        <ErrorMessage message={errorMessage(template.error)} onRetry={() => void template.refetch()} />
        <Link to="/coach/assessment" className={buttonClassName("secondary", "self-start")}>
          Choose another assessment
        </Link>
      </>
    );
  }
  return (
    <>
      <CoachHeading org={org} title={template.data.name} intro={template.data.description || undefined} />
      <Card>
        <QuestionStepper
          questions={template.data.questions}
          onSubmit={(answers) => submit.mutate({ orgId: org.id, templateId, answers })}
          submitting={submit.isPending || submit.isSuccess}
          serverErrors={refused.byQuestion}
          alert={refused.alert}
        />
      </Card>
    </>
  );
}

export function AssessmentPage() {
  const { templateId } = useParams();
  usePageTitle("Assessment");
  return (
    <RequireOrg screen="The assessment">
      {(org) =>
        templateId ? <TakeAssessment key={`${org.id}:${templateId}`} org={org} templateId={templateId} /> : <TemplatePicker org={org} />
      }
    </RequireOrg>
  );
}
