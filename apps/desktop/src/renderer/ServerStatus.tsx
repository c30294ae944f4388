import type { AppRouter } from "@glow/api/client";
import { SystemStatus } from "@glow/ui";
import type { TRPCClientErrorLike } from "@trpc/client";
import { trpc } from "./trpc.ts";

function describeError(error: TRPCClientErrorLike<AppRouter>, serverUrl: string): string {
  // No tRPC data means no answer at all: the server is down, unreachable or refused CORS.
  return error.data ? error.message : `Could not reach the Glow server at ${serverUrl}`;
}

export function ServerStatus({ serverUrl }: { serverUrl: string }) {
  const info = trpc.system.info.useQuery();
  return (
    <SystemStatus
      info={info.data}
      loading={info.isFetching && !info.data}
      error={info.isError && !info.isFetching ? describeError(info.error, serverUrl) : null}
      onRetry={() => void info.refetch()}
    />
  );
}
