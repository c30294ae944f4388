import { Badge, Button, Card, EmptyState, formatDateTime, FormError, Notice } from "@glow/ui";
import { useWriteQueue } from "./WriteQueueProvider.tsx";

/** The writes main holds until the server can be reached, in the order they will be sent. */
export function QueueScreen() {
  const { state, error, replay, retry, discard } = useWriteQueue();
  const refused = state.writes.find((write) => write.status === "refused");
  return (
    <Card
      title="Queued changes"
      description="Changes made while the server could not be reached. Glow sends them in this order, each once (with its own idempotency key), as soon as the server answers."
    >
      <div className="flex flex-col gap-4">
        {state.offlineSince && (
          <Notice tone="warning">The server has not answered since {formatDateTime(new Date(state.offlineSince))}.</Notice>
        )}
        {refused && (
          <FormError
            message={`The server refused “${refused.label}”: ${refused.error ?? "no reason given"}. Changes after it wait until you retry or discard it.`}
          />
        )}
        <FormError message={error} />
        {state.writes.length === 0 ? (
          <EmptyState title="Nothing is waiting to be sent">Changes you make while offline appear here.</EmptyState>
        ) : (
          <>
            <div>
              <Button onClick={() => void replay()}>Send now</Button>
            </div>
            <ol aria-label="Queued changes" className="flex flex-col gap-2">
              {state.writes.map((write, index) => (
                <li key={write.id} className="flex flex-wrap items-start justify-between gap-3 rounded-lg bg-slate-50 px-3 py-2 text-sm">
                  <span className="flex min-w-0 flex-col gap-0.5">
                    <span className="font-medium text-slate-900">
                      {index + 1}. {write.label}
                    </span>
                    <span className="text-xs text-slate-600">
                      {write.procedure} · queued {formatDateTime(new Date(write.queuedAt))} · {write.attempts}{" "}
                      {write.attempts === 1 ? "attempt" : "attempts"}
                      {write.error ? ` · ${write.error}` : ""}
                    </span>
                  </span>
                  <span className="flex items-center gap-2">
                    {write.status === "refused" ? <Badge tone="danger">Refused</Badge> : <Badge tone="warning">Waiting</Badge>}
                    {write.status === "refused" && (
                      <Button variant="secondary" onClick={() => void retry(write.id)}>
                        Retry
                      </Button>
                    )}
                    <Button variant="secondary" onClick={() => void discard(write.id)}>
                      Discard
                    </Button>
                  </span>
                </li>
              ))}
            </ol>
          </>
        )}
      </div>
    </Card>
  );
}
