import { errorMessage, useTRPC, type MyOrganization } from "@glow/react";
import { Badge, Button, EmptyState, ErrorMessage, formatRelativeTime, linkClassName, Spinner, TextField } from "@glow/ui";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { formText, usePageTitle } from "../../forms.ts";
import { CoachHeading, RequireOrg } from "../orgs/RequireOrg.tsx";

const LEVELS = { 1: "Beginner", 2: "Intermediate", 3: "Advanced" } as const;

function ClientList({ org }: { org: MyOrganization }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const clients = useInfiniteQuery(
    trpc.coach.clients.list.infiniteQueryOptions(
      { orgId: org.id, limit: 20, ...(search ? { search } : {}) },
      { getNextPageParam: (page) => page.nextCursor, placeholderData: keepPreviousData },
    ),
  );
  const items = clients.data?.pages.flatMap((page) => page.items) ?? [];

  function find(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSearch(formText(new FormData(event.currentTarget), "search").trim());
  }

  return (
    <>
      <CoachHeading title="Clients" org={org} intro="Everyone you coach, newest first." />
      <form role="search" onSubmit={find} className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <TextField label="Search clients" name="search" type="search" placeholder="Name or email" className="sm:w-80" maxLength={100} />
        <Button type="submit" variant="secondary" busy={clients.isFetching && !clients.isFetchingNextPage && !clients.isLoading}>
          Search
        </Button>
      </form>
      {clients.isLoading && <Spinner label="Loading clients" />}
      {clients.error && <ErrorMessage message={errorMessage(clients.error)} onRetry={() => void clients.refetch()} />}
      {clients.data && items.length === 0 && (
        <EmptyState title={search ? `No client matches “${search}”` : "No clients yet"}>
          {search ? (
            "Try part of their name or email."
          ) : (
            <Link to="/coach/members" className={linkClassName}>
              Invite a client
            </Link>
          )}
        </EmptyState>
      )}
      {items.length > 0 && (
        <ul className="flex flex-col gap-3" aria-label="Clients">
          {items.map((client) => (
            <li key={client.id} data-client={client.id}>
              <article className="flex flex-col gap-2 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:flex-row sm:items-center sm:justify-between">
                <div className="min-w-0">
                  <h2 className="font-semibold">
                    <Link to={`/coach/clients/${client.id}`} className={linkClassName}>
                      {client.name}
                    </Link>
                  </h2>
                  {client.email && <p className="break-all text-sm text-slate-600">{client.email}</p>}
                </div>
                <div className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
                  {client.latestAssessment === null ? (
                    <Badge>No assessment yet</Badge>
                  ) : client.latestAssessment.outcome === "see_doctor" ? (
                    <Badge tone="warning">See a doctor first</Badge>
                  ) : (
                    <Badge tone="glow">{client.latestAssessment.level ? LEVELS[client.latestAssessment.level] : "Scored"}</Badge>
                  )}
                  {client.activeProgramId ? <Badge tone="success">Program</Badge> : <Badge>No program</Badge>}
                  <span>{client.lastWorkoutAt ? `Last workout ${formatRelativeTime(client.lastWorkoutAt)}` : "No workout logged"}</span>
                </div>
              </article>
            </li>
          ))}
        </ul>
      )}
      {clients.hasNextPage && (
        <Button variant="secondary" className="self-center" busy={clients.isFetchingNextPage} onClick={() => void clients.fetchNextPage()}>
          Load more
        </Button>
      )}
    </>
  );
}

/** `/coach/clients`: the business's clients, searchable, a page at a time. */
export function CoachClientsPage() {
  usePageTitle("Clients");
  return (
    <RequireOrg role="staff" screen="The clients page">
      {(org) => <ClientList key={org.id} org={org} />}
    </RequireOrg>
  );
}
