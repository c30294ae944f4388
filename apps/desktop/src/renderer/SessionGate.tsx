import { AppShell, ErrorMessage, Spinner } from "@glow/ui";
import type { Account, GlowBridge, ServerUrlUpdate } from "../shared/bridge.ts";
import { useDescribeError, useServerUrl } from "./ApiProvider.tsx";
import { ServerStatus } from "./ServerStatus.tsx";
import { ServerUrlForm } from "./ServerUrlForm.tsx";
import { SignedInApp } from "./SignedInApp.tsx";
import { SignInScreen } from "./SignInScreen.tsx";
import { trpc } from "./trpc.ts";

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
  const serverUrl = useServerUrl();
  const describeError = useDescribeError();
  const me = trpc.auth.me.useQuery();

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
