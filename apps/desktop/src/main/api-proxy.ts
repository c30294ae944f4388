// The renderer's tRPC calls, made by main on its behalf: main checks each request, adds the
// session's bearer token (which the renderer never sees) and sends it to the configured
// server. Only that server's /trpc/ endpoint can be reached this way.
import { API_REQUEST_LIMITS, type ApiRequest, type ApiResponse } from "../shared/bridge.ts";
import type { Fetch } from "./server-fetch.ts";
import type { SettingsStore } from "./settings.ts";
import type { TokenStore } from "./token-store.ts";

export class ApiRequestRefused extends Error {
  constructor(reason: string) {
    super(`Refused API request: ${reason}`);
  }
}

/** What tRPC's HTTP link sends. Authorization, cookies, Origin, Host… are main's to set, or nobody's. */
const RENDERER_HEADERS = new Set(["content-type", "trpc-accept", "x-request-id"]);
const MAX_HEADER_VALUE_LENGTH = 256;
/** Procedures that hand out or end the session token go through the bridge's `auth` instead. */
const SESSION_PROCEDURES = new Set(["auth.login", "auth.register", "auth.logout", "auth.oauth.exchange"]);
/** Response headers the renderer has no use for. */
const HIDDEN_RESPONSE_HEADERS = new Set(["set-cookie", "set-cookie2"]);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The server URL to call, or why not. `serverUrl` is the configured base URL, without a trailing slash. */
function targetUrl(path: unknown, serverUrl: string): URL {
  if (typeof path !== "string") throw new ApiRequestRefused("the path must be a string");
  if (path.length > API_REQUEST_LIMITS.pathLength) throw new ApiRequestRefused("the path is too long");
  if (!path.startsWith("/trpc/")) throw new ApiRequestRefused("only /trpc/ paths can be requested");
  const base = new URL(serverUrl);
  const url = new URL(`${serverUrl}${path}`);
  // Checked again once parsed: dot segments, backslashes and the like must not lead elsewhere.
  const prefix = `${base.pathname.replace(/\/$/, "")}/trpc/`;
  if (url.origin !== base.origin || !url.pathname.startsWith(prefix) || url.username || url.password) {
    throw new ApiRequestRefused("only the configured server's /trpc/ paths can be requested");
  }
  let procedures: string[];
  try {
    procedures = decodeURIComponent(url.pathname.slice(prefix.length)).split(",");
  } catch {
    throw new ApiRequestRefused("the path is not valid");
  }
  const session = procedures.find((procedure) => SESSION_PROCEDURES.has(procedure));
  if (session) throw new ApiRequestRefused(`${session} goes through the bridge's auth functions`);
  return url;
}

function checkedHeaders(headers: unknown): Record<string, string> {
  if (headers === undefined) return {};
  if (!isRecord(headers)) throw new ApiRequestRefused("headers must be an object");
  const checked: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    if (!RENDERER_HEADERS.has(key)) throw new ApiRequestRefused(`the ${key} header cannot be set by the page`);
    if (typeof value !== "string" || value.length > MAX_HEADER_VALUE_LENGTH || /[\r\n\0]/.test(value)) {
      throw new ApiRequestRefused(`the ${key} header's value is not allowed`);
    }
    checked[key] = value;
  }
  return checked;
}

function checkedBody(body: unknown, method: string): string | null {
  if (body === null || body === undefined) return null;
  if (typeof body !== "string") throw new ApiRequestRefused("the body must be a string");
  if (method === "GET") throw new ApiRequestRefused("a GET request has no body");
  if (Buffer.byteLength(body) > API_REQUEST_LIMITS.bodyBytes) throw new ApiRequestRefused("the body is too large");
  return body;
}

export interface CheckedRequest {
  url: URL;
  method: ApiRequest["method"];
  headers: Record<string, string>;
  body: string | null;
}

/** Validates what the renderer sent; throws ApiRequestRefused. */
export function checkApiRequest(input: unknown, serverUrl: string): CheckedRequest {
  if (!isRecord(input)) throw new ApiRequestRefused("not a request");
  const { path, method, headers, body } = input;
  if (method !== "GET" && method !== "POST") throw new ApiRequestRefused(`the ${String(method)} method is not allowed`);
  return { url: targetUrl(path, serverUrl), method, headers: checkedHeaders(headers), body: checkedBody(body, method) };
}

export interface ApiProxy {
  request(input: unknown): Promise<ApiResponse>;
}

export function createApiProxy(deps: { settings: Pick<SettingsStore, "serverUrl">; tokens: TokenStore; fetch: Fetch }): ApiProxy {
  return {
    async request(input) {
      const serverUrl = await deps.settings.serverUrl();
      const request = checkApiRequest(input, serverUrl);
      const session = await deps.tokens.read();
      const headers = new Headers(request.headers);
      // A token goes only to the server that issued it.
      if (session && session.serverUrl === serverUrl) headers.set("authorization", `Bearer ${session.token}`);
      const response = await deps.fetch(request.url, {
        method: request.method,
        headers,
        ...(request.body === null ? {} : { body: request.body }),
      });
      const responseHeaders: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        if (!HIDDEN_RESPONSE_HEADERS.has(name)) responseHeaders[name] = value;
      });
      return { status: response.status, headers: responseHeaders, body: await response.text() };
    },
  };
}
