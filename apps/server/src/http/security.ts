import type { IncomingMessage, ServerResponse } from "node:http";
import cors from "cors";
import helmet from "helmet";
import { REQUEST_ID_HEADER } from "./request-id.ts";

type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** Runs a connect-style middleware that finishes synchronously (helmet and cors with a synchronous origin check do). */
function run(middleware: Middleware, req: IncomingMessage, res: ServerResponse): void {
  let done = false;
  middleware(req, res, (error) => {
    if (error) throw error;
    done = true;
  });
  // A preflight is answered without calling next().
  if (!done && !res.writableEnded) throw new Error("security middleware did not finish synchronously");
}

// The API serves JSON only, so its own CSP allows nothing; the web app's CSP is set
// where its HTML is served.
const securityHeaders = helmet({
  contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] } },
  xFrameOptions: { action: "deny" },
  crossOriginResourcePolicy: { policy: "same-site" },
  referrerPolicy: { policy: "no-referrer" },
  strictTransportSecurity: { maxAge: 31_536_000, includeSubDomains: true },
}) as Middleware;

/** Applies security headers and the CORS allow-list. Resolves false when the response is done (a preflight). */
export function createSecurity(allowedOrigins: readonly string[]) {
  const allowed = new Set(allowedOrigins);
  const corsPolicy = cors({
    origin: (origin, callback) => callback(null, origin !== undefined && allowed.has(origin)),
    credentials: true,
    exposedHeaders: [REQUEST_ID_HEADER, "idempotent-replayed", "ratelimit-limit", "ratelimit-remaining", "ratelimit-reset", "retry-after"],
    allowedHeaders: ["content-type", "authorization", "trpc-accept", "x-request-id", "idempotency-key"],
    maxAge: 600,
  }) as Middleware;

  return function applySecurity(req: IncomingMessage, res: ServerResponse): boolean {
    run(securityHeaders, req, res);
    run(corsPolicy, req, res);
    return !res.writableEnded;
  };
}
