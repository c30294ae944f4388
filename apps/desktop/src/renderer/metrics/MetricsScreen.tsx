import { ChallengeFunnelCard, DailyPlansCard, MetricCard, PeopleCard, useTRPC } from "@glow/react";
import {
  Badge,
  CheckboxField,
  formatPreciseTime,
  lastDayByHour,
  lastDays,
  METRIC_RANGES,
  type MetricRange,
  SegmentedControl,
  SystemHealthPanel,
} from "@glow/ui";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";

/** How often the system panel asks again. */
export const LIVE_INTERVAL_MS = 5_000;
const HOUR_MS = 3_600_000;
const currentHour = () => Math.floor(Date.now() / HOUR_MS);
const NO_REQUESTS = "No requests logged in the last 24 hours";

/** The API's health over the last 24 hours, asked again every few seconds while `live`. */
function SystemPanel() {
  const trpc = useTRPC();
  const [live, setLive] = useState(true);
  // Whole hours: the query stays the same within the hour, and each refetch sees new requests.
  const [hour, setHour] = useState(currentHour);
  useEffect(() => {
    const timer = setInterval(() => setHour(currentHour()), 60_000);
    return () => clearInterval(timer);
  }, []);
  const range = useMemo(() => lastDayByHour(new Date(hour * HOUR_MS)), [hour]);
  const system = useQuery(
    trpc.admin.metrics.system.queryOptions(range, {
      refetchInterval: live ? LIVE_INTERVAL_MS : false,
      placeholderData: keepPreviousData,
    }),
  );
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
    <MetricCard
      title="System"
      description="Requests, errors and latency of the API over the last 24 hours, and what AI calls cost."
      query={system}
      aside={aside}
    >
      {(data) => (
        <SystemHealthPanel system={data} requestsChart latencyTitle="p95 latency by hour, in milliseconds" emptyText={NO_REQUESTS} />
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
        <PeopleCard range={range} tables={false} />
        <ChallengeFunnelCard range={range} tables={false} />
      </div>
      <DailyPlansCard range={range} tables={false} />
    </div>
  );
}
