import { Card } from "./Card.tsx";
import { ErrorMessage } from "./ErrorMessage.tsx";
import { Spinner } from "./Spinner.tsx";
import { Stat } from "./Stat.tsx";

export interface SystemStatusInfo {
  version: string;
  uptimeSeconds: number;
  startedAt: Date;
}

function formatUptime(seconds: number): string {
  const whole = Math.floor(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  return hours > 0 ? `${hours} h ${minutes} min` : minutes > 0 ? `${minutes} min ${whole % 60} s` : `${whole} s`;
}

/** The server's state as both apps show it; the data comes from `system.info`. */
export function SystemStatus({
  info,
  loading,
  error,
  onRetry,
}: {
  info: SystemStatusInfo | undefined;
  loading: boolean;
  error: string | null;
  onRetry?: () => void;
}) {
  return (
    <Card title="Server">
      {loading && <Spinner label="Connecting to the server" />}
      {error && <ErrorMessage message={error} {...(onRetry ? { onRetry } : {})} />}
      {info && (
        <dl className="grid grid-cols-1 gap-4 sm:grid-cols-3">
          <Stat label="Version" value={info.version} />
          <Stat label="Uptime" value={formatUptime(info.uptimeSeconds)} />
          <Stat label="Started" value={info.startedAt.toLocaleString()} />
        </dl>
      )}
    </Card>
  );
}
