import { randomUUID } from "node:crypto";
import type { IncomingMessage } from "node:http";

export const REQUEST_ID_HEADER = "x-request-id";
const SAFE_ID = /^[A-Za-z0-9_.:-]{8,128}$/;

/** A caller's own id is kept (it ties their logs to ours) if it is a plain token; else a new one. */
export function requestIdFor(req: IncomingMessage): string {
  const given = req.headers[REQUEST_ID_HEADER];
  return typeof given === "string" && SAFE_ID.test(given) ? given : randomUUID();
}
