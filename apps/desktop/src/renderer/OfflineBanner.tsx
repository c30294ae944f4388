import { Button, formatDateTime } from "@glow/ui";
import { useConnectivity, useServerUrl } from "./ApiProvider.tsx";
import { useWriteQueue } from "./queue/WriteQueueProvider.tsx";

/** Says when the server does not answer: what is shown is saved data, and changes wait in the queue. */
export function OfflineBanner() {
  const serverUrl = useServerUrl();
  const connectivity = useConnectivity();
  const queue = useWriteQueue();
  const since = connectivity.offlineSince ?? (queue.state.offlineSince ? Date.parse(queue.state.offlineSince) : null);
  if (connectivity.online && !queue.state.offlineSince) return null;
  const waiting = queue.state.writes.length;
  return (
    <div
      role="status"
      aria-label="Offline"
      className="flex flex-wrap items-center justify-between gap-3 rounded-lg bg-amber-50 p-3 text-sm text-amber-900 ring-1 ring-amber-200"
    >
      <p>
        <strong>Offline.</strong> The Glow server at {serverUrl} has not answered{since ? ` since ${formatDateTime(new Date(since))}` : ""}.
        You are seeing the data saved when it last did; changes you make are queued{waiting > 0 ? ` (${waiting} waiting)` : ""} and sent
        when it is back.
      </p>
      <Button
        variant="secondary"
        onClick={() => {
          connectivity.check();
          void queue.replay();
        }}
      >
        Try again
      </Button>
    </div>
  );
}
