// `pnpm --filter @glow/server worker`: runs jobs only (no HTTP) until SIGTERM or SIGINT.
import { EnvError, loadEnv } from "./env.ts";
import { createLogger } from "./logger.ts";
import { startWorker } from "./runtime.ts";
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
  runUntilSignalled(await startWorker(env, logger), logger, "shutting down: letting running jobs finish");
} catch (error) {
  logger.fatal({ err: error }, "glow worker failed to start");
  process.exit(1);
}
