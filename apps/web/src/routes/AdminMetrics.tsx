import { ChallengeFunnelCard, DailyPlansCard, MetricCard, PeopleCard, useTRPC, type MetricRange } from "@glow/react";
import { lastDays, METRIC_RANGES, SegmentedControl, SystemHealthPanel, type MetricRange as RangeChoice } from "@glow/ui";
import { useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { hasPermission, type Account } from "../account.ts";
import { NoAccess } from "../components/NoAccess.tsx";
import { RequireAccount } from "../components/RequireAccount.tsx";
import { usePageTitle } from "../forms.ts";

/** The API's health over the chosen range. */
function SystemHealth({ range }: { range: MetricRange }) {
  const trpc = useTRPC();
  const system = useQuery(trpc.admin.metrics.system.queryOptions(range));
  return (
    <MetricCard title="API and AI" description="Latency and errors of every procedure, and what AI calls cost." query={system}>
      {(data) => <SystemHealthPanel system={data} />}
    </MetricCard>
  );
}

function MetricsScreen() {
  const [days, setDays] = useState<RangeChoice>("30");
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
      <PeopleCard range={range} />
      <ChallengeFunnelCard range={range} />
      <DailyPlansCard range={range} />
      <SystemHealth range={range} />
    </>
  );
}

function AdminMetrics({ account }: { account: Account }) {
  if (!hasPermission(account, { action: "read", entity: "metrics" })) return <NoAccess screen="Metrics" />;
  return <MetricsScreen />;
}

export function AdminMetricsPage() {
  usePageTitle("Metrics");
  return <RequireAccount>{(account) => <AdminMetrics account={account} />}</RequireAccount>;
}
