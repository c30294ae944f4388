// One way to call a platform's HTTP API: a 15-second timeout, JSON in and out, and every
// failure turned into a PlatformError the publishing job acts on (see types.ts).
import { PlatformError, type PlatformId } from "./types.ts";

const TIMEOUT_MS = 15_000;

export interface PlatformCall {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  url: string | URL;
  accessToken?: string | null;
  headers?: Record<string, string>;
  /** Sent as JSON. */
  json?: unknown;
  /** Sent form-encoded. */
  form?: Record<string, string>;
  /** Sent as is (bytes, multipart). */
  body?: RequestInit["body"];
}

export interface PlatformAnswer<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** What differs between platforms when a call fails. */
export interface ErrorDialect {
  /** The platform's own words for the failure, read from its error body. */
  messageOf(body: unknown): string | undefined;
  /** When to try again, from the platform's headers beyond Retry-After (X: x-rate-limit-reset). */
  retryAfterMs?(headers: Headers, body: unknown): number | null;
  /** A body that says "failed" although the status says otherwise, or a failure of another kind than its status suggests. */
  classify?(status: number, body: unknown): PlatformError["kind"] | "ok" | null;
}

/** Retry-After as seconds or an HTTP date, in milliseconds from now. */
export function retryAfterHeader(headers: Headers, now = Date.now()): number | null {
  const value = headers.get("retry-after");
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

function kindOf(status: number): PlatformError["kind"] | "ok" {
  if (status >= 200 && status < 300) return "ok";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "unavailable";
  if (status === 401) return "unauthorized";
  return "rejected";
}

export async function callPlatform<T = unknown>(
  platform: PlatformId,
  dialect: ErrorDialect,
  call: PlatformCall,
): Promise<PlatformAnswer<T>> {
  const headers: Record<string, string> = { accept: "application/json", ...call.headers };
  if (call.accessToken) headers.authorization = `Bearer ${call.accessToken}`;
  let body = call.body;
  if (call.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(call.json);
  } else if (call.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(call.form).toString();
  }
  let response: Response;
  let text: string;
  try {
    response = await fetch(call.url, { method: call.method ?? "GET", headers, body, signal: AbortSignal.timeout(TIMEOUT_MS) });
    text = await response.text();
  } catch (error) {
    throw new PlatformError(
      platform,
      "unavailable",
      `${platform} did not answer: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // not JSON (an upload answer, a proxy's HTML page): kept as text
  }
  const kind = dialect.classify?.(response.status, parsed) ?? kindOf(response.status);
  if (kind === "ok") return { status: response.status, headers: response.headers, body: parsed as T };
  const message = dialect.messageOf(parsed) ?? `${platform} answered ${response.status}`;
  const retryAfterMs =
    kind === "rate_limited" ? (retryAfterHeader(response.headers) ?? dialect.retryAfterMs?.(response.headers, parsed) ?? null) : null;
  throw new PlatformError(platform, kind, message, response.status, retryAfterMs);
}

/** The bytes behind a signed media URL, for platforms that take uploads rather than URLs. */
export async function downloadMedia(platform: PlatformId, url: string): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(TIMEOUT_MS * 4) });
  } catch (error) {
    throw new PlatformError(
      platform,
      "unavailable",
      `The media file could not be fetched: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!response.ok) {
    // A signed URL that expired or vanished will not come back by retrying the platform; a 5xx might.
    throw new PlatformError(
      platform,
      response.status >= 500 ? "unavailable" : "rejected",
      `The media file answered ${response.status}`,
      response.status,
    );
  }
  return Buffer.from(await response.arrayBuffer());
}

/** A cursor that carries several platform tokens at once (X reads DMs and mentions in one inbox page). */
export const encodeCursor = (value: object): string => Buffer.from(JSON.stringify(value)).toString("base64url");

export function decodeCursor<T extends object>(cursor: string | null, fallback: T): T {
  if (!cursor) return fallback;
  try {
    return { ...fallback, ...(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Partial<T>) };
  } catch {
    return fallback; // an unreadable cursor starts from the beginning; items are deduplicated by id
  }
}

/**
 * A refresh the platform refuses (expired, revoked, spent) will not work later either: the
 * person must connect again, so the refusal becomes `unauthorized` (the account then needs reconnecting).
 */
export async function refusedRefreshMeansReconnect<T>(platform: PlatformId, refresh: () => Promise<T>): Promise<T> {
  try {
    return await refresh();
  } catch (error) {
    if (error instanceof PlatformError && error.kind === "rejected")
      throw new PlatformError(platform, "unauthorized", error.message, error.status);
    throw error;
  }
}
