import { SystemStatus } from "@glow/ui";
import { useDescribeError } from "./ApiProvider.tsx";
import { trpc } from "./trpc.ts";

export function ServerStatus() {
  const info = trpc.system.info.useQuery();
  const describeError = useDescribeError();
  return (
    <SystemStatus
      info={info.data}
      loading={info.isFetching && !info.data}
      error={info.isError && !info.isFetching ? describeError(info.error) : null}
      onRetry={() => void info.refetch()}
    />
  );
}
