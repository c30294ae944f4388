// GET /metrics for Prometheus (decision 028): off unless METRICS_TOKEN is set, and then only
// for a scraper that sends it as a bearer token (compared in constant time). Behind a load
// balancer, keep /metrics off the public route as well.
import { timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { GlowMetrics } from "@glow/api";

export const METRICS_PATH = "/metrics";

function bearerMatches(header: string | undefined, token: string): boolean {
  if (!header?.startsWith("Bearer ")) return false;
  const given = Buffer.from(header.slice("Bearer ".length));
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Serves the scrape; false when metrics are off (the caller answers 404). */
export async function serveMetrics(
  req: IncomingMessage,
  res: ServerResponse,
  metrics: GlowMetrics,
  token: string | null,
): Promise<boolean> {
  if (!token) return false;
  if (!bearerMatches(req.headers.authorization, token)) {
    res.writeHead(401, {
      "content-type": "text/plain; charset=utf-8",
      "www-authenticate": 'Bearer realm="metrics"',
      "cache-control": "no-store",
    });
    res.end("A metrics token is needed\n");
    return true;
  }
  const { contentType, body } = await metrics.scrape();
  res.writeHead(200, { "content-type": contentType, "cache-control": "no-store" });
  res.end(body);
  return true;
}
