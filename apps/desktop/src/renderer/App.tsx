import { AppShell, ErrorMessage, Spinner } from "@glow/ui";
import { useEffect, useState } from "react";
import type { Account, GlowBridge, ServerUrlUpdate } from "../shared/bridge.ts";
import { ApiProvider } from "./ApiProvider.tsx";
import { SessionGate } from "./SessionGate.tsx";

/** Each sign-in or sign-out starts a new generation: a fresh query cache, seeded with who is signed in. */
interface Session {
  generation: number;
  /** undefined: ask the server (`auth.me`). */
  knownAccount?: Account | null;
  notice: string | null;
}

export function App({ bridge }: { bridge: GlowBridge }) {
  const [serverUrl, setServerUrl] = useState<string | null>(null);
  const [bridgeError, setBridgeError] = useState<string | null>(null);
  const [session, setSession] = useState<Session>({ generation: 0, notice: null });

  useEffect(() => {
    bridge.getServerUrl().then(setServerUrl, () => setBridgeError("Could not read the app's settings"));
  }, [bridge]);

  async function saveServerUrl(url: string): Promise<ServerUrlUpdate> {
    const result = await bridge.setServerUrl(url);
    if (result.ok) {
      setServerUrl(result.serverUrl);
      // Main signed out of the old server; whether there is a session is the new server's to say.
      setSession(({ generation }) => ({ generation: generation + 1, notice: null }));
    }
    return result;
  }

  if (serverUrl === null) {
    return (
      <AppShell title="Glow" actions={<span className="text-xs text-slate-500">Desktop · {bridge.platform}</span>}>
        {bridgeError ? <ErrorMessage message={bridgeError} /> : <Spinner label="Loading settings" />}
      </AppShell>
    );
  }
  return (
    <ApiProvider
      key={`${serverUrl} ${session.generation}`}
      bridge={bridge}
      serverUrl={serverUrl}
      // What the last run saw, for the first screen (and for when the server cannot be reached).
      restoreCache={session.generation === 0}
      {...(session.knownAccount !== undefined ? { knownAccount: session.knownAccount } : {})}
    >
      <SessionGate
        bridge={bridge}
        notice={session.notice}
        onSignedIn={(account) => setSession(({ generation }) => ({ generation: generation + 1, knownAccount: account, notice: null }))}
        onSignedOut={(notice) => setSession(({ generation }) => ({ generation: generation + 1, knownAccount: null, notice }))}
        onSaveServerUrl={saveServerUrl}
      />
    </ApiProvider>
  );
}
