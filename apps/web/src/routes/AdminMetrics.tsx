import type { RouterOutputs } from "@glow/api/client";
import { Card, CategoryBarChart, DataTable, ErrorMessage, SegmentedControl, Spinner, Stat, SystemStatus, TimeSeriesChart } from "@glow/ui";
import { useMemo, useState, type ReactNode } from "react";
import { hasPermission, type Account } from "../account.ts";
import { NoAccess } from "../components/NoAccess.tsx";
import { RequireAccount } from "../components/RequireAccount.tsx";
import { formatDay, formatHour, formatMs, formatPercent, formatUsd } from "../format.ts";
import { usePageTitle } from "../forms.ts";
import { lastDays, METRIC_RANGES, type MetricRange } from "../metrics.ts";
import { errorMessage, trpc } from "../trpc.ts";

type Range = { from: Date; to: Date };
type Metrics = RouterOutputs["admin"]["metrics"];

const STEP_LABELS: Record<string, string> = { clear: "Clear", watch: "Watch", reinforce: "Reinforce" };
const count = (value: number) => value.toLocaleString("en");

/** A card that waits for its query, shows its failure, or shows what it loaded. */
function MetricCard<T>({
  title,
  description,
  query,
  children,
}: {
  title: string;
  description: string;
  query: { isLoading: boolean; error: unknown; data: T | undefined; refetch: () => unknown };
  children: (data: T) => ReactNode;
}) {
  return (
    <Card title={title} description={description}>
      {query.isLoading && <Spinner label={`Loading ${title.toLowerCase()}`} />}
      {query.error ? <ErrorMessage message={errorMessage(query.error)} onRetry={() => void query.refetch()} /> : null}
      {query.data && <div className="flex flex-col gap-5">{children(query.data)}</div>}
    </Card>
  );
}

function Figures({ children }: { children: ReactNode }) {
  return <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5">{children}</dl>;
}

function People({ range }: { range: Range }) {
  const overview = trpc.admin.metrics.overview.useQuery(range);
  return (
    <MetricCard title="People" description="Signed-up accounts and the people active each day (any signed-in activity)." query={overview}>
      {(data: Metrics["overview"]) => (
        <>
          <Figures>
            <Stat label="Total users" value={count(data.totalUsers)} />
            <Stat label="New users" value={count(data.newUsers)} />
            <Stat label="Average daily active" value={data.averageDau.toLocaleString("en")} />
          </Figures>
          <TimeSeriesChart
            title="Daily active people"
            description="People active on each day of the range."
            data={data.dau.map((d) => ({ day: formatDay(d.date), users: d.users }))}
            xKey="day"
            series={[{ key: "users", name: "Active people" }]}
          />
          <details className="text-sm">
            <summary className="cursor-pointer font-medium text-glow-700">Daily active people, day by day</summary>
            <div className="mt-2">
              <DataTable
                caption="Daily active people"
                hideCaption
                columns={[
                  { header: "Day", rowHeader: true, render: (d) => formatDay(d.date) },
                  { header: "Active people", numeric: true, render: (d) => count(d.users) },
                ]}
                rows={[...data.dau].reverse()}
                rowKey={(d) => d.date}
              />
            </div>
          </details>
        </>
      )}
    </MetricCard>
  );
}

function ChallengeFunnel({ range }: { range: Range }) {
  const challenge = trpc.admin.metrics.challenge.useQuery(range);
  return (
    <MetricCard
      title="Challenge funnel"
      description="Of the people whose 7-day challenge started in this range, how many finished each day's plan."
      query={challenge}
    >
      {(data: Metrics["challenge"]) => (
        <>
          <Figures>
            <Stat label="Challenges started" value={count(data.enrolled)} />
            <Stat label="Finished day 7" value={count(data.funnel.at(-1)?.users ?? 0)} />
          </Figures>
          <CategoryBarChart
            title="People who finished each day"
            data={data.funnel.map((d) => ({ day: `D${d.day}`, users: d.users }))}
            xKey="day"
            series={[{ key: "users", name: "People" }]}
          />
          <DataTable
            caption="Challenge funnel, day by day"
            columns={[
              { header: "Day", rowHeader: true, render: (d) => `Day ${d.day}` },
              { header: "People", numeric: true, render: (d) => <span data-value="users">{count(d.users)}</span> },
              { header: "Rate", numeric: true, render: (d) => <span data-value="rate">{formatPercent(d.rate)}</span> },
            ]}
            rows={data.funnel}
            rowKey={(d) => d.day}
            rowProps={(d) => ({ "data-funnel-day": d.day })}
          />
        </>
      )}
    </MetricCard>
  );
}

function PlanCompletion({ range }: { range: Range }) {
  const plans = trpc.admin.metrics.plans.useQuery(range);
  return (
    <MetricCard title="Daily plans" description="Plans made in this range, and how often each step was marked done." query={plans}>
      {(data: Metrics["plans"]) => (
        <>
          <Figures>
            <Stat label="Plans" value={count(data.plans)} />
            <Stat label="Fully completed" value={count(data.fullyCompleted)} />
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
          <DataTable
            caption="Step completion"
            columns={[
              { header: "Step", rowHeader: true, render: (s) => STEP_LABELS[s.step] ?? s.step },
              { header: "Completed", numeric: true, render: (s) => count(s.completed) },
              { header: "Rate", numeric: true, render: (s) => formatPercent(s.rate) },
            ]}
            rows={data.steps}
            rowKey={(s) => s.step}
            rowProps={(s) => ({ "data-step": s.step })}
          />
        </>
      )}
    </MetricCard>
  );
}

function SystemHealth({ range }: { range: Range }) {
  const system = trpc.admin.metrics.system.useQuery(range);
  return (
    <MetricCard title="API and AI" description="Latency and errors of every procedure, and what AI calls cost." query={system}>
      {(data: Metrics["system"]) => (
        <>
          <Figures>
            <Stat label="Requests" value={count(data.totals.requests)} />
            <Stat label="Server error rate" value={formatPercent(data.totals.errorRate)} />
            <Stat label="p50 latency" value={formatMs(data.totals.p50)} />
            <Stat label="p95 latency" value={formatMs(data.totals.p95)} />
            <Stat label="p99 latency" value={formatMs(data.totals.p99)} />
          </Figures>
          <TimeSeriesChart
            title="p95 latency by hour"
            data={data.latency.map((h) => ({ hour: formatHour(h.hour), p95: h.p95 }))}
            xKey="hour"
            series={[{ key: "p95", name: "p95 latency" }]}
            formatValue={(value) => `${Math.round(value)} ms`}
            emptyText="No requests logged in this range"
          />
          {data.procedures.length > 0 && (
            <DataTable
              caption="Latency and errors by procedure"
              columns={[
                { header: "Procedure", rowHeader: true, render: (p) => <span className="break-words">{p.procedure}</span> },
                { header: "Requests", numeric: true, render: (p) => count(p.requests) },
                { header: "p50", numeric: true, render: (p) => formatMs(p.p50) },
                { header: "p95", numeric: true, render: (p) => formatMs(p.p95) },
                { header: "p99", numeric: true, render: (p) => formatMs(p.p99) },
                { header: "Server errors", numeric: true, render: (p) => formatPercent(p.errorRate) },
                { header: "Refused (4xx)", numeric: true, render: (p) => formatPercent(p.clientErrorRate) },
              ]}
              rows={data.procedures}
              rowKey={(p) => p.procedure}
              rowProps={(p) => ({ "data-procedure": p.procedure })}
            />
          )}
          <section aria-labelledby="ai-cost" className="flex flex-col gap-3">
            <h3 id="ai-cost" className="text-sm font-semibold text-slate-900">
              AI
            </h3>
            <Figures>
              <Stat label="AI calls" value={count(data.ai.calls)} />
              <Stat label="AI calls failed" value={count(data.ai.failed)} />
              <Stat label="AI cost" value={formatUsd(data.ai.costUsd)} />
              <Stat label="Prompt tokens" value={count(data.ai.promptTokens)} />
              <Stat label="Completion tokens" value={count(data.ai.completionTokens)} />
            </Figures>
          </section>
        </>
      )}
    </MetricCard>
  );
}

function ServerCard() {
  const info = trpc.system.info.useQuery();
  return <SystemStatus info={info.data} loading={info.isLoading} error={info.error ? errorMessage(info.error) : null} onRetry={() => void info.refetch()} />;
}

function MetricsScreen() {
  const [days, setDays] = useState<MetricRange>("30");
  const range = useMemo(() => lastDays(Number(days)), [days]);
  return (
    <>
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <h1 className="text-2xl font-bold text-slate-900">Metrics</h1>
          <p className="mt-1 text-slate-600">How people use the feed reset, and how the API is doing. Days are UTC.</p>
        </div>
        <SegmentedControl legend="Range" name="range" options={METRIC_RANGES} value={days} onChange={setDays} />
      </div>
      <People range={range} />
      <ChallengeFunnel range={range} />
      <PlanCompletion range={range} />
      <SystemHealth range={range} />
      <ServerCard />
    </>
  );
}

function AdminMetrics({ account }: { account: Account }) {
  if (!hasPermission(account, "metrics:read")) return <NoAccess screen="Metrics" />;
  return <MetricsScreen />;
}

export function AdminMetricsPage() {
  usePageTitle("Metrics");
  return <RequireAccount>{(account) => <AdminMetrics account={account} />}</RequireAccount>;
}
