// The web app's transport: same-origin requests to /trpc carrying the session cookie, and
// subscriptions as server-sent events. Everything else about the API is @glow/react's.
import { MAX_CALLS_PER_BATCH, type AppRouter } from "@glow/api/client";
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from "@trpc/client";
import superjson from "superjson";

export function createTrpcClient() {
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === "subscription",
        true: httpSubscriptionLink({ url: "/trpc", transformer: superjson }),
        false: httpBatchLink({ url: "/trpc", transformer: superjson, maxItems: MAX_CALLS_PER_BATCH }),
      }),
    ],
  });
}
