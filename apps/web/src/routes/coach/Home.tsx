import { errorMessage, useTRPC, type MyOrganization } from "@glow/react";
import {
  buttonClassName,
  Card,
  EmptyState,
  ErrorMessage,
  formatCount,
  formatPercent,
  formatRelativeTime,
  linkClassName,
  Spinner,
  Stat,
} from "@glow/ui";
import { useQuery } from "@tanstack/react-query";
import { Link } from "react-router";
import { usePageTitle } from "../../forms.ts";
import { CoachHeading, RequireOrg } from "../orgs/RequireOrg.tsx";

/** The business's screens, as links: each one for the roles it opens. */
function PortalLinks({ org }: { org: MyOrganization }) {
  const trpc = useTRPC();
  // The children screen only matters to the owner of a parent business.
  const children = useQuery(trpc.orgs.children.queryOptions({ orgId: org.id }, { enabled: org.role === "owner" }));
  const links = [
    { to: "/coach/clients", label: "Clients", text: "Their assessments, programs and adherence." },
    {
      to: "/coach/members",
      label: "Members",
      text: org.role === "owner" ? "Invite people, change roles." : "Invite clients, see the team.",
    },
    { to: "/coach/templates", label: "Templates", text: "The assessment your clients take." },
    { to: "/coach/exercises", label: "Exercises", text: "The library and your own, with videos." },
    ...(org.role === "owner" ? [{ to: "/coach/settings", label: "Settings", text: "The business's name and parent." }] : []),
    ...((children.data?.length ?? 0) > 0
      ? [{ to: "/coach/children", label: "Child businesses", text: "Figures of the businesses under this one." }]
      : []),
  ];
  return (
    <nav aria-label="Business" className="grid grid-cols-1 gap-3 sm:grid-cols-2 lg:grid-cols-3">
      {links.map((link) => (
        <Link
          key={link.to}
          to={link.to}
          className="flex flex-col gap-1 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 hover:ring-glow-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-glow-500"
        >
          <span className="font-semibold text-glow-700">{link.label}</span>
          <span className="text-sm text-slate-600">{link.text}</span>
        </Link>
      ))}
    </nav>
  );
}

function Portal({ org }: { org: MyOrganization }) {
  const trpc = useTRPC();
  const overview = useQuery(trpc.coach.portal.overview.queryOptions({ orgId: org.id }));
  return (
    <>
      <CoachHeading title="Coach portal" org={org} intro="How your clients are doing this week." />
      <PortalLinks org={org} />
      {overview.isLoading && <Spinner label="Loading the portal" />}
      {overview.error && <ErrorMessage message={errorMessage(overview.error)} onRetry={() => void overview.refetch()} />}
      {overview.data && (
        <>
          <Card title="This week">
            <dl className="grid grid-cols-2 gap-4 sm:grid-cols-4">
              <Stat label="Clients" value={formatCount(overview.data.clients)} />
              <Stat label="Active programs" value={formatCount(overview.data.activePrograms)} />
              <Stat
                label="Adherence"
                value={overview.data.adherenceAverage === null ? "—" : formatPercent(overview.data.adherenceAverage)}
              />
              <Stat label="Assessments this week" value={formatCount(overview.data.assessmentsThisWeek)} />
            </dl>
            {overview.data.adherenceAverage === null && (
              <p className="mt-3 text-xs text-slate-500">Adherence shows once a client with a program has sessions due.</p>
            )}
          </Card>
          <Card title="Recent activity" description="Workouts your clients logged, newest first.">
            {overview.data.recentActivity.length === 0 ? (
              <EmptyState title={overview.data.clients === 0 ? "No clients yet" : "No workouts logged yet"}>
                {overview.data.clients === 0 ? (
                  <Link to="/coach/members" className={linkClassName}>
                    Invite your first client
                  </Link>
                ) : (
                  "Logged workouts show here as they come in."
                )}
              </EmptyState>
            ) : (
              <ul className="flex flex-col divide-y divide-slate-100" aria-label="Recent workouts">
                {overview.data.recentActivity.map((activity) => (
                  <li key={activity.logId} className="flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1 py-2 text-sm">
                    <span className="min-w-0">
                      <Link to={`/coach/clients/${activity.clientId}`} className={linkClassName}>
                        {activity.clientName}
                      </Link>{" "}
                      <span className="text-slate-600">logged {activity.sessionTitle}</span>
                    </span>
                    <time className="text-xs text-slate-500" dateTime={activity.loggedAt.toISOString()}>
                      {formatRelativeTime(activity.loggedAt)}
                    </time>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </>
      )}
    </>
  );
}

/** A client's way into their training; the program and assessment screens are the client's own. */
function ClientHome({ org }: { org: MyOrganization }) {
  return (
    <>
      <CoachHeading title="Your training" org={org} intro={`${org.name} coaches you on Glow.`} />
      <Card title="Your program" description="Your workouts, week by week, with a video for each exercise.">
        <div className="flex flex-col gap-3 sm:flex-row">
          <Link to="/coach/program" className={buttonClassName("primary")}>
            Open my program
          </Link>
          <Link to="/coach/assessment" className={buttonClassName("secondary")}>
            Take the assessment
          </Link>
          <Link to="/coach/progress" className={buttonClassName("secondary")}>
            My progress
          </Link>
        </div>
        <p className="mt-3 text-sm text-slate-600">No program yet? The assessment makes one for you from your answers.</p>
      </Card>
    </>
  );
}

/** `/coach`: the portal for staff and owners, the way to one's training for a client. */
export function CoachHomePage() {
  usePageTitle("Coach");
  return <RequireOrg screen="Coach">{(org) => (org.role === "client" ? <ClientHome org={org} /> : <Portal org={org} />)}</RequireOrg>;
}
