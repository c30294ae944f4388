import { Card } from "./Card.tsx";
import { ErrorMessage } from "./ErrorMessage.tsx";
import { Spinner } from "./Spinner.tsx";
import { Stat } from "./Stat.tsx";

/** Anyone learns that the server answers (`system.info`); administrators also its version and uptime (`system.status`). */
export interface SystemStatusInfo {
  name: string;
  version?: string;
  uptimeSeconds?: number;
  startedAt?: Date;
}

function formatUptime(seconds: number): string {
  const whole = Math.floor(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  return hours > 0 ? `${hours} h ${minutes} min` : minutes > 0 ? `${minutes} min ${whole % 60} s` : `${whole} s`;
}

/** The server's state as both apps show it: up, and for administrators which version since when. */
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
        <dl className="grid grid-cols-1 gap-4 sm:grid-cols-4">
          <Stat label="Status" value="Up" />
          {info.version !== undefined && <Stat label="Version" value={info.version} />}
          {info.uptimeSeconds !== undefined && <Stat label="Uptime" value={formatUptime(info.uptimeSeconds)} />}
          {info.startedAt !== undefined && <Stat label="Started" value={info.startedAt.toLocaleString()} />}
        </dl>
      )}
    </Card>
  );
}
