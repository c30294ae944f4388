// OAuth sign-in end to end: Glow's real server and Arctic clients against a local fake of
// TikTok, Google and GitHub (no test reaches the internet). The test plays the browser.
import { createHash } from "node:crypto";
import { FakeOAuthProvider, type FakeIdentity } from "@glow/api/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerUser } from "./security/fixtures.ts";
import { callTrpc, sessionCookieFrom, startTestServer, type TestServer } from "./testing.ts";

const WEB_URL = "http://localhost:5173";
let fake: FakeOAuthProvider;
let server: TestServer;

beforeAll(async () => {
  fake = new FakeOAuthProvider();
  await fake.start();
  server = await startTestServer({
    webUrl: WEB_URL,
    oauth: {
      github: { clientId: "gh-client", clientSecret: "gh-secret" },
      google: { clientId: "google-client", clientSecret: "google-secret" },
      tiktok: { clientId: "tiktok-key", clientSecret: "tiktok-secret" },
    },
  });
});
afterAll(async () => {
  await server?.close();
  await fake?.stop();
});

/** A browser's cookie jar, as much as these flows need: one value per name, sent where its Path covers. */
class Browser {
  readonly #cookies = new Map<string, { value: string; path: string }>();

  keep(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
      const [name = "", ...value] = pair.split("=");
      const path = attributes.find((a) => a.toLowerCase().startsWith("path="))?.slice(5) ?? "/";
      if (attributes.some((a) => a.toLowerCase() === "max-age=0")) this.#cookies.delete(name);
      else this.#cookies.set(name, { value: value.join("="), path });
    }
  }

  cookieFor(path: string): string {
    return [...this.#cookies]
      .filter(([, c]) => path.startsWith(c.path))
      .map(([name, c]) => `${name}=${c.value}`)
      .join("; ");
  }

  has(name: string): boolean {
    return this.#cookies.has(name);
  }

  /** A GET of a callback URL, as the provider's redirect makes the browser do. */
  async open(url: string): Promise<{ response: Response; location: URL }> {
    const response = await fetch(url, { redirect: "manual", headers: { cookie: this.cookieFor(new URL(url).pathname) } });
    this.keep(response.headers);
    return { response, location: new URL(response.headers.get("location") ?? "http://none") };
  }

  async call(path: string, options: Parameters<typeof callTrpc>[2] = {}) {
    const response = await callTrpc(server.url, path, { ...options, cookie: this.cookieFor(`/trpc/${path}`) });
    this.keep(response.headers);
    return response;
  }
}

/** A browser signed in with a password. */
async function signedInBrowser(email: string): Promise<Browser> {
  const browser = new Browser();
  const login = await browser.call("auth.login", { type: "mutation", input: { email, password: "sunflower-violin-42" } });
  expect(login.status).toBe(200);
  return browser;
}

let nextId = 1000;
function identity(overrides: Partial<FakeIdentity> = {}): FakeIdentity {
  nextId += 1;
  return { id: String(nextId), name: `Person ${nextId}`, email: `person${nextId}@example.test`, ...overrides };
}

/** In one browser: starts sign-in in Glow, approves it at the fake provider, and follows the callback. */
async function signInWith(provider: string, who: FakeIdentity, options: { browser?: Browser; link?: boolean } = {}) {
  const browser = options.browser ?? new Browser();
  const { authorizationUrl, callbackUrl, code, state, redirectUri } = await startAndApprove(browser, provider, who, options.link ?? false);
  const { response: callback, location } = await browser.open(callbackUrl);
  return { authorizationUrl, callback, location, code, state, redirectUri, browser };
}

/** Starts a flow in `browser` and approves it at the provider, without following the callback. */
async function startAndApprove(browser: Browser, provider: string, who: FakeIdentity, link = false) {
  const start = await browser.call("auth.oauth.start", { type: "mutation", input: { provider, link } });
  expect(start.status, JSON.stringify(start.error)).toBe(200);
  const authorizationUrl = (start.data as { url: string }).url;
  const { code, state, redirectUri } = fake.approve(authorizationUrl, who);
  return {
    start,
    authorizationUrl,
    code,
    state,
    redirectUri,
    callbackUrl: `${redirectUri}?code=${code}&state=${encodeURIComponent(state)}`,
  };
}

async function account(browser: Browser) {
  return (await browser.call("auth.me")).data as { id: string; email: string | null; name: string; linkedProviders: string[] } | null;
}

describe("OAuth sign-in", () => {
  it("lists the configured providers", async () => {
    const providers = await callTrpc(server.url, "auth.oauth.providers");
    expect((providers.data as Array<{ id: string }>).map((p) => p.id)).toEqual(["tiktok", "google", "github"]);
  });

  it("signs a new GitHub user up, and signs them in again later as the same account", async () => {
    const who = identity();
    const first = await signInWith("github", who);
    expect(first.authorizationUrl).toMatch(/^https:\/\/github\.com\/login\/oauth\/authorize\?/);
    expect(first.redirectUri).toBe(`${server.url}/auth/oauth/github/callback`);
    expect(first.callback.status).toBe(302);
    expect(first.location.toString()).toBe(`${WEB_URL}/`);
    expect(sessionCookieFrom(first.callback.headers)).not.toBeNull();
    const me = await account(first.browser);
    expect(me).toMatchObject({ email: who.email, name: who.name, linkedProviders: ["github"] });

    const again = await signInWith("github", who);
    expect((await account(again.browser))?.id).toBe(me!.id);
    expect(await server.database.db.user.count({ where: { email: who.email } })).toBe(1);
  });

  it("uses PKCE with Google: the verifier sent at the token exchange matches the challenge", async () => {
    const who = identity();
    const result = await signInWith("google", who);
    expect(new URL(result.authorizationUrl).searchParams.get("code_challenge_method")).toBe("S256");
    expect(result.location.pathname).toBe("/");
    const exchange = fake.tokenRequests.findLast((r) => r.provider === "google")!;
    expect(exchange.params.code_verifier).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect((await account(result.browser))?.email).toBe(who.email);
  });

  it("signs in with TikTok (PKCE, no email shared)", async () => {
    const who = identity({ email: null });
    const result = await signInWith("tiktok", who);
    expect(new URL(result.authorizationUrl).searchParams.get("client_key")).toBe("tiktok-key");
    const me = await account(result.browser);
    expect(me).toMatchObject({ email: null, name: who.name, linkedProviders: ["tiktok"] });
  });

  it("refuses a state used twice, an unknown state, and a state from another provider", async () => {
    const who = identity();
    const used = await signInWith("github", who);
    const replay = await used.browser.open(`${used.redirectUri}?code=${used.code}&state=${encodeURIComponent(used.state)}`);
    expect(replay.location.pathname).toBe("/sign-in");
    expect(replay.location.searchParams.get("error")).toBe("oauth_expired");
    expect(sessionCookieFrom(replay.response.headers)).toBeNull();

    const forged = await new Browser().open(`${server.url}/auth/oauth/github/callback?code=abc&state=made-up`);
    expect(forged.location.searchParams.get("error")).toBe("oauth_expired");

    const browser = new Browser();
    const { code, state } = await startAndApprove(browser, "github", identity());
    const crossed = await browser.open(`${server.url}/auth/oauth/google/callback?code=${code}&state=${state}`);
    expect(crossed.location.pathname).toBe("/sign-in");
    expect(crossed.location.searchParams.get("error")).toBe("oauth_expired");
  });

  it("sends a cancelled sign-in back to the sign-in page with an error code only, whatever the provider wrote", async () => {
    const provided = new URLSearchParams({
      error: "access_denied",
      error_description: "Your account is suspended: call +1 555 0100",
      state: "x",
    });
    const { location } = await new Browser().open(`${server.url}/auth/oauth/github/callback?${provided}`);
    expect(location.pathname).toBe("/sign-in");
    expect([...location.searchParams]).toEqual([["error", "oauth_cancelled"]]);
  });

  it("never attaches a provider identity to an existing account by email", async () => {
    const existing = await registerUser(server.url, "owner");
    const impostor = identity({ email: existing.email });
    const result = await signInWith("google", impostor);
    expect(result.location.pathname).toBe("/sign-in");
    expect(result.location.searchParams.get("error")).toBe("account_exists");
    expect(sessionCookieFrom(result.callback.headers)).toBeNull();
    expect(await server.database.db.oAuthAccount.count({ where: { userId: existing.id } })).toBe(0);
  });

  it("links a provider to the signed-in account, and refuses one linked elsewhere", async () => {
    const owner = await registerUser(server.url, "linker");
    const browser = await signedInBrowser(owner.email);
    const who = identity();
    const linked = await signInWith("github", who, { browser, link: true });
    expect(linked.location.pathname).toBe("/settings");
    expect(linked.location.searchParams.get("linked")).toBe("github");
    expect((await account(browser))?.linkedProviders).toEqual(["github"]);
    const audit = await server.database.db.auditEvent.findFirst({ where: { action: "auth.oauth.linked", subjectUserId: owner.id } });
    expect(audit).not.toBeNull();

    // Signing in with that GitHub identity now reaches the owner's account.
    const viaGithub = await signInWith("github", who);
    expect((await account(viaGithub.browser))?.id).toBe(owner.id);

    const other = await registerUser(server.url, "other");
    const stolen = await signInWith("github", who, { browser: await signedInBrowser(other.email), link: true });
    expect(stolen.location.searchParams.get("error")).toBe("already_linked");
  });

  it("needs a session to link, and refuses providers that are not configured", async () => {
    const anonymousLink = await callTrpc(server.url, "auth.oauth.start", { type: "mutation", input: { provider: "github", link: true } });
    expect(anonymousLink.status).toBe(401);

    const bare = await startTestServer();
    try {
      const start = await callTrpc(bare.url, "auth.oauth.start", { type: "mutation", input: { provider: "github" } });
      expect(start.status).toBe(412);
      expect(start.error?.message).toMatch(/not set up/);
      expect((await callTrpc(bare.url, "auth.oauth.providers")).data).toEqual([]);
    } finally {
      await bare.close();
    }
  });
});

describe("OAuth state bound to the browser that started the flow (login and link CSRF)", () => {
  it("sets a short-lived HttpOnly SameSite=Lax cookie for the callback path at the start, and clears it at the callback", async () => {
    const browser = new Browser();
    const { start, callbackUrl } = await startAndApprove(browser, "github", identity());
    const set = start.headers.getSetCookie().find((line) => line.startsWith("glow_oauth_state="))!;
    expect(set).toMatch(/^glow_oauth_state=[0-9a-f]{64};/);
    expect(set).toContain("Path=/auth/oauth");
    expect(set).toContain("Max-Age=600");
    expect(set).toContain("HttpOnly");
    expect(set).toContain("SameSite=Lax");
    const { response, location } = await browser.open(callbackUrl);
    expect(location.toString()).toBe(`${WEB_URL}/`);
    expect(response.headers.getSetCookie().find((line) => line.startsWith("glow_oauth_state="))).toMatch(/Max-Age=0/);
    expect(browser.has("glow_oauth_state")).toBe(false);
  });

  it("refuses a callback from someone else's flow opened in the victim's browser, and leaves the victim signed in", async () => {
    const victim = await registerUser(server.url, "victim");
    const victimBrowser = await signedInBrowser(victim.email);
    const attackerIdentity = identity();
    // The attacker starts a flow in their own browser, approves it as themselves, and sends the victim the callback URL.
    const attack = await startAndApprove(new Browser(), "github", attackerIdentity);

    const { response, location } = await victimBrowser.open(attack.callbackUrl);
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("error")).toBe("state_mismatch");
    expect(sessionCookieFrom(response.headers)).toBeNull();
    expect((await account(victimBrowser))?.id).toBe(victim.id);
    expect(await server.database.db.user.count({ where: { email: attackerIdentity.email! } })).toBe(0);

    // A browser with no cookie at all is refused the same way.
    const other = await startAndApprove(new Browser(), "github", identity());
    expect((await new Browser().open(other.callbackUrl)).location.searchParams.get("error")).toBe("state_mismatch");
  });

  it("refuses a link flow finished in another browser: the victim's identity is not attached to the attacker's account", async () => {
    const attacker = await registerUser(server.url, "link-attacker");
    const attackerBrowser = await signedInBrowser(attacker.email);
    const victimIdentity = identity();
    // The attacker starts linking and sends the victim the provider's page; the victim approves there as themselves.
    const attack = await startAndApprove(attackerBrowser, "github", victimIdentity, true);

    const victimBrowser = await signedInBrowser((await registerUser(server.url, "link-victim")).email);
    const { location } = await victimBrowser.open(attack.callbackUrl);
    expect(location.pathname).toBe("/sign-in");
    expect(location.searchParams.get("error")).toBe("state_mismatch");
    expect(await server.database.db.oAuthAccount.count({ where: { providerUserId: victimIdentity.id } })).toBe(0);
  });

  it("finishes a link only in the session that started it", async () => {
    const first = await registerUser(server.url, "link-first");
    const second = await registerUser(server.url, "link-second");
    const browser = await signedInBrowser(first.email);
    const who = identity();
    const started = await startAndApprove(browser, "github", who, true);
    // The same browser, now signed in as someone else.
    await browser.call("auth.login", { type: "mutation", input: { email: second.email, password: "sunflower-violin-42" } });

    const { location } = await browser.open(started.callbackUrl);
    expect(location.searchParams.get("error")).toBe("link_mismatch");
    expect(await server.database.db.oAuthAccount.count({ where: { providerUserId: who.id } })).toBe(0);
  });

  it("needs a signed-in session (not an API token) to start a link", async () => {
    const owner = await registerUser(server.url, "token-link");
    const created = await callTrpc(server.url, "auth.tokens.create", {
      type: "mutation",
      token: owner.token,
      input: { name: "script", scopes: ["read", "write"] },
    });
    const apiToken = (created.data as { token: string }).token;
    const start = await callTrpc(server.url, "auth.oauth.start", {
      type: "mutation",
      token: apiToken,
      input: { provider: "github", link: true },
    });
    expect(start.status).toBe(401);
  });
});

describe("OAuth for the desktop app (RFC 8252: system browser, custom scheme, the app's own PKCE)", () => {
  const verifier = "desktop-verifier-0123456789-abcdefghijklmnopqrstuvwxyz";
  const challenge = createHash("sha256").update(verifier).digest("base64url");

  async function desktopSignIn(who: FakeIdentity) {
    const start = await callTrpc(server.url, "auth.oauth.start", {
      type: "mutation",
      input: { provider: "github", client: "desktop", codeChallenge: challenge },
    });
    expect(start.status, JSON.stringify(start.error)).toBe(200);
    const { code, state, redirectUri } = fake.approve((start.data as { url: string }).url, who);
    const callback = await fetch(`${redirectUri}?code=${code}&state=${encodeURIComponent(state)}`, { redirect: "manual" });
    return { callback, location: new URL(callback.headers.get("location")!) };
  }

  it("returns to glow://auth/callback with a one-time code that only the verifier's holder can exchange", async () => {
    const who = identity();
    const { callback, location } = await desktopSignIn(who);
    expect(location.protocol).toBe("glow:");
    expect(location.pathname.replace(/^\/+/, "")).toBe("callback");
    expect(sessionCookieFrom(callback.headers)).toBeNull(); // no browser session for the desktop flow
    const oneTime = location.searchParams.get("code")!;

    const wrongVerifier = await callTrpc(server.url, "auth.oauth.exchange", {
      type: "mutation",
      input: { code: oneTime, codeVerifier: `${verifier}x` },
    });
    expect(wrongVerifier.status).toBe(400);
    // The failed attempt spent the code: an intercepted code cannot be tried twice.
    const afterFailure = await callTrpc(server.url, "auth.oauth.exchange", {
      type: "mutation",
      input: { code: oneTime, codeVerifier: verifier },
    });
    expect(afterFailure.status).toBe(400);

    const second = await desktopSignIn(who);
    const exchanged = await callTrpc(server.url, "auth.oauth.exchange", {
      type: "mutation",
      input: { code: second.location.searchParams.get("code")!, codeVerifier: verifier },
    });
    expect(exchanged.status).toBe(200);
    const { token, account } = exchanged.data as { token: string; account: { email: string } };
    expect(account.email).toBe(who.email);
    expect((await callTrpc(server.url, "auth.me", { token })).data).toMatchObject({ email: who.email });
  });

  it("needs a code challenge from the desktop, and sends failures back to the app", async () => {
    const missing = await callTrpc(server.url, "auth.oauth.start", { type: "mutation", input: { provider: "github", client: "desktop" } });
    expect(missing.status).toBe(400);
    expect(missing.error?.data.fieldErrors).toHaveProperty("codeChallenge");

    const existing = await registerUser(server.url, "desk");
    const { location } = await desktopSignIn(identity({ email: existing.email }));
    expect(location.protocol).toBe("glow:");
    expect([...location.searchParams]).toEqual([["error", "account_exists"]]);
  });

  it("cannot link: a link finishes in the web session that started it, which the system browser is not", async () => {
    const owner = await registerUser(server.url, "desk-link");
    const start = await callTrpc(server.url, "auth.oauth.start", {
      type: "mutation",
      token: owner.token,
      input: { provider: "github", client: "desktop", codeChallenge: challenge, link: true },
    });
    expect(start.status).toBe(400);
    expect(start.error?.data.fieldErrors).toHaveProperty("link");
  });
});
