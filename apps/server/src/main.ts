// `pnpm --filter @glow/server start`: runs the server until SIGTERM or SIGINT.
import { EnvError, loadEnv } from "./env.ts";
import { createLogger } from "./logger.ts";
import { startGlow } from "./runtime.ts";

let env;
try {
  env = loadEnv();
} catch (error) {
  if (!(error instanceof EnvError)) throw error;
  console.error(error.message);
  process.exit(1);
}
const logger = createLogger(env.LOG_LEVEL);

try {
  const glow = await startGlow(env, logger);
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down: draining requests");
    await glow.stop();
    logger.info("shutdown complete");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
} catch (error) {
  logger.fatal({ err: error }, "glow server failed to start");
  process.exit(1);
}
