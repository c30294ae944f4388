// One retry policy for both apps' queries (the typed client has the same rule in @glow/api/client).
import { QueryClient } from "@tanstack/react-query";
import { isClientError } from "./errors.ts";

/** A 4xx will not change on retry; network and 5xx failures may, so they get two more tries. */
export function shouldRetryQuery(failureCount: number, error: unknown): boolean {
  return !isClientError(error) && failureCount < 2;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: shouldRetryQuery, staleTime: 5_000 } } });
}
