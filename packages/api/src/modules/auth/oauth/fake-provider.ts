// A local stand-in for TikTok's, Google's and GitHub's OAuth servers, for tests. It speaks
// the parts of their HTTP contracts Glow uses (token exchange with PKCE checks, user
// info), and `routeProvidersTo()` sends requests for their hosts to it, so the real
// Arctic clients and our profile code run unchanged.
import { createHash, randomUUID } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Agent, Dispatcher, getGlobalDispatcher, setGlobalDispatcher } from "undici";

export interface FakeIdentity {
  id: string;
  name: string;
  email?: string | null;
  emailVerified?: boolean;
}

interface PendingCode {
  provider: string;
  identity: FakeIdentity;
  codeChallenge: string | null;
  clientId: string;
}

const PROVIDER_HOSTS = ["github.com", "api.github.com", "oauth2.googleapis.com", "open.tiktokapis.com"];

/** Dispatcher headers come as an object, [name, value] pairs, or a flat [name, value, …] list. */
function headerEntries(headers: unknown): Array<[string, string]> {
  if (!headers) return [];
  if (!Array.isArray(headers)) return Object.entries(headers as Record<string, string>);
  if (Array.isArray(headers[0])) return headers as Array<[string, string]>;
  const entries: Array<[string, string]> = [];
  for (let i = 0; i < headers.length; i += 2) entries.push([String(headers[i]), String(headers[i + 1])]);
  return entries;
}

function base64url(buffer: Buffer): string {
  return buffer.toString("base64").replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function unsignedJwt(claims: object): string {
  const part = (value: object) => base64url(Buffer.from(JSON.stringify(value)));
  return `${part({ alg: "none", typ: "JWT" })}.${part(claims)}.`;
}

async function readForm(req: http.IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

export class FakeOAuthProvider {
  readonly #codes = new Map<string, PendingCode>();
  readonly #tokens = new Map<string, PendingCode>();
  #server: http.Server | null = null;
  #previousDispatcher: Dispatcher | null = null;
  /** Token requests seen, for assertions. */
  readonly tokenRequests: Array<{ provider: string; params: Record<string, string> }> = [];
  url = "";

  async start(): Promise<void> {
    this.#server = http.createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => json(res, 500, { error: String(error) }));
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** Sends this process's fetch() calls for the providers' hosts to the fake. */
  routeProvidersTo(): void {
    const target = new URL(this.url);
    const previous = getGlobalDispatcher();
    this.#previousDispatcher = previous;
    const toFake = new Agent();
    // A plain Dispatcher rather than Agent.compose(): a composed dispatcher hands Node's
    // built-in fetch a response's several Set-Cookie headers joined into one.
    class ProviderRouting extends Dispatcher {
      override dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
        const origin = new URL(String(options.origin));
        if (!PROVIDER_HOSTS.includes(origin.hostname)) return previous.dispatch(options, handler);
        // The original host travels in a header, so one fake serves all providers.
        // Node's built-in fetch hands the body over in a form this (newer, npm) undici client
        // cannot measure, so its content-length is dropped and the client frames the body.
        const headers = Object.fromEntries(headerEntries(options.headers).filter(([name]) => name.toLowerCase() !== "content-length"));
        headers["x-fake-host"] = origin.hostname;
        return toFake.dispatch({ ...options, origin: target.origin, headers }, handler);
      }
    }
    setGlobalDispatcher(new ProviderRouting());
  }

  async stop(): Promise<void> {
    if (this.#previousDispatcher) setGlobalDispatcher(this.#previousDispatcher);
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }

  /**
   * What the provider's consent screen does when the person approves: given the
   * authorization URL Glow built, returns the `code` and `state` the provider would send
   * back to the redirect URI.
   */
  approve(authorizationUrl: string, identity: FakeIdentity): { code: string; state: string; redirectUri: string } {
    const url = new URL(authorizationUrl);
    const provider = url.hostname.includes("tiktok") ? "tiktok" : url.hostname.includes("google") ? "google" : "github";
    const code = randomUUID();
    this.#codes.set(code, {
      provider,
      identity,
      codeChallenge: url.searchParams.get("code_challenge"),
      clientId: url.searchParams.get("client_id") ?? url.searchParams.get("client_key") ?? "",
    });
    return { code, state: url.searchParams.get("state") ?? "", redirectUri: url.searchParams.get("redirect_uri") ?? "" };
  }

  async #handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const host = String(req.headers["x-fake-host"] ?? "");
    const path = new URL(req.url ?? "/", "http://fake").pathname;

    if (req.method === "POST" && ["github.com/login/oauth/access_token", "oauth2.googleapis.com/token", "open.tiktokapis.com/v2/oauth/token/"].includes(host + path)) {
      return this.#token(req, res, host);
    }
    const accessToken = (req.headers.authorization ?? "").replace(/^Bearer /, "");
    const grant = this.#tokens.get(accessToken);
    if (!grant) return json(res, 401, { message: "Bad credentials" });
    const { identity } = grant;
    if (host === "api.github.com" && path === "/user") return json(res, 200, { id: Number(identity.id), login: identity.name.toLowerCase(), name: identity.name });
    if (host === "api.github.com" && path === "/user/emails") {
      return json(res, 200, identity.email ? [{ email: identity.email, primary: true, verified: identity.emailVerified ?? true }] : []);
    }
    if (host === "open.tiktokapis.com" && path === "/v2/user/info/") {
      return json(res, 200, { data: { user: { open_id: identity.id, display_name: identity.name } }, error: { code: "ok" } });
    }
    json(res, 404, { error: `fake has no ${host}${path}` });
  }

  async #token(req: http.IncomingMessage, res: http.ServerResponse, host: string): Promise<void> {
    const form = await readForm(req);
    const params = Object.fromEntries(form);
    const provider = host.includes("tiktok") ? "tiktok" : host.includes("google") ? "google" : "github";
    this.tokenRequests.push({ provider, params });
    // GitHub and Google take client credentials by HTTP Basic auth; TikTok in the body.
    const basic = (req.headers.authorization ?? "").startsWith("Basic ")
      ? Buffer.from(req.headers.authorization!.slice(6), "base64").toString().split(":")[0]
      : undefined;
    const clientId = params.client_key ?? params.client_id ?? basic;

    const pending = this.#codes.get(params.code ?? "");
    this.#codes.delete(params.code ?? ""); // codes are single-use
    if (!pending || pending.provider !== provider || pending.clientId !== clientId) {
      return json(res, 400, { error: "invalid_grant", error_description: "Unknown or used code" });
    }
    if (pending.codeChallenge) {
      const expected = base64url(createHash("sha256").update(params.code_verifier ?? "").digest());
      if (expected !== pending.codeChallenge) return json(res, 400, { error: "invalid_grant", error_description: "PKCE verification failed" });
    }
    const accessToken = randomUUID();
    this.#tokens.set(accessToken, pending);
    const identity = pending.identity;
    const body: Record<string, unknown> = { access_token: accessToken, token_type: "Bearer", expires_in: 3600 };
    if (provider === "google") {
      body.id_token = unsignedJwt({
        iss: "https://accounts.google.com",
        sub: identity.id,
        name: identity.name,
        email: identity.email ?? undefined,
        email_verified: identity.emailVerified ?? true,
      });
    }
    if (provider === "tiktok") body.open_id = identity.id;
    json(res, 200, body);
  }
}
