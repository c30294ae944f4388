// `pnpm --filter @glow/server start`: runs the server until SIGTERM or SIGINT.
import { startGlow } from "./runtime.ts";
import { runProcess } from "./signals.ts";

await runProcess("glow server", "shutting down: draining requests", startGlow);
