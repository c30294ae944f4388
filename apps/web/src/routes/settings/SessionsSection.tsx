import { errorMessage, useTRPC } from "@glow/react";
import { Badge, Button, Card, describeUserAgent, EmptyState, ErrorMessage, formatDateTime, formatRelativeTime, FormError, Notice, Spinner } from "@glow/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

export function SessionsSection() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const sessions = useQuery(trpc.auth.sessions.list.queryOptions());
  const refresh = () => queryClient.invalidateQueries(trpc.auth.sessions.list.pathFilter());
  const revoke = useMutation(trpc.auth.sessions.revoke.mutationOptions({ onSuccess: refresh }));
  const revokeOthers = useMutation(trpc.auth.sessions.revokeOthers.mutationOptions({ onSuccess: refresh }));
  const others = sessions.data?.filter((session) => !session.current).length ?? 0;
  const failure = revoke.error ?? revokeOthers.error;

  return (
    <Card title="Sessions" description="The devices signed in to your account. Revoke any you do not recognise.">
      <div className="flex flex-col gap-4">
        {sessions.isLoading && <Spinner label="Loading sessions" />}
        {sessions.error && <ErrorMessage message={errorMessage(sessions.error)} onRetry={() => void sessions.refetch()} />}
        {sessions.data && sessions.data.length === 0 && <EmptyState title="No active sessions" />}
        {sessions.data && sessions.data.length > 0 && (
          <ul className="divide-y divide-slate-200 rounded-lg ring-1 ring-slate-200">
            {sessions.data.map((session) => {
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
                      {session.ip ?? "Unknown IP"} · Last active{" "}
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
                      busy={revoke.isPending && revoke.variables.id === session.id}
                      onClick={() => revoke.mutate({ id: session.id })}
                    >
                      Revoke
                    </Button>
                  )}
                </li>
              );
            })}
          </ul>
        )}
        {sessions.data && others === 0 && sessions.data.length > 0 && (
          <p className="text-sm text-slate-600">No other devices are signed in.</p>
        )}
        {revokeOthers.data && (
          <Notice tone="success">
            <p>
              Signed out {revokeOthers.data.revoked} other {revokeOthers.data.revoked === 1 ? "session" : "sessions"}.
            </p>
          </Notice>
        )}
        <FormError message={failure ? errorMessage(failure) : null} />
        {others > 0 && (
          <Button variant="danger" className="self-start" busy={revokeOthers.isPending} onClick={() => revokeOthers.mutate()}>
            Sign out everywhere else
          </Button>
        )}
      </div>
    </Card>
  );
}
