// The desktop's transport: every call goes through the bridge (main adds the bearer token,
// which this page never sees), and writes that may wait for the server go through main's
// queue. Everything else about the API is @glow/react's.
import { MAX_CALLS_PER_BATCH, type AppRouter } from "@glow/api/client";
import { errorMessage } from "@glow/react";
import { createTRPCClient, httpBatchLink, httpLink, splitLink } from "@trpc/client";
import superjson from "superjson";
import { API_REQUEST_LIMITS, type GlowBridge, type QueuedWrite } from "../shared/bridge.ts";
import { isQueueable } from "../shared/writes.ts";
import { bridgeFetch, QueuedWriteError, writeFetch } from "./bridge-fetch.ts";
import type { Connectivity } from "./connectivity.ts";

/**
 * The path is relative because main decides the server. Writes that may wait for the server
 * go one by one through main's queue (shared/writes.ts); everything else is batched.
 */
export function createTrpcClient(bridge: Pick<GlowBridge, "api" | "writes">, connectivity?: Connectivity) {
  return createTRPCClient<AppRouter>({
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
  });
}

/** The queued write behind a mutation's failure, when main queued it instead of sending it. */
export function queuedWriteOf(error: unknown): QueuedWrite | null {
  const cause = error instanceof Error ? (error.cause ?? error) : null;
  return cause instanceof QueuedWriteError ? cause.write : null;
}

/** A message for the user; no answer at all (down, unreachable, refused) names the server. */
export function describeError(error: unknown, serverUrl: string): string {
  const queued = queuedWriteOf(error);
  if (queued) return `Queued: “${queued.label}” is sent when the server can be reached`;
  return errorMessage(error, `Could not reach the Glow server at ${serverUrl}`);
}
