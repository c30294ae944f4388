// The tRPC binding both apps use: @trpc/tanstack-react-query, the one tRPC recommends for new
// code. Screens ask `useTRPC()` for query and mutation options and hand them to TanStack
// Query's own hooks; each app brings its client (its transport) to `ApiProvider`.
import type { AppRouter } from "@glow/api/client";
import type { TRPCClientErrorLike } from "@trpc/client";
import { createTRPCContext } from "@trpc/tanstack-react-query";

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** What a failed query or mutation holds. */
export type ApiError = TRPCClientErrorLike<AppRouter>;
