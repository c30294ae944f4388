import type { IncomingMessage, ServerResponse } from "node:http";
import type { TLSSocket } from "node:tls";
import type { IncomingRequest } from "@glow/api";

function firstForwarded(value: string | string[] | undefined): string | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  return raw?.split(",")[0]?.trim() || undefined;
}

/** The request as the api's context sees it; forwarded headers count only behind a trusted proxy. */
export function incomingRequest(req: IncomingMessage, res: ServerResponse, requestId: string, trustProxy: boolean): IncomingRequest {
  const socketIp = req.socket.remoteAddress?.replace(/^::ffff:/, "") ?? "unknown";
  const ip = (trustProxy && firstForwarded(req.headers["x-forwarded-for"])) || socketIp;
  const secure = Boolean((req.socket as TLSSocket).encrypted) || (trustProxy && firstForwarded(req.headers["x-forwarded-proto"]) === "https");
  return {
    requestId,
    ip,
    headers: req.headers,
    secure,
    setHeader: (name, value) => {
      if (!res.headersSent) res.setHeader(name, value);
    },
    appendHeader: (name, value) => {
      if (!res.headersSent) res.appendHeader(name, value);
    },
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * CSRF: a state-changing request that says it comes from another site is refused.
 * Browsers send Origin on every cross-site POST; callers without one are not browsers
 * acting on a victim's cookies.
 */
export function isForeignOrigin(req: IncomingMessage, allowedOrigins: ReadonlySet<string>): boolean {
  if (SAFE_METHODS.has(req.method ?? "GET")) return false;
  const origin = req.headers.origin;
  return origin !== undefined && !allowedOrigins.has(origin);
}
