// The admin metrics panels shared by the web and desktop apps: figures, charts and tables
// for data the app has already loaded. Each app keeps its own queries, loading and error
// states, and the card around a panel. The types mirror admin.metrics.* outputs.
import { useId, type ReactNode } from "react";
import { CategoryBarChart, TimeSeriesChart } from "../charts.tsx";
import { DataTable } from "../DataTable.tsx";
import { formatCount, formatDay, formatHour, formatMs, formatPercent, formatUsd } from "../format.ts";
import { Stat } from "../Stat.tsx";

export interface OverviewMetrics {
  totalUsers: number;
  newUsers: number;
  averageDau: number;
  /** People active each UTC day, the day as YYYY-MM-DD. */
  dau: ReadonlyArray<{ date: string; users: number }>;
}

export interface ChallengeFunnelMetrics {
  enrolled: number;
  funnel: ReadonlyArray<{ day: number; users: number; rate: number }>;
}

export interface PlanCompletionMetrics {
  plans: number;
  fullyCompleted: number;
  fullRate: number;
  steps: ReadonlyArray<{ step: string; completed: number; rate: number }>;
}

export interface ProcedureMetrics {
  procedure: string;
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  errorRate: number;
  clientErrorRate: number;
}

export interface SystemMetrics {
  range: { from: Date; to: Date };
  totals: { requests: number; errorRate: number; p50: number; p95: number; p99: number };
  procedures: readonly ProcedureMetrics[];
  latency: ReadonlyArray<{ hour: Date; requests: number; p95: number }>;
  ai: { calls: number; failed: number; costUsd: number; promptTokens: number; completionTokens: number };
  /** Background jobs that used up their retries, now (whatever the range). */
  jobs: { deadLetters: number };
}

const DAY_MS = 86_400_000;
const STEP_LABELS: Record<string, string> = { clear: "Clear", watch: "Watch", reinforce: "Reinforce" };
const stepLabel = (step: string) => STEP_LABELS[step] ?? step;

function Figures({ children }: { children: ReactNode }) {
  return <dl className="grid grid-cols-2 gap-4 sm:grid-cols-3 lg:grid-cols-5">{children}</dl>;
}

/** Accounts and daily active people; `table` adds the day-by-day numbers under the chart. */
export function PeoplePanel({ overview, table = true }: { overview: OverviewMetrics; table?: boolean }) {
  return (
    <>
      <Figures>
        <Stat label="Total users" value={formatCount(overview.totalUsers)} />
        <Stat label="New users" value={formatCount(overview.newUsers)} />
        <Stat label="Average daily active" value={overview.averageDau.toLocaleString("en")} />
      </Figures>
      <TimeSeriesChart
        title="Daily active people"
        description="People active on each day of the range."
        data={overview.dau.map((d) => ({ day: formatDay(d.date), users: d.users }))}
        xKey="day"
        series={[{ key: "users", name: "Active people" }]}
      />
      {table && (
        <details className="text-sm">
          <summary className="cursor-pointer font-medium text-glow-700">Daily active people, day by day</summary>
          <div className="mt-2">
            <DataTable
              caption="Daily active people"
              hideCaption
              columns={[
                { header: "Day", rowHeader: true, render: (d) => formatDay(d.date) },
                { header: "Active people", numeric: true, render: (d) => formatCount(d.users) },
              ]}
              rows={[...overview.dau].reverse()}
              rowKey={(d) => d.date}
            />
          </div>
        </details>
      )}
    </>
  );
}

/** How many people finished each day of the 7-day challenge; `table` adds the numbers and rates. */
export function ChallengeFunnelPanel({ challenge, table = true }: { challenge: ChallengeFunnelMetrics; table?: boolean }) {
  return (
    <>
      <Figures>
        <Stat label="Challenges started" value={formatCount(challenge.enrolled)} />
        <Stat label="Finished day 7" value={formatCount(challenge.funnel.at(-1)?.users ?? 0)} />
      </Figures>
      <CategoryBarChart
        title="People who finished each day"
        data={challenge.funnel.map((d) => ({ day: `D${d.day}`, users: d.users }))}
        xKey="day"
        series={[{ key: "users", name: "People" }]}
      />
      {table && (
        <DataTable
          caption="Challenge funnel, day by day"
          columns={[
            { header: "Day", rowHeader: true, render: (d) => `Day ${d.day}` },
            { header: "People", numeric: true, render: (d) => <span data-value="users">{formatCount(d.users)}</span> },
            { header: "Rate", numeric: true, render: (d) => <span data-value="rate">{formatPercent(d.rate)}</span> },
          ]}
          rows={challenge.funnel}
          rowKey={(d) => d.day}
          rowProps={(d) => ({ "data-funnel-day": d.day })}
        />
      )}
    </>
  );
}

/** Daily plans and how often each step was done; `table` adds the numbers per step. */
export function PlanCompletionPanel({ plans, table = true }: { plans: PlanCompletionMetrics; table?: boolean }) {
  return (
    <>
      <Figures>
        <Stat label="Plans" value={formatCount(plans.plans)} />
        <Stat label="Fully completed" value={formatCount(plans.fullyCompleted)} />
        <Stat label="Completion rate" value={formatPercent(plans.fullRate)} />
      </Figures>
      <CategoryBarChart
        title="Steps completed, share of plans"
        data={plans.steps.map((s) => ({ step: stepLabel(s.step), rate: Math.round(s.rate * 1000) / 10 }))}
        xKey="step"
        series={[{ key: "rate", name: "Completed" }]}
        formatValue={(value) => `${value}%`}
        maxValue={100}
      />
      {table && (
        <DataTable
          caption="Step completion"
          columns={[
            { header: "Step", rowHeader: true, render: (s) => stepLabel(s.step) },
            { header: "Completed", numeric: true, render: (s) => formatCount(s.completed) },
            { header: "Rate", numeric: true, render: (s) => formatPercent(s.rate) },
          ]}
          rows={plans.steps}
          rowKey={(s) => s.step}
          rowProps={(s) => ({ "data-step": s.step })}
        />
      )}
    </>
  );
}

export interface SystemHealthPanelProps {
  system: SystemMetrics;
  /** Adds a chart of requests per hour beside the latency chart. */
  requestsChart?: boolean;
  latencyTitle?: string;
  /** What the charts say when no request was logged. */
  emptyText?: string;
}

/** The API's requests, errors and latency, per procedure, and what AI calls cost. */
export function SystemHealthPanel({
  system,
  requestsChart = false,
  latencyTitle = "p95 latency by hour",
  emptyText = "No requests logged in this range",
}: SystemHealthPanelProps) {
  const aiHeading = useId();
  const jobsHeading = useId();
  // Within a single day the hour alone says when; across days it needs the date.
  const day = system.range.to.getTime() - system.range.from.getTime() > DAY_MS;
  const hours = system.latency.map((h) => ({ hour: formatHour(h.hour, { day }), requests: h.requests, p95: h.p95 }));
  const latency = (
    <TimeSeriesChart
      title={latencyTitle}
      data={hours}
      xKey="hour"
      series={[{ key: "p95", name: "p95 latency" }]}
      formatValue={(value) => `${Math.round(value)} ms`}
      emptyText={emptyText}
    />
  );
  return (
    <>
      <Figures>
        <Stat label="Requests" value={formatCount(system.totals.requests)} />
        <Stat label="Server error rate" value={formatPercent(system.totals.errorRate)} />
        <Stat label="p50 latency" value={formatMs(system.totals.p50)} />
        <Stat label="p95 latency" value={formatMs(system.totals.p95)} />
        <Stat label="p99 latency" value={formatMs(system.totals.p99)} />
      </Figures>
      {requestsChart ? (
        <div className="grid gap-5 lg:grid-cols-2">
          <CategoryBarChart
            title="Requests by hour"
            data={hours}
            xKey="hour"
            series={[{ key: "requests", name: "Requests" }]}
            emptyText={emptyText}
          />
          {latency}
        </div>
      ) : (
        latency
      )}
      {system.procedures.length > 0 && (
        <DataTable
          caption="Latency and errors by procedure"
          sortable
          initialSort={{ column: "requests", direction: "descending" }}
          exportName="procedures"
          columns={[
            {
              id: "procedure",
              header: "Procedure",
              rowHeader: true,
              value: (p) => p.procedure,
              render: (p) => <span className="break-words font-mono text-xs">{p.procedure}</span>,
            },
            { id: "requests", header: "Requests", numeric: true, value: (p) => p.requests, render: (p) => formatCount(p.requests) },
            { id: "p50", header: "p50", numeric: true, value: (p) => p.p50, render: (p) => formatMs(p.p50) },
            { id: "p95", header: "p95", numeric: true, value: (p) => p.p95, render: (p) => formatMs(p.p95) },
            { id: "p99", header: "p99", numeric: true, value: (p) => p.p99, render: (p) => formatMs(p.p99) },
            { id: "errors", header: "Server errors", numeric: true, value: (p) => p.errorRate, render: (p) => formatPercent(p.errorRate) },
            {
              id: "refused",
              header: "Refused (4xx)",
              numeric: true,
              value: (p) => p.clientErrorRate,
              render: (p) => formatPercent(p.clientErrorRate),
            },
          ]}
          rows={system.procedures}
          rowKey={(p) => p.procedure}
          rowProps={(p) => ({ "data-procedure": p.procedure })}
        />
      )}
      <section aria-labelledby={aiHeading} className="flex flex-col gap-3">
        <h3 id={aiHeading} className="text-sm font-semibold text-slate-900">
          AI
        </h3>
        <Figures>
          <Stat label="AI calls" value={formatCount(system.ai.calls)} />
          <Stat label="AI calls failed" value={formatCount(system.ai.failed)} />
          <Stat label="AI cost" value={formatUsd(system.ai.costUsd)} />
          <Stat label="Prompt tokens" value={formatCount(system.ai.promptTokens)} />
          <Stat label="Completion tokens" value={formatCount(system.ai.completionTokens)} />
        </Figures>
      </section>
      <section aria-labelledby={jobsHeading} className="flex flex-col gap-3">
        <h3 id={jobsHeading} className="text-sm font-semibold text-slate-900">
          Background jobs
        </h3>
        <Figures>
          <Stat label="Dead-letter jobs" value={formatCount(system.jobs.deadLetters)} />
        </Figures>
      </section>
    </>
  );
}
