// The request log explorer: every procedure call the server logged, newest first, filtered
// by procedure, status, user and time; one HTTP request (a batch has several calls) opens
// by its request id, the one in the x-request-id header and in the server's logs.
import type { RouterInputs, RouterOutputs } from "@glow/api/client";
import { useDescribeError, useTRPC } from "@glow/react";
import {
  Badge,
  Button,
  Card,
  type DataColumn,
  DataTable,
  ErrorMessage,
  formatMs,
  formatPreciseTime,
  FormError,
  parseLocalDateTime,
  SelectField,
  Spinner,
  TextField,
} from "@glow/ui";
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { resolveUserFilter } from "./user-filter.ts";

type RequestLog = RouterOutputs["admin"]["requests"]["list"]["items"][number];
type Filters = Omit<RouterInputs["admin"]["requests"]["list"], "cursor" | "limit">;
type StatusChoice = "" | "2xx" | "4xx" | "5xx" | "exact";

const PAGE_SIZE = 50;

export function StatusBadge({ status }: { status: number }) {
  const tone = status >= 500 ? "danger" : status >= 400 ? "warning" : "success";
  return <Badge tone={tone}>{status}</Badge>;
}

function FilterForm({ onApply }: { onApply(filters: Filters): void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [procedure, setProcedure] = useState("");
  const [status, setStatus] = useState<StatusChoice>("");
  const [exactStatus, setExactStatus] = useState("");
  const [user, setUser] = useState("");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [errors, setErrors] = useState<{ status?: string; user?: string; to?: string }>({});
  const [busy, setBusy] = useState(false);

  async function apply(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const found: typeof errors = {};
    const filters: Filters = {};
    if (procedure.trim()) filters.procedure = procedure.trim();
    if (status === "exact") {
      const code = Number(exactStatus);
      if (Number.isInteger(code) && code >= 100 && code <= 599) filters.status = code;
      else found.status = "A status from 100 to 599";
    } else if (status) filters.status = status;
    const fromDate = parseLocalDateTime(from);
    const toDate = parseLocalDateTime(to);
    if (fromDate) filters.from = fromDate;
    if (toDate) filters.to = toDate;
    if (fromDate && toDate && fromDate >= toDate) found.to = "Must be after From";
    setBusy(true);
    try {
      const resolved = await resolveUserFilter(user, (email) =>
        queryClient.fetchQuery(trpc.admin.users.list.queryOptions({ search: email, limit: 10 })),
      );
      if (resolved && "error" in resolved) found.user = resolved.error;
      else if (resolved) filters.userId = resolved.userId;
    } catch {
      found.user = "Could not look the user up";
    } finally {
      setBusy(false);
    }
    setErrors(found);
    if (Object.keys(found).length === 0) onApply(filters);
  }

  return (
    <form
      role="search"
      aria-label="Filter requests"
      onSubmit={(event) => void apply(event)}
      className="grid items-start gap-3 sm:grid-cols-2 lg:grid-cols-3"
    >
      <TextField
        label="Procedure starts with"
        placeholder="admin.users"
        value={procedure}
        onChange={(event) => setProcedure(event.target.value)}
      />
      <div className="flex gap-2">
        <SelectField label="Status" value={status} onChange={(event) => setStatus(event.target.value as StatusChoice)} className="flex-1">
          <option value="">Any</option>
          <option value="2xx">2xx (success)</option>
          <option value="4xx">4xx (refused)</option>
          <option value="5xx">5xx (server error)</option>
          <option value="exact">Exactly…</option>
        </SelectField>
        {status === "exact" && (
          <TextField
            label="Code"
            inputMode="numeric"
            className="w-24"
            value={exactStatus}
            onChange={(event) => setExactStatus(event.target.value)}
            error={errors.status ?? null}
          />
        )}
      </div>
      <TextField label="User (email or id)" value={user} onChange={(event) => setUser(event.target.value)} error={errors.user ?? null} />
      <TextField label="From" type="datetime-local" step={1} value={from} onChange={(event) => setFrom(event.target.value)} />
      <TextField
        label="To"
        type="datetime-local"
        step={1}
        value={to}
        onChange={(event) => setTo(event.target.value)}
        error={errors.to ?? null}
      />
      <div className="flex items-end gap-2 self-end">
        <Button type="submit" busy={busy}>
          Apply filters
        </Button>
        <Button
          variant="secondary"
          onClick={() => {
            setProcedure("");
            setStatus("");
            setExactStatus("");
            setUser("");
            setFrom("");
            setTo("");
            setErrors({});
            onApply({});
          }}
        >
          Reset
        </Button>
      </div>
    </form>
  );
}

function RequestDetail({ requestId, onClose }: { requestId: string; onClose(): void }) {
  const trpc = useTRPC();
  const describeError = useDescribeError();
  const request = useQuery(trpc.admin.requests.get.queryOptions({ requestId }, { retry: false }));
  return (
    <Card title={`Request ${requestId}`} description="Every procedure call this HTTP request made (a batch makes several), in order.">
      {request.isPending ? (
        <Spinner label="Loading the request" />
      ) : request.error && !request.data ? (
        <ErrorMessage message={describeError(request.error)} onRetry={() => void request.refetch()} />
      ) : (
        <ol aria-label="Calls in this request" className="flex flex-col gap-2">
          {request.data?.map((call) => (
            <li
              key={call.id}
              className="flex flex-wrap items-center gap-x-4 gap-y-1 rounded-lg bg-slate-50 px-3 py-2 text-sm"
              data-call={call.procedure}
            >
              <span className="font-mono text-xs text-slate-900">{call.procedure}</span>
              <StatusBadge status={call.status} />
              <span className="tabular-nums text-slate-700">{formatMs(call.durationMs)}</span>
              <span className="text-slate-700">{call.userEmail ?? (call.userId ? call.userId : "Signed out")}</span>
              <span className="text-slate-500">{formatPreciseTime(call.createdAt)}</span>
            </li>
          ))}
        </ol>
      )}
      <div className="mt-3">
        <Button variant="secondary" onClick={onClose}>
          Close
        </Button>
      </div>
    </Card>
  );
}

export function RequestsScreen() {
  const trpc = useTRPC();
  const describeError = useDescribeError();
  const [filters, setFilters] = useState<Filters>({});
  const [lookup, setLookup] = useState("");
  const [openId, setOpenId] = useState<string | null>(null);
  const requests = useInfiniteQuery(
    trpc.admin.requests.list.infiniteQueryOptions(
      { limit: PAGE_SIZE, ...filters },
      { getNextPageParam: (page) => page.nextCursor ?? undefined, placeholderData: keepPreviousData },
    ),
  );
  const rows = requests.data?.pages.flatMap((page) => page.items) ?? [];

  const columns: Array<DataColumn<RequestLog>> = [
    {
      id: "time",
      header: "Time",
      value: (r) => r.createdAt,
      render: (r) => formatPreciseTime(r.createdAt),
      className: "whitespace-nowrap",
    },
    { id: "procedure", header: "Procedure", rowHeader: true, value: (r) => r.procedure, className: "font-mono text-xs" },
    { id: "status", header: "Status", value: (r) => r.status, render: (r) => <StatusBadge status={r.status} /> },
    { id: "duration", header: "Duration", numeric: true, value: (r) => r.durationMs, render: (r) => formatMs(r.durationMs) },
    { id: "user", header: "User", value: (r) => r.userEmail ?? r.userId ?? "" },
    {
      id: "requestId",
      header: "Request id",
      value: (r) => r.requestId,
      render: (r) => (
        <button
          type="button"
          onClick={() => setOpenId(r.requestId)}
          className="font-mono text-xs text-glow-700 underline decoration-glow-500/40 underline-offset-2 focus-visible:outline-2 focus-visible:outline-glow-500"
          aria-label={`Open request ${r.requestId}`}
        >
          {r.requestId.length > 14 ? `${r.requestId.slice(0, 13)}…` : r.requestId}
        </button>
      ),
    },
  ];

  return (
    <div className="flex flex-col gap-4">
      <Card title="Open a request" description="Paste a request id (the x-request-id header, or from the server's logs).">
        <form
          className="flex flex-wrap items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            if (lookup.trim()) setOpenId(lookup.trim());
          }}
        >
          <TextField
            label="Request id"
            className="min-w-64 flex-1"
            value={lookup}
            maxLength={128}
            onChange={(event) => setLookup(event.target.value)}
          />
          <Button type="submit">Open</Button>
        </form>
      </Card>
      {openId && <RequestDetail key={openId} requestId={openId} onClose={() => setOpenId(null)} />}
      <Card title="Request log" description="Newest first. Sorting and the quick filter apply to the rows loaded so far.">
        <div className="flex flex-col gap-4">
          <FilterForm onApply={setFilters} />
          {requests.isPending ? (
            <Spinner label="Loading requests" />
          ) : !requests.data ? (
            <ErrorMessage message={describeError(requests.error)} onRetry={() => void requests.refetch()} />
          ) : (
            <DataTable
              caption="Requests"
              sortable
              filter
              scroll
              columnPicker
              exportName="requests"
              columns={columns}
              rows={rows}
              rowKey={(r) => r.id}
              rowProps={(r) => ({ "data-request-id": r.requestId })}
              emptyText="No requests match these filters"
              toolbar={
                <Button
                  variant="secondary"
                  busy={requests.isFetching && !requests.isFetchingNextPage}
                  onClick={() => void requests.refetch()}
                >
                  Refresh
                </Button>
              }
            />
          )}
          {requests.isFetchNextPageError && <FormError message={describeError(requests.error)} />}
          {requests.hasNextPage && (
            <div>
              <Button variant="secondary" busy={requests.isFetchingNextPage} onClick={() => void requests.fetchNextPage()}>
                Load more
              </Button>
            </div>
          )}
        </div>
      </Card>
    </div>
  );
}
