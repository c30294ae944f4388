import { MAX_CALLS_PER_BATCH, type AppRouter } from "@glow/api/client";
import { QueryClient } from "@tanstack/react-query";
import { httpBatchLink, TRPCClientError } from "@trpc/client";
import { createTRPCReact } from "@trpc/react-query";
import superjson from "superjson";

export const trpc = createTRPCReact<AppRouter>();

/** What the server's error formatter puts in `error.data` (see packages/api/src/trpc.ts). */
interface GlowErrorData {
  code?: string;
  httpStatus?: number;
  /** Field path to its messages, for showing beside form fields. */
  fieldErrors?: Record<string, string[]> | null;
}

/** The server's error data, or undefined when the call never got an answer from it. */
export function errorData(error: unknown): GlowErrorData | undefined {
  return error instanceof TRPCClientError ? (error.data as GlowErrorData | undefined) : undefined;
}

function isClientError(error: unknown): boolean {
  const status = errorData(error)?.httpStatus;
  return status !== undefined && status >= 400 && status < 500;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      // A 4xx will not change on retry; network and 5xx failures may.
      queries: { retry: (failures, error) => !isClientError(error) && failures < 2, staleTime: 5_000 },
    },
  });
}

export function createTrpcClient() {
  return trpc.createClient({
    links: [httpBatchLink({ url: "/trpc", transformer: superjson, maxItems: MAX_CALLS_PER_BATCH })],
  });
}

/** A message fit to show a person, from whatever a query failed with. */
export function errorMessage(error: unknown): string {
  if (error instanceof TRPCClientError && error.data) return error.message;
  return "Cannot reach the Glow server. Check that it is running and try again.";
}
