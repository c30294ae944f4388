import { Card, ChallengeFunnelPanel, ErrorMessage, lastDays, METRIC_RANGES, PeoplePanel, PlanCompletionPanel, SegmentedControl, Spinner, SystemHealthPanel, type MetricRange } from "@glow/ui";
import { useMemo, useState, type ReactNode } from "react";
import { hasPermission, type Account } from "../account.ts";
import { NoAccess } from "../components/NoAccess.tsx";
import { RequireAccount } from "../components/RequireAccount.tsx";
import { usePageTitle } from "../forms.ts";
import { errorMessage, trpc } from "../trpc.ts";

type Range = { from: Date; to: Date };

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

function People({ range }: { range: Range }) {
  const overview = trpc.admin.metrics.overview.useQuery(range);
  return (
    <MetricCard title="People" description="Signed-up accounts and the people active each day (any signed-in activity)." query={overview}>
      {(data) => <PeoplePanel overview={data} />}
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
      {(data) => <ChallengeFunnelPanel challenge={data} />}
    </MetricCard>
  );
}

function PlanCompletion({ range }: { range: Range }) {
  const plans = trpc.admin.metrics.plans.useQuery(range);
  return (
    <MetricCard title="Daily plans" description="Plans made in this range, and how often each step was marked done." query={plans}>
      {(data) => <PlanCompletionPanel plans={data} />}
    </MetricCard>
  );
}

function SystemHealth({ range }: { range: Range }) {
  const system = trpc.admin.metrics.system.useQuery(range);
  return (
    <MetricCard title="API and AI" description="Latency and errors of every procedure, and what AI calls cost." query={system}>
      {(data) => <SystemHealthPanel system={data} />}
    </MetricCard>
  );
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
