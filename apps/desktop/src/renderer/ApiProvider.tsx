import type { AppRouter } from "@glow/api/client";
import { ApiProvider as SharedApiProvider, createQueryClient, createTRPCOptionsProxy, useTRPCClient } from "@glow/react";
import { PersistQueryClientProvider } from "@tanstack/react-query-persist-client";
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import type { Account, GlowBridge } from "../shared/bridge.ts";
import { createConnectivity, useConnectivityState, type Connectivity, type ConnectivityState } from "./connectivity.ts";
import { queryCachePersistence } from "./query-cache.ts";
import { createTrpcClient, describeError } from "./trpc.ts";

const ServerUrlContext = createContext<string | null>(null);
const BridgeContext = createContext<GlowBridge | null>(null);
const ConnectivityContext = createContext<Connectivity | null>(null);

/** While the server does not answer, it is asked this often whether it is back. */
const PROBE_INTERVAL_MS = 5_000;

/** The server this part of the app talks to, for messages. */
export function useServerUrl(): string {
  const serverUrl = useContext(ServerUrlContext);
  if (serverUrl === null) throw new Error("useServerUrl needs an ApiProvider");
  return serverUrl;
}

export function useBridge(): GlowBridge {
  const bridge = useContext(BridgeContext);
  if (!bridge) throw new Error("useBridge needs an ApiProvider");
  return bridge;
}

export function useConnectivity(): ConnectivityState & { check(): void } {
  const connectivity = useContext(ConnectivityContext);
  if (!connectivity) throw new Error("useConnectivity needs an ApiProvider");
  const client = useTRPCClient();
  return { ...useConnectivityState(connectivity), check: () => void client.system.info.query().catch(() => {}) };
}

/**
 * tRPC and TanStack Query over the bridge, with a cache of their own: give it a new `key`
 * for a new server or a new sign-in so that nothing of the previous account stays around.
 * `knownAccount` is who just signed in or out, so `auth.me` needs no round trip. The cache
 * is saved for the next run; `restoreCache` puts the last run's back (at start-up only).
 */
export function ApiProvider({
  bridge,
  serverUrl,
  knownAccount,
  restoreCache = false,
  children,
}: {
  bridge: GlowBridge;
  serverUrl: string;
  knownAccount?: Account | null;
  restoreCache?: boolean;
  children: ReactNode;
}) {
  const [{ queryClient, trpcClient, connectivity, persistence }] = useState(() => {
    const reachability = createConnectivity();
    const client = createQueryClient();
    const apiClient = createTrpcClient(bridge, reachability);
    if (knownAccount !== undefined)
      client.setQueryData(createTRPCOptionsProxy<AppRouter>({ client: apiClient, queryClient: client }).auth.me.queryKey(), knownAccount);
    return {
      queryClient: client,
      trpcClient: apiClient,
      connectivity: reachability,
      // A new sign-in or sign-out starts from nothing: the persister drops the last account's cache instead of restoring it.
      persistence: queryCachePersistence(localStorage, serverUrl, { restore: restoreCache }),
    };
  });
  // Saves still pending for this account are dropped once it is gone.
  useEffect(() => persistence.close, [persistence]);

  useEffect(() => {
    let probe: ReturnType<typeof setInterval> | null = null;
    const stopProbing = () => {
      if (probe) clearInterval(probe);
      probe = null;
    };
    const unsubscribe = connectivity.subscribe(() => {
      if (!connectivity.state().online) {
        // Ask now and then whether the server is back; any answer flips the state.
        probe ??= setInterval(() => void trpcClient.system.info.query().catch(() => {}), PROBE_INTERVAL_MS);
        return;
      }
      stopProbing();
      // Back: what is on screen may be old, and writes may be waiting in main.
      void queryClient.invalidateQueries();
      bridge.writes.replay().catch(() => {});
    });
    return () => {
      unsubscribe();
      stopProbing();
    };
  }, [bridge, connectivity, queryClient, trpcClient]);

  return (
    <ServerUrlContext value={serverUrl}>
      <BridgeContext value={bridge}>
        <ConnectivityContext value={connectivity}>
          <PersistQueryClientProvider client={queryClient} persistOptions={persistence.options}>
            <SharedApiProvider trpcClient={trpcClient} queryClient={queryClient} describeError={(error) => describeError(error, serverUrl)}>
              {children}
            </SharedApiProvider>
          </PersistQueryClientProvider>
        </ConnectivityContext>
      </BridgeContext>
    </ServerUrlContext>
  );
}
