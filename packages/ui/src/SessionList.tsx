import { Badge } from "./Badge.tsx";
import { Button } from "./Button.tsx";
import { describeUserAgent, formatDateTime, formatRelativeTime } from "./format.ts";

export interface SessionListEntry {
  id: string;
  userAgent: string | null;
  ip: string | null;
  lastSeenAt: Date;
  /** When it signed in; shown when given. */
  createdAt?: Date;
  /** The device showing the list: it gets a badge and no Revoke button. */
  current?: boolean;
}

/** Signed-in devices, each with a Revoke button: a person's own (Settings) or a user's (admin). */
export function SessionList({
  sessions,
  revokingId = null,
  busy = false,
  onRevoke,
}: {
  sessions: readonly SessionListEntry[];
  /** The session whose revocation is on its way. */
  revokingId?: string | null;
  /** Any revocation is on its way: the other buttons wait. */
  busy?: boolean;
  onRevoke(session: SessionListEntry): void;
}) {
  return (
    <ul aria-label="Sessions" className="divide-y divide-slate-200 rounded-lg ring-1 ring-slate-200">
      {sessions.map((session) => {
        const device = describeUserAgent(session.userAgent);
        const lastSeen = formatRelativeTime(session.lastSeenAt);
        return (
          <li key={session.id} data-session className="flex flex-wrap items-center justify-between gap-3 p-3">
            <div className="flex min-w-0 flex-col gap-0.5">
              <p className="flex flex-wrap items-center gap-2 font-medium text-slate-900">
                <span title={session.userAgent ?? undefined}>{device}</span>
                {session.current && <Badge tone="glow">This device</Badge>}
              </p>
              <p className="text-sm text-slate-600">
                {session.ip ?? "Unknown IP"} ·{session.createdAt ? ` Signed in ${formatDateTime(session.createdAt)} ·` : ""} Last active{" "}
                <time dateTime={session.lastSeenAt.toISOString()} title={formatDateTime(session.lastSeenAt)}>
                  {lastSeen}
                </time>
              </p>
            </div>
            {!session.current && (
              <Button
                variant="secondary"
                className="py-1.5"
                aria-label={`Revoke ${device}, last active ${lastSeen}`}
                busy={revokingId === session.id}
                disabled={busy && revokingId !== session.id}
                onClick={() => onRevoke(session)}
              >
                Revoke
              </Button>
            )}
          </li>
        );
      })}
    </ul>
  );
}
