// The audit log: security-relevant changes (sign-ins, role changes, deactivations,
// revoked sessions…), newest first, by action and by the person who acted or was acted on.
import type { RouterInputs, RouterOutputs } from "@glow/api/client";
import { useDescribeError, useTRPC } from "@glow/react";
import { Button, Card, type DataColumn, DataTable, ErrorMessage, formatPreciseTime, FormError, Spinner, TextField } from "@glow/ui";
import { keepPreviousData, useInfiniteQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { resolveUserFilter } from "../requests/user-filter.ts";

type AuditEvent = RouterOutputs["admin"]["audit"]["list"]["items"][number];
type Filters = Omit<RouterInputs["admin"]["audit"]["list"], "cursor" | "limit">;

const PAGE_SIZE = 50;
/** Actions the server records; the field takes any other too. */
const KNOWN_ACTIONS = [
  "admin.role.created",
  "admin.user.deactivated",
  "admin.user.roles_changed",
  "auth.email.verified",
  "auth.login.failed",
  "auth.login.refused",
  "auth.login.succeeded",
  "auth.logout",
  "auth.oauth.linked",
  "auth.oauth.signed_in",
  "auth.password.changed",
  "auth.password.reset",
  "auth.password.reset_requested",
  "auth.register",
  "auth.session.revoked",
  "auth.token.created",
  "auth.token.revoked",
];

function shortId(id: string | null): string {
  return id ? `${id.slice(0, 8)}…` : "—";
}

function details(value: Record<string, unknown>): string {
  const text = JSON.stringify(value);
  return text === "{}" ? "" : text;
}

export function AuditScreen() {
  const trpc = useTRPC();
  const describeError = useDescribeError();
  const queryClient = useQueryClient();
  const [action, setAction] = useState("");
  const [user, setUser] = useState("");
  const [userError, setUserError] = useState<string | null>(null);
  const [filters, setFilters] = useState<Filters>({});
  const events = useInfiniteQuery(
    trpc.admin.audit.list.infiniteQueryOptions(
      { limit: PAGE_SIZE, ...filters },
      { getNextPageParam: (page) => page.nextCursor ?? undefined, placeholderData: keepPreviousData },
    ),
  );
  const rows = events.data?.pages.flatMap((page) => page.items) ?? [];

  async function apply(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setUserError(null);
    const next: Filters = {};
    if (action.trim()) next.action = action.trim();
    try {
      const resolved = await resolveUserFilter(user, (email) =>
        queryClient.fetchQuery(trpc.admin.users.list.queryOptions({ search: email, limit: 10 })),
      );
      if (resolved && "error" in resolved) return setUserError(resolved.error);
      if (resolved) next.userId = resolved.userId;
    } catch {
      return setUserError("Could not look the user up");
    }
    setFilters(next);
  }

  function filterByUser(id: string): void {
    setUser(id);
    setFilters((current) => ({ ...current, userId: id }));
  }

  const userCell = (id: string | null) =>
    id ? (
      <button
        type="button"
        title={`Show only events of ${id}`}
        aria-label={`Show only events of user ${id}`}
        onClick={() => filterByUser(id)}
        className="font-mono text-xs text-glow-700 underline decoration-glow-500/40 underline-offset-2 focus-visible:outline-2 focus-visible:outline-glow-500"
      >
        {shortId(id)}
      </button>
    ) : (
      "—"
    );

  const columns: Array<DataColumn<AuditEvent>> = [
    {
      id: "time",
      header: "Time",
      value: (e) => e.createdAt,
      render: (e) => formatPreciseTime(e.createdAt),
      className: "whitespace-nowrap",
    },
    { id: "action", header: "Action", rowHeader: true, value: (e) => e.action, className: "font-mono text-xs" },
    { id: "actor", header: "Actor", value: (e) => e.actorId, render: (e) => userCell(e.actorId) },
    { id: "subject", header: "Subject", value: (e) => e.subjectUserId, render: (e) => userCell(e.subjectUserId) },
    { id: "ip", header: "IP", value: (e) => e.ip, className: "font-mono text-xs" },
    { id: "details", header: "Details", value: (e) => details(e.details), className: "max-w-72 break-all font-mono text-xs" },
    { id: "userAgent", header: "Device", value: (e) => e.userAgent, className: "max-w-48 truncate text-xs" },
  ];

  return (
    <Card title="Audit log" description="Newest first. Choose a user id in the table to see only their events.">
      <div className="flex flex-col gap-4">
        <form
          role="search"
          aria-label="Filter audit events"
          onSubmit={(event) => void apply(event)}
          className="grid items-start gap-3 sm:grid-cols-3"
        >
          <TextField
            label="Action"
            list="audit-actions"
            placeholder="admin.user.roles_changed"
            value={action}
            onChange={(event) => setAction(event.target.value)}
          />
          <datalist id="audit-actions">
            {KNOWN_ACTIONS.map((known) => (
              <option key={known} value={known} />
            ))}
          </datalist>
          <TextField label="User (email or id)" value={user} onChange={(event) => setUser(event.target.value)} error={userError} />
          <div className="flex gap-2 self-end">
            <Button type="submit">Apply filters</Button>
            <Button
              variant="secondary"
              onClick={() => {
                setAction("");
                setUser("");
                setUserError(null);
                setFilters({});
              }}
            >
              Reset
            </Button>
          </div>
        </form>
        {events.isPending ? (
          <Spinner label="Loading the audit log" />
        ) : !events.data ? (
          <ErrorMessage message={describeError(events.error)} onRetry={() => void events.refetch()} />
        ) : (
          <DataTable
            caption="Audit events"
            exportName="audit-log"
            sortable
            filter
            scroll
            columnPicker
            columns={columns}
            rows={rows}
            rowKey={(e) => e.id}
            rowProps={(e) => ({ "data-action": e.action })}
            emptyText="No events match these filters"
          />
        )}
        {events.isFetchNextPageError && <FormError message={describeError(events.error)} />}
        {events.hasNextPage && (
          <div>
            <Button variant="secondary" busy={events.isFetchingNextPage} onClick={() => void events.fetchNextPage()}>
              Load more
            </Button>
          </div>
        )}
      </div>
    </Card>
  );
}
