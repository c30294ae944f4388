// What the three curation tables share: inline edits that may be queued, bulk actions,
// and a line that says how the last change went.
import { useDescribeError } from "@glow/react";
import { Button, FormError, InlineEdit, Notice } from "@glow/ui";
import { useState } from "react";
import type { QueuedWrite } from "../../shared/bridge.ts";
import { useWriteQueue } from "../queue/WriteQueueProvider.tsx";
import { queuedWriteOf } from "../trpc.ts";

export type Feedback = { tone: "success" | "warning"; text: string } | { tone: "error"; text: string } | null;

/** How the last change on a screen went: done, queued, or refused. */
export function useFeedback() {
  const describeError = useDescribeError();
  const [feedback, setFeedback] = useState<Feedback>(null);
  return {
    feedback,
    done: (text: string) => setFeedback({ tone: "success", text }),
    queued: (write: QueuedWrite) =>
      setFeedback({ tone: "warning", text: `Queued: “${write.label}”. Glow sends it when the server answers (see Queued changes).` }),
    failed: (error: unknown) => setFeedback({ tone: "error", text: describeError(error) }),
    problem: (text: string) => setFeedback({ tone: "error", text }),
    clear: () => setFeedback(null),
  };
}

export function FeedbackLine({ feedback }: { feedback: Feedback }) {
  if (!feedback) return null;
  if (feedback.tone === "error") return <FormError message={feedback.text} />;
  return <Notice tone={feedback.tone}>{feedback.text}</Notice>;
}

/**
 * Changes main has queued, shown on their rows until the queue is empty (then the tables
 * are fetched again and show what the server has).
 */
export function usePendingEdits<Row extends { id: string }>() {
  const { state } = useWriteQueue();
  const [edits, setEdits] = useState<ReadonlyMap<string, Partial<Row>>>(new Map());
  const empty = state.writes.length === 0;
  // The queue emptied: the server has (or refused) every change, and the tables are fetched again.
  const [wasEmpty, setWasEmpty] = useState(empty);
  if (empty !== wasEmpty) {
    setWasEmpty(empty);
    if (empty && edits.size > 0) setEdits(new Map());
  }
  return {
    apply: (rows: readonly Row[]): Row[] => rows.map((row) => (edits.has(row.id) ? { ...row, ...edits.get(row.id) } : row)),
    isPending: (id: string) => edits.has(id),
    add(ids: readonly string[], patch: Partial<Row>) {
      setEdits((current) => {
        const next = new Map(current);
        for (const id of ids) next.set(id, { ...next.get(id), ...patch });
        return next;
      });
    },
  };
}

/** InlineEdit whose save may fail with a message for the field. */
export function EditableText({ value, label, onSave }: { value: string; label: string; onSave(value: string): Promise<void> }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return (
    <InlineEdit
      value={value}
      label={label}
      error={error}
      busy={busy}
      onSave={async (next) => {
        setBusy(true);
        setError(null);
        try {
          await onSave(next);
        } catch (failure) {
          setError(failure instanceof Error ? failure.message : String(failure));
          throw failure;
        } finally {
          setBusy(false);
        }
      }}
    />
  );
}

export function BulkActions({
  count,
  busy,
  onArchive,
  onRestore,
  onClear,
}: {
  count: number;
  busy: boolean;
  onArchive(): void;
  onRestore(): void;
  onClear(): void;
}) {
  if (count === 0) return null;
  return (
    <div role="group" aria-label="Bulk actions" className="flex flex-wrap items-center gap-2">
      <Button variant="danger" busy={busy} onClick={onArchive}>
        Archive {count} selected
      </Button>
      <Button variant="secondary" disabled={busy} onClick={onRestore}>
        Restore {count} selected
      </Button>
      <Button variant="secondary" disabled={busy} onClick={onClear}>
        Clear selection
      </Button>
    </div>
  );
}

/** Runs a write that may be queued: `onDone` when the server did it, the pending edit when main queued it. */
export async function runWrite(
  write: Promise<unknown>,
  handlers: { onDone(): void | Promise<void>; onQueued(write: QueuedWrite): void; onError(error: unknown): void },
): Promise<void> {
  try {
    await write;
  } catch (error) {
    const queued = queuedWriteOf(error);
    if (queued) handlers.onQueued(queued);
    else handlers.onError(error);
    return;
  }
  await handlers.onDone();
}
