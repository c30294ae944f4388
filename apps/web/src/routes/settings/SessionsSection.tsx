import { errorMessage, useTRPC } from "@glow/react";
import { Button, Card, EmptyState, ErrorMessage, FormError, Notice, SessionList, Spinner } from "@glow/ui";
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
          <SessionList
            sessions={sessions.data}
            revokingId={revoke.isPending ? revoke.variables.id : null}
            busy={revoke.isPending}
            onRevoke={(session) => revoke.mutate({ id: session.id })}
          />
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
