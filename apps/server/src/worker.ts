// `pnpm --filter @glow/server worker`: runs jobs only (no HTTP) until SIGTERM or SIGINT.
import { startWorker } from "./runtime.ts";
import { runProcess } from "./signals.ts";

await runProcess("glow worker", "shutting down: letting running jobs finish", (env, logger) => startWorker(env, logger));
