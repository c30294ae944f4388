// The node:http plumbing every social platform fake shares: routing, body reading, the OAuth
// code and token registry (with PKCE and client checks), the failNext queue and the records
// tests assert on. Each fake supplies its routes and its own error bodies on top.
import { createHash, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { FakePlatform, PlatformCredentials } from "./types.ts";

export interface FakeRequest {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  /** The bearer token of the Authorization header, if any. */
  bearer: string | null;
  json<T = Record<string, unknown>>(): T;
  form(): URLSearchParams;
  /** A multipart/form-data body (X's media APPEND). */
  formData(): Promise<FormData>;
}

export interface FakeResponse {
  status: number;
  /** An object is sent as JSON; a Buffer or string as is. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FakeRoute {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string | RegExp;
  /**
   * `api` (default): needs a live bearer token and answers failNext; `oauth`: the token
   * endpoint, neither; `open`: no token but answers failNext (e.g. an upload URL).
   */
  kind?: "api" | "oauth" | "open";
  handle(request: FakeRequest, match: RegExpMatchArray | null): FakeResponse | Promise<FakeResponse>;
}

export interface FakeInboxItem {
  externalId: string;
  kind: "message" | "comment";
  text: string;
  authorName: string;
  authorHandle: string | null;
  parentExternalId: string | null;
  at: Date;
}

export interface FakeConfig {
  clientId: string;
  clientSecret: string;
  pkce: boolean;
  /** The authorize URL's parameter naming the client (TikTok says client_key). */
  clientIdParam?: string;
  /** Where the consent page is, e.g. "/i/oauth2/authorize". */
  authorizePath: string;
  accessTokenTtlSeconds: number;
  /** Whether a refresh hands out a new refresh token and retires the old one (X and TikTok do). */
  rotateRefreshTokens: boolean;
  /** The platform's own error body for a status (failNext's default, and 401 for a dead token). */
  errorBody(status: number, message: string): unknown;
  /** The platform's headers on an error status (e.g. rate-limit headers on 429). */
  errorHeaders?(status: number): Record<string, string>;
  routes(harness: FakeHarness): FakeRoute[];
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string | null;
  scopes: string[];
}

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  scopes: string[];
}

export type TokenOutcome =
  { ok: true; tokens: IssuedTokens } | { ok: false; error: "invalid_grant" | "invalid_client"; description: string };

export const pkceChallenge = (verifier: string): string => createHash("sha256").update(verifier).digest("base64url");

const secret = (prefix: string): string => `${prefix}${randomBytes(18).toString("base64url")}`;

export function sendResponse(res: http.ServerResponse, answer: FakeResponse): void {
  const headers: Record<string, string> = { ...answer.headers };
  let payload: Buffer | string | undefined;
  if (answer.body === undefined) payload = undefined;
  else if (Buffer.isBuffer(answer.body) || typeof answer.body === "string") payload = answer.body;
  else {
    payload = JSON.stringify(answer.body);
    headers["content-type"] ??= "application/json; charset=utf-8";
  }
  res.writeHead(answer.status, headers);
  res.end(payload);
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export class FakeHarness {
  readonly published: FakePlatform["published"] = [];
  readonly replies: FakePlatform["replies"] = [];
  readonly inbox: FakeInboxItem[] = [];
  /** Files uploaded to the fake (X media, LinkedIn images), by the id the platform gave them. */
  readonly uploads = new Map<string, { contentType: string; bytes: Buffer }>();
  url = "";

  readonly #codes = new Map<string, PendingCode>();
  readonly #accessTokens = new Map<string, { expiresAt: number; clientId: string }>();
  readonly #refreshTokens = new Map<string, { clientId: string; scopes: string[] }>();
  readonly #failures: Array<{ status: number; body?: unknown; headers?: Record<string, string>; path?: string }> = [];
  #publishDelayMs = 0;
  #sequence = BigInt(Date.now()) * 1000n;

  readonly config: FakeConfig;

  constructor(config: FakeConfig) {
    this.config = config;
  }

  /** A fresh id in the style of a snowflake: numeric, increasing. */
  nextId(): string {
    this.#sequence += 1n;
    return this.#sequence.toString();
  }

  failNext(count: number, failure: { status: number; body?: unknown; headers?: Record<string, string> }): void {
    for (let i = 0; i < count; i++) this.#failures.push(failure);
  }

  /** Like failNext, for calls to one path only (a failure in the middle of a multi-step publish). */
  failNextOn(path: string, count: number, failure: { status: number; body?: unknown; headers?: Record<string, string> }): void {
    for (let i = 0; i < count; i++) this.#failures.push({ ...failure, path });
  }

  delayNextPublish(ms: number): void {
    this.#publishDelayMs = ms;
  }

  /** Waits out a pending delayNextPublish, then records the post. */
  async recordPublish(post: { text: string; mediaUrls: string[]; idempotencyKey: string | null; externalId?: string }): Promise<string> {
    const delay = this.#publishDelayMs;
    this.#publishDelayMs = 0;
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    const externalId = post.externalId ?? this.nextId();
    this.published.push({ externalId, text: post.text, mediaUrls: post.mediaUrls, idempotencyKey: post.idempotencyKey, at: new Date() });
    return externalId;
  }

  addInboxItem(
    item: { kind: "message" | "comment"; text: string; authorName: string; authorHandle?: string; parentExternalId?: string },
    externalId = this.nextId(),
  ): string {
    this.inbox.push({
      externalId,
      kind: item.kind,
      text: item.text,
      authorName: item.authorName,
      authorHandle: item.authorHandle ?? null,
      parentExternalId: item.parentExternalId ?? null,
      at: new Date(),
    });
    return externalId;
  }

  expireAccessTokens(): void {
    for (const grant of this.#accessTokens.values()) grant.expiresAt = 0;
  }

  revokeRefreshTokens(): void {
    this.#refreshTokens.clear();
  }

  /** Whether the bearer token is one this fake issued and still live. */
  tokenIsLive(accessToken: string | null): boolean {
    const grant = accessToken ? this.#accessTokens.get(accessToken) : undefined;
    return grant !== undefined && grant.expiresAt > Date.now();
  }

  /** What the consent page does: checks the request and makes a single-use code, or says what is wrong. */
  authorize(url: URL): { ok: true; code: string; state: string; redirectUri: string } | { ok: false; message: string } {
    const params = url.searchParams;
    const clientId = params.get(this.config.clientIdParam ?? "client_id");
    if (params.get("response_type") !== "code") return { ok: false, message: "response_type must be code" };
    if (clientId !== this.config.clientId) return { ok: false, message: "unknown client" };
    const redirectUri = params.get("redirect_uri");
    const state = params.get("state");
    if (!redirectUri || !state) return { ok: false, message: "redirect_uri and state are required" };
    const challenge = params.get("code_challenge");
    if (this.config.pkce && (!challenge || params.get("code_challenge_method") !== "S256")) {
      return { ok: false, message: "code_challenge with code_challenge_method=S256 is required" };
    }
    const code = secret("code_");
    const scopes = (params.get("scope") ?? "").split(/[ ,]+/).filter(Boolean);
    this.#codes.set(code, { clientId, redirectUri, codeChallenge: this.config.pkce ? challenge : null, scopes });
    return { ok: true, code, state, redirectUri };
  }

  /** The token endpoint's code grant: client, redirect URI and PKCE verifier checked, the code spent. */
  redeemCode(input: {
    code: string;
    clientId: string;
    clientSecret: string;
    redirectUri: string;
    codeVerifier?: string | null;
  }): TokenOutcome {
    if (input.clientId !== this.config.clientId || input.clientSecret !== this.config.clientSecret) {
      return { ok: false, error: "invalid_client", description: "Client authentication failed" };
    }
    const pending = this.#codes.get(input.code);
    this.#codes.delete(input.code);
    if (!pending || pending.clientId !== input.clientId)
      return { ok: false, error: "invalid_grant", description: "Invalid or used authorization code" };
    if (pending.redirectUri !== input.redirectUri) return { ok: false, error: "invalid_grant", description: "redirect_uri does not match" };
    if (pending.codeChallenge && pkceChallenge(input.codeVerifier ?? "") !== pending.codeChallenge) {
      return { ok: false, error: "invalid_grant", description: "code_verifier does not match code_challenge" };
    }
    return { ok: true, tokens: this.#issue(input.clientId, pending.scopes) };
  }

  /** The token endpoint's refresh grant. */
  refresh(input: { refreshToken: string; clientId: string; clientSecret: string }): TokenOutcome {
    if (input.clientId !== this.config.clientId || input.clientSecret !== this.config.clientSecret) {
      return { ok: false, error: "invalid_client", description: "Client authentication failed" };
    }
    const grant = this.#refreshTokens.get(input.refreshToken);
    if (!grant || grant.clientId !== input.clientId) return { ok: false, error: "invalid_grant", description: "Invalid refresh token" };
    const tokens = this.#issue(input.clientId, grant.scopes, this.config.rotateRefreshTokens ? null : input.refreshToken);
    if (this.config.rotateRefreshTokens) this.#refreshTokens.delete(input.refreshToken);
    return { ok: true, tokens };
  }

  #issue(clientId: string, scopes: string[], keepRefreshToken: string | null = null): IssuedTokens {
    const accessToken = secret("at_");
    const expiresIn = this.config.accessTokenTtlSeconds;
    this.#accessTokens.set(accessToken, { expiresAt: Date.now() + expiresIn * 1000, clientId });
    const refreshToken = keepRefreshToken ?? secret("rt_");
    this.#refreshTokens.set(refreshToken, { clientId, scopes });
    return { accessToken, refreshToken, expiresIn, scopes };
  }

  /** The platform's error answer for a status. */
  errorResponse(status: number, message: string): FakeResponse {
    return { status, body: this.config.errorBody(status, message), headers: this.config.errorHeaders?.(status) ?? {} };
  }

  takeFailure(path: string): FakeResponse | null {
    const index = this.#failures.findIndex((failure) => failure.path === undefined || failure.path === path);
    if (index < 0) return null;
    const [failure] = this.#failures.splice(index, 1);
    if (!failure) return null;
    const own = this.errorResponse(failure.status, http.STATUS_CODES[failure.status] ?? "Error");
    return { status: failure.status, body: failure.body ?? own.body, headers: { ...own.headers, ...failure.headers } };
  }
}

/** Newest first, `size` at a time; the token is the offset, opaque to the client. */
export function paginate<T>(items: readonly T[], size: number, token: string | null): { page: T[]; next: string | null } {
  const offset = token ? Number(Buffer.from(token, "base64url").toString()) || 0 : 0;
  const newestFirst = [...items].reverse();
  const page = newestFirst.slice(offset, offset + size);
  const next = offset + size < newestFirst.length ? Buffer.from(String(offset + size)).toString("base64url") : null;
  return { page, next };
}

function parseRequest(req: http.IncomingMessage, body: Buffer, base: string): FakeRequest {
  const authorization = req.headers.authorization ?? "";
  return {
    method: req.method ?? "GET",
    url: new URL(req.url ?? "/", base),
    headers: req.headers,
    body,
    bearer: authorization.startsWith("Bearer ") ? authorization.slice(7) : null,
    json<T>() {
      return (body.length ? JSON.parse(body.toString("utf8")) : {}) as T;
    },
    form() {
      return new URLSearchParams(body.toString("utf8"));
    },
    formData() {
      return new Response(new Uint8Array(body), { headers: { "content-type": req.headers["content-type"] ?? "" } }).formData();
    },
  };
}

function matchRoute(route: FakeRoute, request: FakeRequest): RegExpMatchArray | null | false {
  if (route.method !== request.method) return false;
  if (typeof route.path === "string") return route.path === request.url.pathname ? null : false;
  return request.url.pathname.match(route.path) ?? false;
}

/** Starts a fake on 127.0.0.1 at a random port with the config's routes and the shared consent page. */
export async function startFake(
  config: FakeConfig,
  credentials: (url: string) => PlatformCredentials,
): Promise<FakePlatform & { harness: FakeHarness }> {
  const harness = new FakeHarness(config);
  const routes = config.routes(harness);
  const server = http.createServer((req, res) => {
    void (async () => {
      const request = parseRequest(req, await readBody(req), harness.url);
      if (request.method === "GET" && request.url.pathname === config.authorizePath) {
        const verdict = harness.authorize(request.url);
        if (!verdict.ok) return sendResponse(res, { status: 400, body: { error: "invalid_request", error_description: verdict.message } });
        const location = new URL(verdict.redirectUri);
        location.searchParams.set("code", verdict.code);
        location.searchParams.set("state", verdict.state);
        return sendResponse(res, { status: 302, headers: { location: location.toString() } });
      }
      for (const route of routes) {
        const match = matchRoute(route, request);
        if (match === false) continue;
        const kind = route.kind ?? "api";
        if (kind !== "oauth") {
          const failure = harness.takeFailure(request.url.pathname);
          if (failure) return sendResponse(res, failure);
        }
        if (kind === "api" && !harness.tokenIsLive(request.bearer)) {
          return sendResponse(res, harness.errorResponse(401, "Unauthorized"));
        }
        return sendResponse(res, await route.handle(request, match));
      }
      sendResponse(res, harness.errorResponse(404, `No route for ${request.method} ${request.url.pathname}`));
    })().catch((error: unknown) => {
      sendResponse(res, { status: 500, body: { error: "fake_failed", message: String(error) } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  harness.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    harness,
    url: harness.url,
    credentials: credentials(harness.url),
    published: harness.published,
    replies: harness.replies,
    failNext: (count, failure) => harness.failNext(count, failure),
    delayNextPublish: (ms) => harness.delayNextPublish(ms),
    addInboxItem: (item) => harness.addInboxItem(item),
    expireAccessTokens: () => harness.expireAccessTokens(),
    revokeRefreshTokens: () => harness.revokeRefreshTokens(),
    async approve(authorizeUrl) {
      const answer = await fetch(authorizeUrl, { redirect: "manual" });
      const location = answer.headers.get("location");
      if (answer.status !== 302 || !location) throw new Error(`The consent page refused: ${answer.status} ${await answer.text()}`);
      const redirect = new URL(location);
      return { code: redirect.searchParams.get("code") ?? "", state: redirect.searchParams.get("state") ?? "" };
    },
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** A tiny local server that serves files at /<name>, standing in for signed storage URLs. */
export async function serveMedia(
  files: Record<string, { contentType: string; bytes: Buffer }>,
): Promise<{ url: (name: string) => string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const file = files[(req.url ?? "/").slice(1).split("?")[0]!];
    if (!file) return sendResponse(res, { status: 404, body: "not found" });
    sendResponse(res, {
      status: 200,
      body: file.bytes,
      headers: { "content-type": file.contentType, "content-length": String(file.bytes.length) },
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (name) => `${base}/${name}`,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
