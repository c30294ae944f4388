// TikTok's, Google's and GitHub's OAuth servers, faked for tests at the HTTP boundary with
// MSW: the parts of their contracts Glow uses (token exchange with PKCE checks, user info)
// answer this process's fetch() calls to their hosts, so the real Arctic clients and our
// profile code run unchanged. Requests to any other non-local host fail: no test reaches
// the internet.
import { createHash, randomUUID } from "node:crypto";
import { http, HttpResponse } from "msw";
import { setupServer, type SetupServer } from "msw/node";

export interface FakeIdentity {
  id: string;
  name: string;
  email?: string | null;
  emailVerified?: boolean;
}

type ProviderId = "github" | "google" | "tiktok";

interface PendingCode {
  provider: ProviderId;
  identity: FakeIdentity;
  codeChallenge: string | null;
  clientId: string;
}

const LOCAL_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]"]);

function base64url(buffer: Buffer): string {
  return buffer.toString("base64url");
}

function unsignedJwt(claims: object): string {
  const part = (value: object) => base64url(Buffer.from(JSON.stringify(value)));
  return `${part({ alg: "none", typ: "JWT" })}.${part(claims)}.`;
}

function providerOf(host: string): ProviderId {
  return host.includes("tiktok") ? "tiktok" : host.includes("google") ? "google" : "github";
}

export class FakeOAuthProvider {
  readonly #codes = new Map<string, PendingCode>();
  readonly #tokens = new Map<string, PendingCode>();
  readonly #network: SetupServer;
  /** Token requests seen, for assertions. */
  readonly tokenRequests: Array<{ provider: ProviderId; params: Record<string, string> }> = [];

  constructor() {
    const token = (request: Request) => this.#token(request);
    this.#network = setupServer(
      http.post("https://github.com/login/oauth/access_token", ({ request }) => token(request)),
      http.post("https://oauth2.googleapis.com/token", ({ request }) => token(request)),
      http.post("https://open.tiktokapis.com/v2/oauth/token/", ({ request }) => token(request)),
      http.get("https://api.github.com/user", ({ request }) =>
        this.#withGrant(request, ({ identity }) =>
          HttpResponse.json({ id: Number(identity.id), login: identity.name.toLowerCase(), name: identity.name }),
        ),
      ),
      http.get("https://api.github.com/user/emails", ({ request }) =>
        this.#withGrant(request, ({ identity }) =>
          HttpResponse.json(identity.email ? [{ email: identity.email, primary: true, verified: identity.emailVerified ?? true }] : []),
        ),
      ),
      http.get("https://open.tiktokapis.com/v2/user/info/", ({ request }) =>
        this.#withGrant(request, ({ identity }) =>
          HttpResponse.json({ data: { user: { open_id: identity.id, display_name: identity.name } }, error: { code: "ok" } }),
        ),
      ),
    );
  }

  /** From now on this process's requests to the providers reach the fake; Glow's own local server is reached as usual. */
  async start(): Promise<void> {
    this.#network.listen({
      onUnhandledFrame: ({ frame, defaults }) => {
        const request = frame.protocol === "http" ? (frame.data as { request: Request }).request : null;
        if (request && LOCAL_HOSTS.has(new URL(request.url).hostname)) return;
        defaults.error();
      },
    });
  }

  async stop(): Promise<void> {
    this.#network.close();
  }

  /**
   * What the provider's consent screen does when the person approves: given the
   * authorization URL Glow built, returns the `code` and `state` the provider would send
   * back to the redirect URI.
   */
  approve(authorizationUrl: string, identity: FakeIdentity): { code: string; state: string; redirectUri: string } {
    const url = new URL(authorizationUrl);
    const code = randomUUID();
    this.#codes.set(code, {
      provider: providerOf(url.hostname),
      identity,
      codeChallenge: url.searchParams.get("code_challenge"),
      clientId: url.searchParams.get("client_id") ?? url.searchParams.get("client_key") ?? "",
    });
    return { code, state: url.searchParams.get("state") ?? "", redirectUri: url.searchParams.get("redirect_uri") ?? "" };
  }

  /** A user-info endpoint: answers for the grant behind the request's bearer token, 401 without one. */
  #withGrant(request: Request, answer: (grant: PendingCode) => Response): Response {
    const grant = this.#tokens.get((request.headers.get("authorization") ?? "").replace(/^Bearer /, ""));
    return grant ? answer(grant) : HttpResponse.json({ message: "Bad credentials" }, { status: 401 });
  }

  async #token(request: Request): Promise<Response> {
    const params = Object.fromEntries(new URLSearchParams(await request.text()));
    const provider = providerOf(new URL(request.url).hostname);
    this.tokenRequests.push({ provider, params });
    // GitHub and Google take client credentials by HTTP Basic auth; TikTok in the body.
    const authorization = request.headers.get("authorization") ?? "";
    const basic = authorization.startsWith("Basic ") ? Buffer.from(authorization.slice(6), "base64").toString().split(":")[0] : undefined;
    const clientId = params.client_key ?? params.client_id ?? basic;

    const pending = this.#codes.get(params.code ?? "");
    this.#codes.delete(params.code ?? ""); // codes are single-use
    if (!pending || pending.provider !== provider || pending.clientId !== clientId) {
      return HttpResponse.json({ error: "invalid_grant", error_description: "Unknown or used code" }, { status: 400 });
    }
    if (pending.codeChallenge) {
      const expected = base64url(
        createHash("sha256")
          .update(params.code_verifier ?? "")
          .digest(),
      );
      if (expected !== pending.codeChallenge)
        return HttpResponse.json({ error: "invalid_grant", error_description: "PKCE verification failed" }, { status: 400 });
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
    return HttpResponse.json(body);
  }
}
