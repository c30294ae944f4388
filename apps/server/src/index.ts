export { createGlowServer, type GlowServer, type GlowServerOptions } from "./app.ts";
export { EnvError, loadEnv, type ServerEnv } from "./env.ts";
export { createLogger, type Logger } from "./logger.ts";
export { startGlow, type RunningGlow } from "./runtime.ts";
