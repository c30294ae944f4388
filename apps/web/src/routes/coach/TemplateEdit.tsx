// /coach/templates/new (optionally ?from=<template> to start from a copy) and
// /coach/templates/:templateId (staff): a template's name, description and questions; the
// server's refusals ("questions.2.max") shown beside the question and field they name.
import type { RouterOutputs } from "@glow/api/client";
import { errorData, errorMessage, useTRPC, type MyOrganization } from "@glow/react";
import { Button, buttonClassName, Card, ErrorMessage, FormError, Notice, Spinner, TextField } from "@glow/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent, type ReactNode } from "react";
import { Link, useLocation, useNavigate, useParams, useSearchParams } from "react-router";
import {
  newQuestion,
  newUid,
  QuestionListEditor,
  type DraftQuestion,
  type QuestionErrors,
} from "../../components/coach/QuestionEditor.tsx";
import { useFocusFirstInvalid, usePageTitle } from "../../forms.ts";
import { CoachHeading, RequireOrg } from "../orgs/RequireOrg.tsx";

type Template = RouterOutputs["coach"]["templates"]["get"];

/** The server's messages: template fields, each question's (by the uid it had when sent), and the rest. */
export function templateProblems(
  error: unknown,
  sentUids: readonly string[],
): { fields: Partial<Record<"name" | "description" | "questions", string>>; questions: QuestionErrors; alert: string | null } {
  if (!error) return { fields: {}, questions: {}, alert: null };
  const fieldErrors = errorData(error)?.fieldErrors;
  if (!fieldErrors) return { fields: {}, questions: {}, alert: errorMessage(error) };
  const fields: Partial<Record<"name" | "description" | "questions", string>> = {};
  const questions: QuestionErrors = {};
  const rest: string[] = [];
  for (const [path, messages] of Object.entries(fieldErrors)) {
    const text = messages.join(" ");
    const match = /^questions\.(\d+)(?:\.(.+))?$/.exec(path);
    const uid = match ? sentUids[Number(match[1])] : undefined;
    if (uid) (questions[uid] ??= {})[match![2] ?? "question"] = text;
    else if (path === "name" || path === "description" || path === "questions") fields[path] = text;
    else rest.push(text);
  }
  return { fields, questions, alert: rest.length > 0 ? rest.join(" ") : null };
}

function TemplateForm({ org, template, copyOf }: { org: MyOrganization; template?: Template; copyOf?: Template }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const formRef = useRef<HTMLFormElement>(null);
  const start = template ?? copyOf;
  const [drafts, setDrafts] = useState<DraftQuestion[]>(() =>
    start ? start.questions.map((question) => ({ uid: newUid(), question })) : [{ uid: newUid(), question: newQuestion([]) }],
  );
  const [sentUids, setSentUids] = useState<string[]>([]);
  const [savedVersion, setSavedVersion] = useState<number | null>((location.state as { created?: number } | null)?.created ?? null);
  const afterSave = async (saved: Template) => {
    await queryClient.invalidateQueries(trpc.coach.templates.pathFilter());
    if (template) setSavedVersion(saved.version);
    else void navigate(`/coach/templates/${saved.id}`, { replace: true, state: { created: saved.version } });
  };
  const create = useMutation(trpc.coach.templates.create.mutationOptions({ onSuccess: afterSave }));
  const update = useMutation(trpc.coach.templates.update.mutationOptions({ onSuccess: afterSave }));
  const save = template ? update : create;
  const problems = templateProblems(save.error, sentUids);
  useFocusFirstInvalid(formRef, save.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const fields = {
      name: String(data.get("name") ?? ""),
      description: String(data.get("description") ?? ""),
      questions: drafts.map((d) => d.question),
    };
    setSentUids(drafts.map((d) => d.uid));
    setSavedVersion(null);
    if (template) update.mutate({ orgId: org.id, templateId: template.id, ...fields });
    else create.mutate({ orgId: org.id, ...fields });
  }

  return (
    <form ref={formRef} noValidate onSubmit={submit} className="flex flex-col gap-5" aria-label="Template">
      {savedVersion !== null && (
        <Notice tone="success">
          <p>Saved (version {savedVersion}). New assessments use it; earlier ones keep the version they answered.</p>
        </Notice>
      )}
      <Card>
        <div className="flex flex-col gap-4">
          <TextField
            label="Name"
            name="name"
            defaultValue={template?.name ?? (copyOf ? `${copyOf.name} (copy)` : "")}
            maxLength={120}
            required
            error={problems.fields.name}
          />
          <TextField
            label="Description"
            name="description"
            defaultValue={start?.description ?? ""}
            maxLength={2000}
            hint="What the client is told before the first question."
            error={problems.fields.description}
          />
        </div>
      </Card>
      <QuestionListEditor
        drafts={drafts}
        onChange={(next) => {
          setDrafts(next);
          // Messages name questions by position: once the list changes shape they would point at the wrong ones.
          if (next.length !== drafts.length || next.some((d, i) => d.uid !== drafts[i]?.uid)) setSentUids([]);
        }}
        errors={problems.questions}
        listError={problems.fields.questions}
      />
      <FormError message={problems.alert} />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" busy={save.isPending}>
          {template ? "Save template" : "Create template"}
        </Button>
        <Link to="/coach/templates" className={buttonClassName("secondary")}>
          Back to templates
        </Link>
      </div>
    </form>
  );
}

function LoadTemplate({
  org,
  templateId,
  children,
}: {
  org: MyOrganization;
  templateId: string;
  children: (template: Template) => ReactNode;
}) {
  const trpc = useTRPC();
  const template = useQuery(trpc.coach.templates.get.queryOptions({ orgId: org.id, templateId }));
  if (template.isPending) return <Spinner label="Loading the template" />;
  if (template.error) return <ErrorMessage message={errorMessage(template.error)} onRetry={() => void template.refetch()} />;
  return children(template.data);
}

function EditTemplate({ org }: { org: MyOrganization }) {
  const { templateId } = useParams();
  const [search] = useSearchParams();
  const from = search.get("from");
  if (!templateId) {
    return (
      <>
        <CoachHeading org={org} title="New template" intro="Questions your clients answer, one per screen." />
        {from ? (
          <LoadTemplate org={org} templateId={from}>
            {(copyOf) => <TemplateForm org={org} copyOf={copyOf} />}
          </LoadTemplate>
        ) : (
          <TemplateForm org={org} />
        )}
      </>
    );
  }
  return (
    <LoadTemplate org={org} templateId={templateId}>
      {(template) => (
        <>
          <CoachHeading org={org} title={`Edit ${template.name}`} intro={`Version ${template.version}`} />
          {template.library ? (
            <Notice tone="info">
              <p>This is Glow&apos;s starter template: it cannot be changed, but you can copy it and change the copy.</p>
              <Link to={`/coach/templates/new?from=${template.id}`} className={buttonClassName("primary", "self-start")}>
                Copy and edit
              </Link>
            </Notice>
          ) : (
            <TemplateForm key={template.id} org={org} template={template} />
          )}
        </>
      )}
    </LoadTemplate>
  );
}

export function TemplateEditPage() {
  usePageTitle("Template");
  return (
    <RequireOrg role="staff" screen="The template editor">
      {(org) => <EditTemplate key={org.id} org={org} />}
    </RequireOrg>
  );
}
