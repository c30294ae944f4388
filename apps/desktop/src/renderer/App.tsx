import { AppShell, ErrorMessage, Spinner } from "@glow/ui";
import { useEffect, useState } from "react";
import type { GlowBridge, ServerUrlUpdate } from "../shared/bridge.ts";
import { ApiProvider } from "./ApiProvider.tsx";
import { ServerStatus } from "./ServerStatus.tsx";
import { ServerUrlForm } from "./ServerUrlForm.tsx";

export function App({ bridge }: { bridge: GlowBridge }) {
  const [serverUrl, setServerUrl] = useState<string | null>(null);
  const [bridgeError, setBridgeError] = useState<string | null>(null);

  useEffect(() => {
    bridge.getServerUrl().then(setServerUrl, () => setBridgeError("Could not read the app's settings"));
  }, [bridge]);

  async function saveServerUrl(url: string): Promise<ServerUrlUpdate> {
    const result = await bridge.setServerUrl(url);
    if (result.ok) setServerUrl(result.serverUrl);
    return result;
  }

  return (
    <AppShell title="Glow" actions={<span className="text-xs text-slate-500">Desktop · {bridge.platform}</span>}>
      {bridgeError && <ErrorMessage message={bridgeError} />}
      {!bridgeError && serverUrl === null && <Spinner label="Loading settings" />}
      {serverUrl !== null && (
        <>
          <ApiProvider key={serverUrl} serverUrl={serverUrl}>
            <ServerStatus serverUrl={serverUrl} />
          </ApiProvider>
          <ServerUrlForm serverUrl={serverUrl} onSave={saveServerUrl} />
        </>
      )}
    </AppShell>
  );
}
