import { SystemStatus } from "@glow/ui";
import { useDescribeError } from "./ApiProvider.tsx";
import { trpc } from "./trpc.ts";

/** Whether the server answers; with `details` (administrators: metrics access) also its version and uptime. */
export function ServerStatus({ details = false }: { details?: boolean }) {
  const info = trpc.system.info.useQuery(undefined, { enabled: !details });
  const status = trpc.system.status.useQuery(undefined, { enabled: details });
  const describeError = useDescribeError();
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
