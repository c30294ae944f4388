import type { RouterOutputs } from "@glow/api/client";
import { Badge, Card, CategoryBarChart, CheckboxField, ErrorMessage, SegmentedControl, Spinner, Stat, TimeSeriesChart } from "@glow/ui";
import { keepPreviousData } from "@tanstack/react-query";
import { useEffect, useMemo, useState, type ReactNode } from "react";
import { useDescribeError } from "../ApiProvider.tsx";
import { formatCount, formatDay, formatHour, formatMs, formatPercent, formatPreciseTime, formatUsd } from "../format.ts";
import { DataGrid } from "../table/DataGrid.tsx";
import { trpc, type ApiError } from "../trpc.ts";
import { lastDayByHour, lastDays, METRIC_RANGES, type MetricRange } from "./ranges.ts";

type Metrics = RouterOutputs["admin"]["metrics"];
type Range = { from: Date; to: Date };

/** How often the system panel asks again. */
export const LIVE_INTERVAL_MS = 5_000;
const HOUR_MS = 3_600_000;
const currentHour = () => Math.floor(Date.now() / HOUR_MS);
const STEP_LABELS: Record<string, string> = { clear: "Clear", watch: "Watch", reinforce: "Reinforce" };

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

function Figures({ children }: { children: ReactNode }) {
  return <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5">{children}</dl>;
}

function People({ range }: { range: Range }) {
  const overview = trpc.admin.metrics.overview.useQuery(range);
  return (
    <MetricCard title="People" description="Accounts, and the people active each day (any signed-in activity)." query={overview}>
      {(data: Metrics["overview"]) => (
        <>
          <Figures>
            <Stat label="Total users" value={formatCount(data.totalUsers)} />
            <Stat label="New users" value={formatCount(data.newUsers)} />
            <Stat label="Average daily active" value={data.averageDau.toLocaleString("en")} />
          </Figures>
          <TimeSeriesChart
            title="Daily active people"
            description="People active on each day of the range."
            data={data.dau.map((d) => ({ day: formatDay(d.date), users: d.users }))}
            xKey="day"
            series={[{ key: "users", name: "Active people" }]}
          />
        </>
      )}
    </MetricCard>
  );
}

function Challenge({ range }: { range: Range }) {
  const challenge = trpc.admin.metrics.challenge.useQuery(range);
  return (
    <MetricCard title="Challenge funnel" description="Of the people whose 7-day challenge started in this range, how many finished each day." query={challenge}>
      {(data: Metrics["challenge"]) => (
        <>
          <Figures>
            <Stat label="Challenges started" value={formatCount(data.enrolled)} />
            <Stat label="Finished day 7" value={formatCount(data.funnel.at(-1)?.users ?? 0)} />
          </Figures>
          <CategoryBarChart
            title="People who finished each day"
            data={data.funnel.map((d) => ({ day: `D${d.day}`, users: d.users }))}
            xKey="day"
            series={[{ key: "users", name: "People" }]}
          />
        </>
      )}
    </MetricCard>
  );
}

function Plans({ range }: { range: Range }) {
  const plans = trpc.admin.metrics.plans.useQuery(range);
  return (
    <MetricCard title="Daily plans" description="Plans made in this range, and how often each step was done." query={plans}>
      {(data: Metrics["plans"]) => (
        <>
          <Figures>
            <Stat label="Plans" value={formatCount(data.plans)} />
            <Stat label="Fully completed" value={formatCount(data.fullyCompleted)} />
            <Stat label="Completion rate" value={formatPercent(data.fullRate)} />
          </Figures>
          <CategoryBarChart
            title="Steps completed, share of plans"
            data={data.steps.map((s) => ({ step: STEP_LABELS[s.step] ?? s.step, rate: Math.round(s.rate * 1000) / 10 }))}
            xKey="step"
            series={[{ key: "rate", name: "Completed" }]}
            formatValue={(value) => `${value}%`}
            maxValue={100}
          />
        </>
      )}
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
      {(data: Metrics["system"]) => (
        <>
          <Figures>
            <Stat label="Requests" value={formatCount(data.totals.requests)} />
            <Stat label="Server error rate" value={formatPercent(data.totals.errorRate)} />
            <Stat label="p50 latency" value={formatMs(data.totals.p50)} />
            <Stat label="p95 latency" value={formatMs(data.totals.p95)} />
            <Stat label="p99 latency" value={formatMs(data.totals.p99)} />
          </Figures>
          <div className="grid gap-5 lg:grid-cols-2">
            <CategoryBarChart
              title="Requests by hour"
              data={data.latency.map((h) => ({ hour: formatHour(h.hour), requests: h.requests }))}
              xKey="hour"
              series={[{ key: "requests", name: "Requests" }]}
              emptyText="No requests logged in the last 24 hours"
            />
            <TimeSeriesChart
              title="p95 latency by hour, in milliseconds"
              data={data.latency.map((h) => ({ hour: formatHour(h.hour), p95: Math.round(h.p95 * 10) / 10 }))}
              xKey="hour"
              series={[{ key: "p95", name: "p95 latency (ms)" }]}
              emptyText="No requests logged in the last 24 hours"
            />
          </div>
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
            emptyText="No requests logged in the last 24 hours"
          />
          <Figures>
            <Stat label="AI calls" value={formatCount(data.ai.calls)} />
            <Stat label="AI calls failed" value={formatCount(data.ai.failed)} />
            <Stat label="AI cost" value={formatUsd(data.ai.costUsd)} />
            <Stat label="Prompt tokens" value={formatCount(data.ai.promptTokens)} />
            <Stat label="Completion tokens" value={formatCount(data.ai.completionTokens)} />
          </Figures>
        </>
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
