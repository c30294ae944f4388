import {
  Badge,
  Card,
  ChallengeFunnelPanel,
  CheckboxField,
  ErrorMessage,
  formatCount,
  formatMs,
  formatPercent,
  lastDayByHour,
  lastDays,
  METRIC_RANGES,
  PeoplePanel,
  PlanCompletionPanel,
  SegmentedControl,
  Spinner,
  SystemHealthPanel,
  type MetricRange,
} from "@glow/ui";
import { keepPreviousData } from "@tanstack/react-query";
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { useDescribeError } from "../ApiProvider.tsx";
import { formatPreciseTime } from "../format.ts";
import { DataGrid } from "../table/DataGrid.tsx";
import { trpc, type ApiError } from "../trpc.ts";

type Range = { from: Date; to: Date };

/** How often the system panel asks again. */
export const LIVE_INTERVAL_MS = 5_000;
const HOUR_MS = 3_600_000;
const currentHour = () => Math.floor(Date.now() / HOUR_MS);
const NO_REQUESTS = "No requests logged in the last 24 hours";

/** A card that waits for its query, and keeps showing the last data it had when a refetch fails. */
function MetricCard<T>({
  title,
  description,
  query,
  aside,
  children,
}: {
  title: string;
  description: string;
  query: { isPending: boolean; error: unknown; data: T | undefined; refetch: () => unknown };
  aside?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const describeError = useDescribeError();
  return (
    <Card title={title} description={description}>
      {aside}
      {query.isPending && <Spinner label={`Loading ${title.toLowerCase()}`} />}
      {query.error && !query.data ? <ErrorMessage message={describeError(query.error as ApiError)} onRetry={() => void query.refetch()} /> : null}
      {query.data !== undefined && <div className="flex flex-col gap-5">{children(query.data)}</div>}
    </Card>
  );
}

function People({ range }: { range: Range }) {
  const overview = trpc.admin.metrics.overview.useQuery(range);
  return (
    <MetricCard title="People" description="Accounts, and the people active each day (any signed-in activity)." query={overview}>
      {(data) => <PeoplePanel overview={data} table={false} />}
    </MetricCard>
  );
}

function Challenge({ range }: { range: Range }) {
  const challenge = trpc.admin.metrics.challenge.useQuery(range);
  return (
    <MetricCard title="Challenge funnel" description="Of the people whose 7-day challenge started in this range, how many finished each day." query={challenge}>
      {(data) => <ChallengeFunnelPanel challenge={data} table={false} />}
    </MetricCard>
  );
}

function Plans({ range }: { range: Range }) {
  const plans = trpc.admin.metrics.plans.useQuery(range);
  return (
    <MetricCard title="Daily plans" description="Plans made in this range, and how often each step was done." query={plans}>
      {(data) => <PlanCompletionPanel plans={data} table={false} />}
    </MetricCard>
  );
}

/** The API's health over the last 24 hours, asked again every few seconds while `live`. */
function SystemPanel() {
  const [live, setLive] = useState(true);
  // Whole hours: the query stays the same within the hour, and each refetch sees new requests.
  const [hour, setHour] = useState(currentHour);
  useEffect(() => {
    const timer = setInterval(() => setHour(currentHour()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const range = useMemo(() => lastDayByHour(new Date(hour * HOUR_MS)), [hour]);
  const system = trpc.admin.metrics.system.useQuery(range, {
    refetchInterval: live ? LIVE_INTERVAL_MS : false,
    placeholderData: keepPreviousData,
  });
  const aside = (
    <div className="mb-3 flex flex-wrap items-center gap-3 text-sm">
      <CheckboxField label="Live (every 5 seconds)" checked={live} onChange={(event) => setLive(event.target.checked)} />
      {live && <Badge tone={system.isError ? "warning" : "success"}>{system.isError ? "Not answering" : "Live"}</Badge>}
      {system.dataUpdatedAt > 0 && (
        <span className="text-xs text-slate-500" data-testid="system-updated">
          Updated {formatPreciseTime(new Date(system.dataUpdatedAt))}
        </span>
      )}
    </div>
  );
  return (
    <MetricCard title="System" description="Requests, errors and latency of the API over the last 24 hours, and what AI calls cost." query={system} aside={aside}>
      {(data) => (
        <SystemHealthPanel
          system={data}
          requestsChart
          latencyTitle="p95 latency by hour, in milliseconds"
          emptyText={NO_REQUESTS}
          procedureTable={
            <DataGrid
              caption="Procedures"
              exportName="procedures"
              columns={[
                { id: "procedure", header: "Procedure", rowHeader: true, value: (p) => p.procedure, className: "font-mono text-xs" },
                { id: "requests", header: "Requests", numeric: true, value: (p) => p.requests, render: (p) => formatCount(p.requests) },
                { id: "p50", header: "p50", numeric: true, value: (p) => p.p50, render: (p) => formatMs(p.p50) },
                { id: "p95", header: "p95", numeric: true, value: (p) => p.p95, render: (p) => formatMs(p.p95) },
                { id: "p99", header: "p99", numeric: true, value: (p) => p.p99, render: (p) => formatMs(p.p99) },
                { id: "errors", header: "Server errors", numeric: true, value: (p) => p.errorRate, render: (p) => formatPercent(p.errorRate) },
                { id: "refused", header: "Refused (4xx)", numeric: true, value: (p) => p.clientErrorRate, render: (p) => formatPercent(p.clientErrorRate) },
              ]}
              rows={data.procedures}
              rowKey={(p) => p.procedure}
              initialSort={{ column: "requests", direction: "descending" }}
              emptyText={NO_REQUESTS}
            />
          }
        />
      )}
    </MetricCard>
  );
}

export function MetricsScreen() {
  const [days, setDays] = useState<MetricRange>("30");
  const range = useMemo(() => lastDays(Number(days)), [days]);
  return (
    <div className="flex flex-col gap-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h2 className="text-lg font-semibold text-slate-900">Metrics</h2>
        <SegmentedControl legend="Range" name="metrics-range" options={METRIC_RANGES} value={days} onChange={setDays} />
      </div>
      <SystemPanel />
      <div className="grid gap-4 xl:grid-cols-2">
        <People range={range} />
        <Challenge range={range} />
      </div>
      <Plans range={range} />
    </div>
  );
}
