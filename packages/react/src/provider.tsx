import type { AppRouter } from "@glow/api/client";
import type { QueryClient } from "@tanstack/react-query";
import type { TRPCClient } from "@trpc/client";
import { createContext, useContext, type ReactNode } from "react";
import { errorMessage } from "./errors.ts";
import { TRPCProvider } from "./trpc.ts";

const DescribeErrorContext = createContext<(error: unknown) => string>(errorMessage);

/**
 * What the shared screens need from the app around them: its tRPC client (the app's own
 * transport: the web's cookie and fetch, the desktop's bridge) and how it words a failure.
 * The app puts its QueryClientProvider (or a persisting one) around this.
 */
export function ApiProvider({
  trpcClient,
  queryClient,
  describeError = errorMessage,
  children,
}: {
  trpcClient: TRPCClient<AppRouter>;
  queryClient: QueryClient;
  /** A failed call in words for a person; the server's message, or that it cannot be reached, by default. */
  describeError?: (error: unknown) => string;
  children: ReactNode;
}) {
  return (
    <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
      <DescribeErrorContext value={describeError}>{children}</DescribeErrorContext>
    </TRPCProvider>
  );
}

/** The app's wording of a failed call (see ApiProvider). */
export function useDescribeError(): (error: unknown) => string {
  return useContext(DescribeErrorContext);
}
