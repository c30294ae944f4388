// The admin's background jobs, for both apps (web /admin/jobs, desktop Jobs screen): the queues
// with their counts and dead letters (admin.jobs.queues), the jobs filtered by state and queue
// (admin.jobs.list, paged), and Retry / Cancel for those who may write (admin.jobs.retry/cancel).
import {
  Button,
  Card,
  ErrorMessage,
  FormError,
  JOB_STATE_LABELS,
  JOB_STATE_NAMES,
  JobQueuesTable,
  JobsTable,
  Notice,
  SelectField,
  Spinner,
  type JobStateName,
} from "@glow/ui";
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { hasPermission, type Account } from "./account.ts";
import { useDescribeError } from "./provider.tsx";
import { useTRPC } from "./trpc.ts";

export interface JobsFilter {
  state: JobStateName | null;
  queue: string | null;
}

export interface JobsProps {
  account: Account;
  /** Where the lists start (default: the dead letters of every queue, what an admin comes for). */
  initialFilter?: JobsFilter;
  pageSize?: number;
}

export function Jobs({ account, initialFilter = { state: "failed", queue: null }, pageSize = 25 }: JobsProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const describe = useDescribeError();
  const mayAct = hasPermission(account, { action: "write", entity: "jobs" });
  const [filter, setFilter] = useState<JobsFilter>(initialFilter);
  const [pendingId, setPendingId] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const queues = useQuery(trpc.admin.jobs.queues.queryOptions(undefined, { refetchInterval: 10_000 }));
  const input = { limit: pageSize, ...(filter.state ? { state: filter.state } : {}), ...(filter.queue ? { queue: filter.queue } : {}) };
  const jobs = useInfiniteQuery(
    trpc.admin.jobs.list.infiniteQueryOptions(input, {
      getNextPageParam: (page) => page.nextCursor ?? undefined,
      placeholderData: keepPreviousData,
    }),
  );
  const changed = () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.admin.jobs.list.pathFilter()),
      queryClient.invalidateQueries(trpc.admin.jobs.queues.pathFilter()),
    ]);
  const retry = useMutation(trpc.admin.jobs.retry.mutationOptions({ onSuccess: changed }));
  const cancel = useMutation(trpc.admin.jobs.cancel.mutationOptions({ onSuccess: changed }));
  const actionError = retry.error ?? cancel.error;

  function act(kind: "retry" | "cancel", id: string) {
    retry.reset();
    cancel.reset();
    setDone(null);
    setPendingId(id);
    const settle = {
      onSuccess: () => setDone(kind === "retry" ? "The job was queued again" : "The job was cancelled"),
      onSettled: () => setPendingId(null),
    };
    if (kind === "retry") retry.mutate({ id }, settle);
    else cancel.mutate({ id }, settle);
  }

  const queueNames = queues.data?.queues.map((queue) => queue.queue) ?? [];
  const rows = jobs.data?.pages.flatMap((page) => page.items) ?? [];
  const listCaption = `${filter.state ? JOB_STATE_LABELS[filter.state] : "All"} jobs${filter.queue ? ` in ${filter.queue}` : ""}`;

  return (
    <div className="flex flex-col gap-4">
      <Card
        title="Queues"
        description={queues.data ? `${queues.data.deadLetters} dead-letter ${queues.data.deadLetters === 1 ? "job" : "jobs"}` : undefined}
      >
        {queues.isPending ? (
          <Spinner label="Loading queues" />
        ) : queues.error && !queues.data ? (
          <ErrorMessage message={describe(queues.error)} onRetry={() => void queues.refetch()} />
        ) : (
          <JobQueuesTable queues={queues.data!.queues} />
        )}
      </Card>
      <Card title="Jobs">
        <div className="flex flex-wrap gap-3">
          <SelectField
            label="State"
            value={filter.state ?? ""}
            onChange={(event) => setFilter({ ...filter, state: (event.target.value || null) as JobStateName | null })}
          >
            <option value="">Any state</option>
            {JOB_STATE_NAMES.map((state) => (
              <option key={state} value={state}>
                {JOB_STATE_LABELS[state]}
              </option>
            ))}
          </SelectField>
          <SelectField
            label="Queue"
            value={filter.queue ?? ""}
            onChange={(event) => setFilter({ ...filter, queue: event.target.value || null })}
          >
            <option value="">Every queue</option>
            {[...new Set([...queueNames, ...(filter.queue ? [filter.queue] : [])])].map((queue) => (
              <option key={queue} value={queue}>
                {queue}
              </option>
            ))}
          </SelectField>
        </div>
        <FormError message={actionError ? describe(actionError) : null} />
        {done && <Notice tone="success">{done}</Notice>}
        {jobs.isPending ? (
          <Spinner label="Loading jobs" />
        ) : jobs.error && !jobs.data ? (
          <ErrorMessage message={describe(jobs.error)} onRetry={() => void jobs.refetch()} />
        ) : (
          <>
            <JobsTable
              jobs={rows}
              caption={listCaption}
              pendingId={pendingId}
              emptyText={filter.state === "failed" ? "No dead letters: every job finished or is still trying" : "No jobs match"}
              {...(mayAct ? { onRetry: (id: string) => act("retry", id), onCancel: (id: string) => act("cancel", id) } : {})}
            />
            {jobs.hasNextPage && (
              <Button variant="secondary" busy={jobs.isFetchingNextPage} onClick={() => void jobs.fetchNextPage()}>
                Show more
              </Button>
            )}
          </>
        )}
      </Card>
    </div>
  );
}
