import { ServerStatus, useDescribeError, useTRPC } from "@glow/react";
import { AppShell, ErrorMessage, Spinner } from "@glow/ui";
import { useQuery } from "@tanstack/react-query";
import type { Account, GlowBridge, ServerUrlUpdate } from "../shared/bridge.ts";
import { useServerUrl } from "./ApiProvider.tsx";
import { ServerUrlForm } from "./ServerUrlForm.tsx";
import { SignedInApp } from "./SignedInApp.tsx";
import { SignInScreen } from "./SignInScreen.tsx";

/** Asks the server who the stored token belongs to (main adds it), and shows sign-in or the app. */
export function SessionGate({
  bridge,
  notice,
  onSignedIn,
  onSignedOut,
  onSaveServerUrl,
}: {
  bridge: GlowBridge;
  notice: string | null;
  onSignedIn(account: Account): void;
  onSignedOut(notice: string | null): void;
  onSaveServerUrl(url: string): Promise<ServerUrlUpdate>;
}) {
  const trpc = useTRPC();
  const serverUrl = useServerUrl();
  const describeError = useDescribeError();
  const me = useQuery(trpc.auth.me.queryOptions());

  if (me.data) {
    return <SignedInApp account={me.data} bridge={bridge} onSignedOut={onSignedOut} onSaveServerUrl={onSaveServerUrl} />;
  }
  return (
    <AppShell title="Glow" actions={<span className="text-xs text-slate-500">Desktop · {bridge.platform}</span>}>
      {me.data === null ? (
        <>
          <SignInScreen auth={bridge.auth} notice={notice} onSignedIn={onSignedIn} />
          <ServerStatus />
        </>
      ) : me.isError && !me.isFetching ? (
        <ErrorMessage message={describeError(me.error)} onRetry={() => void me.refetch()} />
      ) : (
        <Spinner label="Checking your session" />
      )}
      <ServerUrlForm serverUrl={serverUrl} onSave={onSaveServerUrl} />
    </AppShell>
  );
}
