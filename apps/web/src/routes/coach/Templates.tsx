// /coach/templates (staff): the business's assessment templates and Glow's starter, with the
// way to edit its own, copy the starter, or begin a new one.
import { errorMessage, useTRPC, type MyOrganization } from "@glow/react";
import { Badge, Button, buttonClassName, EmptyState, ErrorMessage, formatDateTime, Spinner } from "@glow/ui";
import { useInfiniteQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { usePageTitle } from "../../forms.ts";
import { CoachHeading, RequireOrg } from "../orgs/RequireOrg.tsx";

function TemplateList({ org }: { org: MyOrganization }) {
  const trpc = useTRPC();
  const templates = useInfiniteQuery(
    trpc.coach.templates.list.infiniteQueryOptions(
      { orgId: org.id, limit: 20, includeArchived: true },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const items = templates.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      <CoachHeading
        org={org}
        title="Assessment templates"
        intro="The questions your clients answer. Their answers are scored and make their program."
      >
        <Link to="/coach/templates/new" className={buttonClassName("primary")}>
          New template
        </Link>
      </CoachHeading>
      {templates.isLoading && <Spinner label="Loading templates" />}
      {templates.error && <ErrorMessage message={errorMessage(templates.error)} onRetry={() => void templates.refetch()} />}
      {templates.data && items.length === 0 && <EmptyState title="No templates yet">Create one with New template.</EmptyState>}
      {items.length > 0 && (
        <ul aria-label="Templates" className="flex flex-col gap-3">
          {items.map((template) => (
            <li key={template.id} data-template={template.id}>
              <article className="flex min-w-0 flex-col gap-2 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:flex-row sm:items-center sm:justify-between">
                <div className="min-w-0">
                  <div className="flex flex-wrap items-center gap-2">
                    <h2 className="font-semibold text-slate-900">{template.name}</h2>
                    {template.library ? <Badge tone="glow">Glow starter</Badge> : <Badge>Yours</Badge>}
                    {template.archivedAt && <Badge tone="warning">Archived</Badge>}
                  </div>
                  <p className="text-sm text-slate-600">
                    {template.questionCount === 1 ? "1 question" : `${template.questionCount} questions`} · version {template.version} ·
                    changed {formatDateTime(template.updatedAt)}
                  </p>
                </div>
                {template.library ? (
                  <Link
                    to={`/coach/templates/new?from=${template.id}`}
                    className={buttonClassName("secondary", "self-start")}
                    aria-label={`Copy ${template.name}`}
                  >
                    Copy and edit
                  </Link>
                ) : (
                  <Link
                    to={`/coach/templates/${template.id}`}
                    className={buttonClassName("secondary", "self-start")}
                    aria-label={`Edit ${template.name}`}
                  >
                    Edit
                  </Link>
                )}
              </article>
            </li>
          ))}
        </ul>
      )}
      {templates.hasNextPage && (
        <Button
          variant="secondary"
          className="self-center"
          busy={templates.isFetchingNextPage}
          onClick={() => void templates.fetchNextPage()}
        >
          Load more
        </Button>
      )}
    </>
  );
}

export function TemplatesPage() {
  usePageTitle("Templates");
  return (
    <RequireOrg role="staff" screen="The templates page">
      {(org) => <TemplateList key={org.id} org={org} />}
    </RequireOrg>
  );
}
