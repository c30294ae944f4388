// Types of the router only: the server's code never reaches this bundle.
import type { AppRouter } from "@glow/api/client";
import { QueryClient } from "@tanstack/react-query";
import { httpBatchLink, isTRPCClientError, type TRPCClientErrorLike } from "@trpc/client";
import { createTRPCReact } from "@trpc/react-query";
import superjson from "superjson";
import { API_REQUEST_LIMITS, type GlowBridge } from "../shared/bridge.ts";
import { bridgeFetch } from "./bridge-fetch.ts";

export const trpc = createTRPCReact<AppRouter>();

export type ApiError = TRPCClientErrorLike<AppRouter>;

/** 4xx answers are the caller's fault and will not change on a retry; network failures might. */
function shouldRetry(failureCount: number, error: Error): boolean {
  const status = isTRPCClientError<AppRouter>(error) ? error.data?.httpStatus : undefined;
  const clientError = status !== undefined && status >= 400 && status < 500;
  return !clientError && failureCount < 2;
}

/** Every call goes through the bridge: the path is relative because main decides the server. */
export function createApiClients(api: GlowBridge["api"]) {
  return {
    queryClient: new QueryClient({ defaultOptions: { queries: { retry: shouldRetry, staleTime: 5_000 } } }),
    trpcClient: trpc.createClient({
      links: [
        httpBatchLink({
          url: "/trpc",
          transformer: superjson,
          fetch: bridgeFetch(api),
          maxURLLength: API_REQUEST_LIMITS.pathLength,
        }),
      ],
    }),
  };
}

/** A message for the user; no tRPC data means no answer at all (down, unreachable, refused). */
export function describeError(error: ApiError, serverUrl: string): string {
  return error.data ? error.message : `Could not reach the Glow server at ${serverUrl}`;
}
