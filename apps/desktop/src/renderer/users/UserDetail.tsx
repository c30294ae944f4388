import type { RouterOutputs } from "@glow/api/client";
import { fieldMessage, useDescribeError, useTRPC } from "@glow/react";
import { Badge, Button, Card, describeUserAgent, ErrorMessage, formatDateTime, FormError, Notice, SessionList, Spinner } from "@glow/ui";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { Account } from "../../shared/bridge.ts";
import { queuedWriteOf } from "../trpc.ts";
import { ConfirmDialog } from "../ui/ConfirmDialog.tsx";
import { RoleBadges } from "../ui/RoleBadges.tsx";
import { DetailField, DetailSection } from "../ui/DetailParts.tsx";

type UserDetails = RouterOutputs["admin"]["users"]["get"];

/** After a change, the list, the details and the roles' user counts all come from the server again. */
function useRefreshUsers(currentAccount: Account, userId: string): () => Promise<unknown> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries(trpc.admin.users.pathFilter()),
      queryClient.invalidateQueries(trpc.admin.roles.list.pathFilter()),
      userId === currentAccount.id ? queryClient.invalidateQueries(trpc.auth.me.pathFilter()) : null,
    ]);
}

function RoleEditor({ user, currentAccount }: { user: UserDetails; currentAccount: Account }) {
  const trpc = useTRPC();
  const describeError = useDescribeError();
  const roles = useQuery(trpc.admin.roles.list.queryOptions());
  const refresh = useRefreshUsers(currentAccount, user.id);
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(user.roles));
  const [saved, setSaved] = useState(false);
  const setRoles = useMutation(
    trpc.admin.users.setRoles.mutationOptions({
      onSuccess: async () => {
        setSaved(true);
        await refresh();
      },
    }),
  );
  const self = user.id === currentAccount.id;
  const changed = chosen.size !== user.roles.length || user.roles.some((role) => !chosen.has(role));

  function toggle(role: string, on: boolean): void {
    const next = new Set(chosen);
    if (on) next.add(role);
    else next.delete(role);
    setChosen(next);
    setSaved(false);
    setRoles.reset();
  }

  if (roles.isPending) return <Spinner label="Loading roles" />;
  if (roles.isError) return <ErrorMessage message={describeError(roles.error)} onRetry={() => void roles.refetch()} />;

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        setRoles.mutate({ id: user.id, roles: [...chosen].sort() });
      }}
    >
      <fieldset className="flex flex-col gap-2">
        <legend className="sr-only">Roles</legend>
        {roles.data.map((role) => {
          // The server refuses it too; saying so here saves a round trip.
          const locked = self && role.name === "admin";
          return (
            <label key={role.id} className="flex items-start gap-2 text-sm">
              <input
                type="checkbox"
                className="mt-0.5 size-4 accent-glow-600"
                checked={chosen.has(role.name)}
                disabled={locked || setRoles.isPending}
                onChange={(event) => toggle(role.name, event.target.checked)}
              />
              <span>
                <span className="font-medium text-slate-900">{role.name}</span>
                <span className="text-slate-600">
                  {" "}
                  — {role.description || "No description"} ({role.userCount} {role.userCount === 1 ? "user" : "users"})
                </span>
                {locked && <span className="block text-xs text-slate-500">You cannot remove your own admin role.</span>}
              </span>
            </label>
          );
        })}
      </fieldset>
      <div className="mt-3 flex flex-wrap items-center gap-3">
        <Button type="submit" busy={setRoles.isPending} disabled={!changed}>
          Save roles
        </Button>
        {saved && !changed && (
          <p role="status" className="text-sm text-emerald-700">
            Roles saved
          </p>
        )}
      </div>
      {setRoles.error && (
        <div className="mt-3">
          {queuedWriteOf(setRoles.error) ? (
            <Notice tone="warning">{describeError(setRoles.error)} (see Queued changes).</Notice>
          ) : (
            <ErrorMessage message={fieldMessage(setRoles.error, "roles", describeError)} />
          )}
        </div>
      )}
    </form>
  );
}

function Deactivation({ user, currentAccount }: { user: UserDetails; currentAccount: Account }) {
  const trpc = useTRPC();
  const describeError = useDescribeError();
  const refresh = useRefreshUsers(currentAccount, user.id);
  const [confirming, setConfirming] = useState(false);
  const deactivate = useMutation(
    trpc.admin.users.deactivate.mutationOptions({
      onSuccess: async () => {
        setConfirming(false);
        await refresh();
      },
    }),
  );

  if (user.deactivatedAt) {
    return (
      <p role="status" className="text-sm text-slate-700">
        Deactivated on {formatDateTime(user.deactivatedAt)}: their sessions were ended and they cannot sign in.
      </p>
    );
  }
  if (user.id === currentAccount.id) return <p className="text-sm text-slate-600">You cannot deactivate your own account.</p>;
  return (
    <>
      <p className="mb-3 text-sm text-slate-600">Deactivating ends all of their sessions and stops them from signing in.</p>
      <Button
        variant="danger"
        onClick={() => {
          deactivate.reset();
          setConfirming(true);
        }}
      >
        Deactivate…
      </Button>
      <ConfirmDialog
        open={confirming}
        title={`Deactivate ${user.name}?`}
        confirmLabel="Deactivate"
        busy={deactivate.isPending}
        error={deactivate.error ? describeError(deactivate.error) : null}
        onConfirm={() => deactivate.mutate({ id: user.id })}
        onCancel={() => setConfirming(false)}
      >
        <p>
          {user.name} ({user.email ?? "no email"}) will be signed out everywhere and will not be able to sign in again. The app cannot
          reactivate an account yet.
        </p>
      </ConfirmDialog>
    </>
  );
}

/** The user's live sessions; revoking one signs that device out at its next request. */
function Sessions({ user, currentAccount }: { user: UserDetails; currentAccount: Account }) {
  const trpc = useTRPC();
  const describeError = useDescribeError();
  const refresh = useRefreshUsers(currentAccount, user.id);
  const [revoked, setRevoked] = useState<string | null>(null);
  const revoke = useMutation(
    trpc.admin.users.revokeSession.mutationOptions({
      onSuccess: async (_result, { sessionId }) => {
        const session = user.sessions.find((candidate) => candidate.id === sessionId);
        setRevoked(`Revoked the session on ${describeUserAgent(session?.userAgent ?? null)}`);
        await refresh();
      },
    }),
  );
  if (user.sessions.length === 0) {
    return (
      <>
        {revoked && <Notice tone="success">{revoked}</Notice>}
        <p className="mt-2 text-sm text-slate-600">No active sessions.</p>
      </>
    );
  }
  return (
    <div className="flex flex-col gap-2">
      {revoked && <Notice tone="success">{revoked}</Notice>}
      <FormError message={revoke.error ? describeError(revoke.error) : null} />
      {user.id === currentAccount.id && <p className="text-xs text-slate-500">One of these is this app: revoking it signs you out here.</p>}
      <SessionList
        sessions={user.sessions}
        revokingId={revoke.isPending ? revoke.variables.sessionId : null}
        busy={revoke.isPending}
        onRevoke={(session) => {
          setRevoked(null);
          revoke.mutate({ userId: user.id, sessionId: session.id });
        }}
      />
    </div>
  );
}

export function UserDetail({ userId, currentAccount }: { userId: string; currentAccount: Account }) {
  const trpc = useTRPC();
  const describeError = useDescribeError();
  const user = useQuery(trpc.admin.users.get.queryOptions({ id: userId }));

  if (user.isPending) {
    return (
      <Card title="User details">
        <Spinner label="Loading the user" />
      </Card>
    );
  }
  if (user.isError) {
    return (
      <Card title="User details">
        <ErrorMessage message={describeError(user.error)} onRetry={() => void user.refetch()} />
      </Card>
    );
  }
  const details = user.data;
  return (
    <Card title={details.name}>
      <dl className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <DetailField label="Email">
          <span className="flex flex-wrap items-center gap-2">
            {details.email ?? "None"}
            {details.email && (details.emailVerified ? <Badge tone="success">verified</Badge> : <Badge>not verified</Badge>)}
          </span>
        </DetailField>
        <DetailField label="Status">
          <span data-testid="user-status">
            {details.deactivatedAt ? <Badge tone="danger">Deactivated</Badge> : <Badge tone="success">Active</Badge>}
          </span>
        </DetailField>
        <DetailField label="Roles">
          <RoleBadges roles={details.roles} />
        </DetailField>
        <DetailField label="Linked providers">
          {details.linkedProviders.length > 0 ? details.linkedProviders.join(", ") : "None"}
        </DetailField>
        <DetailField label="Joined">{formatDateTime(details.createdAt)}</DetailField>
      </dl>

      <DetailSection title="Edit roles">
        <RoleEditor key={details.id} user={details} currentAccount={currentAccount} />
      </DetailSection>

      <DetailSection title="Sessions">
        <Sessions user={details} currentAccount={currentAccount} />
      </DetailSection>

      <DetailSection title="Deactivate">
        <Deactivation user={details} currentAccount={currentAccount} />
      </DetailSection>
    </Card>
  );
}
