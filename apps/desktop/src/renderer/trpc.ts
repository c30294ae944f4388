// Types of the router only: the server's code never reaches this bundle.
import type { AppRouter } from "@glow/api/client";
import { trpcUrl } from "@glow/api/client";
import { QueryClient } from "@tanstack/react-query";
import { httpBatchLink, isTRPCClientError } from "@trpc/client";
import { createTRPCReact } from "@trpc/react-query";
import superjson from "superjson";

export const trpc = createTRPCReact<AppRouter>();

/** 4xx answers are the caller's fault and will not change on a retry; network failures might. */
function shouldRetry(failureCount: number, error: Error): boolean {
  const status = isTRPCClientError<AppRouter>(error) ? error.data?.httpStatus : undefined;
  const clientError = status !== undefined && status >= 400 && status < 500;
  return !clientError && failureCount < 2;
}

export function createApiClients(serverUrl: string) {
  return {
    queryClient: new QueryClient({ defaultOptions: { queries: { retry: shouldRetry } } }),
    trpcClient: trpc.createClient({
      links: [httpBatchLink({ url: trpcUrl(serverUrl), transformer: superjson })],
    }),
  };
}
