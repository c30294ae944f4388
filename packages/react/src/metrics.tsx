// The admin metrics cards both apps show: each asks for its figures over a range and draws
// them with @glow/ui's panels. Each app lays out its own screen around them.
import { Card, ChallengeFunnelPanel, ErrorMessage, PeoplePanel, PlanCompletionPanel, Spinner } from "@glow/ui";
import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { useDescribeError } from "./provider.tsx";
import { useTRPC } from "./trpc.ts";

export interface MetricRange {
  from: Date;
  to: Date;
}

/** A card that waits for its query, and keeps showing the last data it had when a refetch fails. */
export function MetricCard<T>({
  title,
  description,
  query,
  aside,
  children,
}: {
  title: string;
  description: string;
  query: { isPending: boolean; error: unknown; data: T | undefined; refetch: () => unknown };
  /** Controls and status above the figures (e.g. a live toggle). */
  aside?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  const describeError = useDescribeError();
  return (
    <Card title={title} description={description}>
      {aside}
      {query.isPending && <Spinner label={`Loading ${title.toLowerCase()}`} />}
      {query.error && query.data === undefined ? (
        <ErrorMessage message={describeError(query.error)} onRetry={() => void query.refetch()} />
      ) : null}
      {query.data !== undefined && <div className="flex flex-col gap-5">{children(query.data)}</div>}
    </Card>
  );
}

/** Accounts and daily active people; `tables` adds the numbers under the charts. */
export function PeopleCard({ range, tables = true }: { range: MetricRange; tables?: boolean }) {
  const trpc = useTRPC();
  const overview = useQuery(trpc.admin.metrics.overview.queryOptions(range));
  return (
    <MetricCard title="People" description="Signed-up accounts and the people active each day (any signed-in activity)." query={overview}>
      {(data) => <PeoplePanel overview={data} table={tables} />}
    </MetricCard>
  );
}

export function ChallengeFunnelCard({ range, tables = true }: { range: MetricRange; tables?: boolean }) {
  const trpc = useTRPC();
  const challenge = useQuery(trpc.admin.metrics.challenge.queryOptions(range));
  return (
    <MetricCard
      title="Challenge funnel"
      description="Of the people whose 7-day challenge started in this range, how many finished each day's plan."
      query={challenge}
    >
      {(data) => <ChallengeFunnelPanel challenge={data} table={tables} />}
    </MetricCard>
  );
}

export function DailyPlansCard({ range, tables = true }: { range: MetricRange; tables?: boolean }) {
  const trpc = useTRPC();
  const plans = useQuery(trpc.admin.metrics.plans.queryOptions(range));
  return (
    <MetricCard title="Daily plans" description="Plans made in this range, and how often each step was marked done." query={plans}>
      {(data) => <PlanCompletionPanel plans={data} table={tables} />}
    </MetricCard>
  );
}
