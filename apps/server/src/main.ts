// `pnpm --filter @glow/server start`: runs the server until SIGTERM or SIGINT.
import { EnvError, loadEnv } from "./env.ts";
import { createLogger } from "./logger.ts";
import { startGlow } from "./runtime.ts";
import { runUntilSignalled } from "./signals.ts";

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
  runUntilSignalled(await startGlow(env, logger), logger, "shutting down: draining requests");
} catch (error) {
  logger.fatal({ err: error }, "glow server failed to start");
  process.exit(1);
}
