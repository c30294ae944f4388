import { SystemStatus } from "@glow/ui";
import { useQuery } from "@tanstack/react-query";
import { useDescribeError } from "./provider.tsx";
import { useTRPC } from "./trpc.ts";

/** Whether the server answers; with `details` (for metrics readers) also its version and uptime. */
export function ServerStatus({ details = false }: { details?: boolean }) {
  const trpc = useTRPC();
  const describeError = useDescribeError();
  const info = useQuery(trpc.system.info.queryOptions(undefined, { enabled: !details }));
  const status = useQuery(trpc.system.status.queryOptions(undefined, { enabled: details }));
  const shown = details ? status : info;
  return (
    <SystemStatus
      info={shown.data}
      loading={shown.isFetching && !shown.data}
      error={shown.isError && !shown.isFetching ? describeError(shown.error) : null}
      onRetry={() => void shown.refetch()}
    />
  );
}
