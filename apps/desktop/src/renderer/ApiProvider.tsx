import { QueryClientProvider } from "@tanstack/react-query";
import { useState, type ReactNode } from "react";
import { createApiClients, trpc } from "./trpc.ts";

/** tRPC and TanStack Query for one server; give it `key={serverUrl}` so a new server starts with an empty cache. */
export function ApiProvider({ serverUrl, children }: { serverUrl: string; children: ReactNode }) {
  const [{ queryClient, trpcClient }] = useState(() => createApiClients(serverUrl));
  return (
    <trpc.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </trpc.Provider>
  );
}
