// Types of the router only: the server's code never reaches this bundle.
import { MAX_CALLS_PER_BATCH, type AppRouter } from "@glow/api/client";
import { QueryClient } from "@tanstack/react-query";
import { httpBatchLink, httpLink, isTRPCClientError, splitLink, type TRPCClientErrorLike } from "@trpc/client";
import { createTRPCReact } from "@trpc/react-query";
import superjson from "superjson";
import { API_REQUEST_LIMITS, type GlowBridge, type QueuedWrite } from "../shared/bridge.ts";
import { isQueueable } from "../shared/writes.ts";
import { bridgeFetch, QueuedWriteError, writeFetch } from "./bridge-fetch.ts";
import type { Connectivity } from "./connectivity.ts";

export const trpc = createTRPCReact<AppRouter>();

export type ApiError = TRPCClientErrorLike<AppRouter>;

/** 4xx answers are the caller's fault and will not change on a retry; network failures might. */
function shouldRetry(failureCount: number, error: Error): boolean {
  const status = isTRPCClientError<AppRouter>(error) ? error.data?.httpStatus : undefined;
  const clientError = status !== undefined && status >= 400 && status < 500;
  return !clientError && failureCount < 2;
}

/**
 * Every call goes through the bridge: the path is relative because main decides the server.
 * Writes that may wait for the server go one by one through main's queue (shared/writes.ts);
 * everything else is batched.
 */
export function createApiClients(bridge: Pick<GlowBridge, "api" | "writes">, connectivity?: Connectivity) {
  return {
    queryClient: new QueryClient({ defaultOptions: { queries: { retry: shouldRetry, staleTime: 5_000 } } }),
    trpcClient: trpc.createClient({
      links: [
        splitLink({
          condition: (op) => op.type === "mutation" && isQueueable(op.path),
          true: httpLink({ url: "/trpc", transformer: superjson, fetch: writeFetch(bridge.writes, connectivity) }),
          false: httpBatchLink({
            url: "/trpc",
            transformer: superjson,
            fetch: bridgeFetch(bridge.api, connectivity),
            maxURLLength: API_REQUEST_LIMITS.pathLength,
            maxItems: MAX_CALLS_PER_BATCH,
          }),
        }),
      ],
    }),
  };
}

/** The queued write behind a mutation's failure, when main queued it instead of sending it. */
export function queuedWriteOf(error: unknown): QueuedWrite | null {
  const cause = error instanceof Error ? (error.cause ?? error) : null;
  return cause instanceof QueuedWriteError ? cause.write : null;
}

/** A message for the user; no tRPC data means no answer at all (down, unreachable, refused). */
export function describeError(error: ApiError, serverUrl: string): string {
  const queued = queuedWriteOf(error);
  if (queued) return `Queued: “${queued.label}” is sent when the server can be reached`;
  return error.data ? error.message : `Could not reach the Glow server at ${serverUrl}`;
}
