import { errorMessage, useTRPC, type MyOrganization } from "@glow/react";
import { Card, EmptyState, ErrorMessage, formatCount, linkClassName, OrgChildrenTable, Spinner } from "@glow/ui";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { usePageTitle } from "../../forms.ts";
import { CoachHeading, RequireOrg } from "../orgs/RequireOrg.tsx";

function ChildBusinesses({ org }: { org: MyOrganization }) {
  const trpc = useTRPC();
  const figures = useQuery(trpc.coach.portal.children.queryOptions({ orgId: org.id }));
  const teams = useQuery(trpc.orgs.children.queryOptions({ orgId: org.id }));
  const error = figures.error ?? teams.error;

  return (
    <>
      <CoachHeading
        title="Child businesses"
        org={org}
        intro={`The businesses under ${org.name}, with their figures. Their clients' own details stay with each business.`}
      />
      {(figures.isLoading || teams.isLoading) && <Spinner label="Loading child businesses" />}
      {error && <ErrorMessage message={errorMessage(error)} onRetry={() => void Promise.all([figures.refetch(), teams.refetch()])} />}
      {figures.data && teams.data && (
        <>
          {figures.data.children.length === 0 ? (
            <EmptyState title={`No business is under ${org.name} yet`}>
              <Link to="/orgs/new" className={linkClassName}>
                Create a business
              </Link>{" "}
              and pick {org.name} as its parent, or link an existing one from its settings.
            </EmptyState>
          ) : (
            <Card
              title="Coaching figures"
              description="Clients, active programs, assessments since Monday and mean adherence of each business."
            >
              <OrgChildrenTable
                hideCaption
                caption="Child businesses"
                exportName={`${org.slug}-children`}
                organizations={figures.data.children.map((child) => ({
                  id: child.id,
                  name: child.name,
                  depth: child.depth,
                  clients: child.clients,
                  activePrograms: child.activePrograms,
                  assessmentsThisWeek: child.assessmentsThisWeek,
                  adherence: child.adherenceAverage,
                }))}
              />
            </Card>
          )}
          {teams.data.length > 0 && (
            <Card title="Teams" description="Who runs each business.">
              <ul className="flex flex-col divide-y divide-slate-100" aria-label="Teams">
                {teams.data.map((child) => (
                  <li key={child.id} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2 text-sm">
                    <span className="min-w-0 font-medium text-slate-900">{child.name}</span>
                    <span className="text-slate-600">
                      {formatCount(child.memberCounts.owner)} {child.memberCounts.owner === 1 ? "owner" : "owners"} ·{" "}
                      {formatCount(child.memberCounts.staff)} staff · {formatCount(child.memberCounts.client)}{" "}
                      {child.memberCounts.client === 1 ? "client" : "clients"}
                    </span>
                  </li>
                ))}
              </ul>
            </Card>
          )}
        </>
      )}
    </>
  );
}

/** `/coach/children`: a parent business's owners see each business under it, as aggregates. */
export function CoachChildrenPage() {
  usePageTitle("Child businesses");
  return (
    <RequireOrg role="owner" screen="The child businesses page">
      {(org) => <ChildBusinesses key={org.id} org={org} />}
    </RequireOrg>
  );
}
