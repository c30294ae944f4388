import { QueryClientProvider } from "@tanstack/react-query";
import { getQueryKey } from "@trpc/react-query";
import { createContext, useContext, useState, type ReactNode } from "react";
import type { Account, GlowBridge } from "../shared/bridge.ts";
import { createApiClients, describeError, trpc, type ApiError } from "./trpc.ts";

const ServerUrlContext = createContext<string | null>(null);

/** The server this part of the app talks to, for messages. */
export function useServerUrl(): string {
  const serverUrl = useContext(ServerUrlContext);
  if (serverUrl === null) throw new Error("useServerUrl needs an ApiProvider");
  return serverUrl;
}

export function useDescribeError(): (error: ApiError) => string {
  const serverUrl = useServerUrl();
  return (error) => describeError(error, serverUrl);
}

/**
 * tRPC and TanStack Query over the bridge, with a cache of their own: give it a new `key`
 * for a new server or a new sign-in so that nothing of the previous account stays around.
 * `knownAccount` is who just signed in or out, so `auth.me` needs no round trip.
 */
export function ApiProvider({
  api,
  serverUrl,
  knownAccount,
  children,
}: {
  api: GlowBridge["api"];
  serverUrl: string;
  knownAccount?: Account | null;
  children: ReactNode;
}) {
  const [{ queryClient, trpcClient }] = useState(() => {
    const clients = createApiClients(api);
    if (knownAccount !== undefined) clients.queryClient.setQueryData(getQueryKey(trpc.auth.me, undefined, "query"), knownAccount);
    return clients;
  });
  return (
    <ServerUrlContext value={serverUrl}>
      <trpc.Provider client={trpcClient} queryClient={queryClient}>
        <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
      </trpc.Provider>
    </ServerUrlContext>
  );
}
