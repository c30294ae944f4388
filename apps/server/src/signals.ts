// How a server or worker process ends: SIGTERM or SIGINT stops it gracefully, once, then exits.
import type { Logger } from "./logger.ts";

export function runUntilSignalled(running: { stop(): Promise<void> }, logger: Logger, stoppingMessage: string): void {
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, stoppingMessage);
    await running.stop();
    logger.info("shutdown complete");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}
