import { Badge } from "../Badge.tsx";
import { Button } from "../Button.tsx";
import { DataTable, type DataColumn } from "../DataTable.tsx";
import { formatCount, formatDateTime } from "../format.ts";

/** A background job's state, as the queue (pg-boss) names it; `failed` is the dead-letter state. */
export type JobStateName = "created" | "retry" | "active" | "completed" | "cancelled" | "failed";
export const JOB_STATE_NAMES = [
  "created",
  "retry",
  "active",
  "completed",
  "cancelled",
  "failed",
] as const satisfies readonly JobStateName[];

export const JOB_STATE_LABELS: Record<JobStateName, string> = {
  created: "Waiting",
  retry: "Retrying",
  active: "Running",
  completed: "Completed",
  cancelled: "Cancelled",
  failed: "Failed (dead letter)",
};

const STATE_TONES = {
  created: "neutral",
  retry: "warning",
  active: "glow",
  completed: "success",
  cancelled: "neutral",
  failed: "danger",
} as const;

export function JobStateBadge({ state }: { state: JobStateName }) {
  return <Badge tone={STATE_TONES[state]}>{JOB_STATE_LABELS[state]}</Badge>;
}

export interface JobRow {
  id: string;
  queue: string;
  state: JobStateName;
  attempts: number;
  retryLimit: number;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
  completedAt: Date | null;
}

/** Which jobs may be retried (dead letters and cancelled ones) and cancelled (not finished). */
export const canRetryJob = (job: Pick<JobRow, "state">) => job.state === "failed" || job.state === "cancelled";
export const canCancelJob = (job: Pick<JobRow, "state">) => job.state === "created" || job.state === "retry" || job.state === "active";

export interface JobsTableProps {
  jobs: readonly JobRow[];
  caption?: string;
  hideCaption?: boolean;
  onRetry?: (id: string) => void;
  onCancel?: (id: string) => void;
  /** The job a retry or cancel is on its way for: its buttons wait, the others are disabled. */
  pendingId?: string | null;
  emptyText?: string;
}

/** Background jobs, newest first as given, with Retry on dead letters and Cancel on jobs not finished. */
export function JobsTable({
  jobs,
  caption = "Jobs",
  hideCaption,
  onRetry,
  onCancel,
  pendingId = null,
  emptyText = "No jobs",
}: JobsTableProps) {
  const columns: Array<DataColumn<JobRow>> = [
    { header: "Queue", rowHeader: true, value: (job) => job.queue, render: (job) => <code className="text-sm">{job.queue}</code> },
    { header: "State", value: (job) => JOB_STATE_LABELS[job.state], render: (job) => <JobStateBadge state={job.state} /> },
    { header: "Tries", numeric: true, value: (job) => job.attempts, render: (job) => `${job.attempts} of ${job.retryLimit + 1}` },
    { header: "Last error", value: (job) => job.error ?? "", render: (job) => job.error ?? "—" },
    { header: "Created", value: (job) => job.createdAt, render: (job) => formatDateTime(job.createdAt) },
    {
      header: "Finished",
      value: (job) => job.completedAt ?? "",
      render: (job) => (job.completedAt ? formatDateTime(job.completedAt) : "—"),
    },
  ];
  if (onRetry || onCancel) {
    columns.push({
      id: "actions",
      header: "Actions",
      exported: false,
      hideable: false,
      render: (job) => (
        <span className="inline-flex gap-2">
          {onRetry && canRetryJob(job) && (
            <Button
              variant="secondary"
              className="py-1"
              aria-label={`Retry job ${job.id}`}
              busy={pendingId === job.id}
              disabled={pendingId !== null}
              onClick={() => onRetry(job.id)}
            >
              Retry
            </Button>
          )}
          {onCancel && canCancelJob(job) && (
            <Button
              variant="secondary"
              className="py-1"
              aria-label={`Cancel job ${job.id}`}
              busy={pendingId === job.id}
              disabled={pendingId !== null}
              onClick={() => onCancel(job.id)}
            >
              Cancel
            </Button>
          )}
        </span>
      ),
    });
  }
  return (
    <DataTable
      caption={caption}
      hideCaption={hideCaption}
      columns={columns}
      rows={jobs}
      rowKey={(job) => job.id}
      rowProps={(job) => ({ "data-job": job.id, "data-state": job.state })}
      emptyText={emptyText}
    />
  );
}

/** "45 s", "12 min", "3 h 5 min", "2 d 4 h": how long a job has waited, to the unit that matters. */
export function formatWaited(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min`;
  if (s < 86_400) return `${Math.floor(s / 3600)} h${s % 3600 >= 60 ? ` ${Math.floor((s % 3600) / 60)} min` : ""}`;
  return `${Math.floor(s / 86_400)} d${s % 86_400 >= 3600 ? ` ${Math.floor((s % 86_400) / 3600)} h` : ""}`;
}

export interface JobQueueRow {
  queue: string;
  counts: Record<JobStateName, number>;
  oldestWaitingSeconds: number;
  deadLetters: number;
}

/** Per queue: how many jobs wait, run, completed, failed for good (dead letters), and how long the oldest has waited. */
export function JobQueuesTable({ queues, caption = "Queues" }: { queues: readonly JobQueueRow[]; caption?: string }) {
  const columns: Array<DataColumn<JobQueueRow>> = [
    { header: "Queue", rowHeader: true, value: (row) => row.queue, render: (row) => <code className="text-sm">{row.queue}</code> },
    {
      header: "Waiting",
      numeric: true,
      value: (row) => row.counts.created + row.counts.retry,
      render: (row) => formatCount(row.counts.created + row.counts.retry),
    },
    { header: "Running", numeric: true, value: (row) => row.counts.active, render: (row) => formatCount(row.counts.active) },
    { header: "Completed", numeric: true, value: (row) => row.counts.completed, render: (row) => formatCount(row.counts.completed) },
    {
      header: "Dead letters",
      numeric: true,
      value: (row) => row.deadLetters,
      render: (row) => (row.deadLetters > 0 ? <Badge tone="danger">{formatCount(row.deadLetters)}</Badge> : "0"),
    },
    { header: "Cancelled", numeric: true, value: (row) => row.counts.cancelled, render: (row) => formatCount(row.counts.cancelled) },
    {
      header: "Oldest waiting",
      value: (row) => row.oldestWaitingSeconds,
      render: (row) => (row.oldestWaitingSeconds > 0 ? formatWaited(row.oldestWaitingSeconds) : "—"),
    },
  ];
  return (
    <DataTable
      caption={caption}
      columns={columns}
      rows={queues}
      rowKey={(row) => row.queue}
      rowProps={(row) => ({ "data-queue": row.queue })}
      sortable
      emptyText="No jobs have been queued yet"
    />
  );
}
