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
  fake.routeProvidersTo();
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

let nextId = 1000;
function identity(overrides: Partial<FakeIdentity> = {}): FakeIdentity {
  nextId += 1;
  return { id: String(nextId), name: `Person ${nextId}`, email: `person${nextId}@example.test`, ...overrides };
}

/** Starts sign-in in Glow, approves it at the fake provider, and follows the callback. */
async function signInWith(provider: string, who: FakeIdentity, options: { cookie?: string; link?: boolean } = {}) {
  const start = await callTrpc(server.url, "auth.oauth.start", {
    type: "mutation",
    input: { provider, link: options.link ?? false },
    ...(options.cookie ? { cookie: options.cookie } : {}),
  });
  expect(start.status, JSON.stringify(start.error)).toBe(200);
  const authorizationUrl = (start.data as { url: string }).url;
  const { code, state, redirectUri } = fake.approve(authorizationUrl, who);
  const callback = await fetch(`${redirectUri}?code=${code}&state=${encodeURIComponent(state)}`, {
    redirect: "manual",
    headers: options.cookie ? { cookie: options.cookie } : {},
  });
  return { authorizationUrl, callback, location: new URL(callback.headers.get("location") ?? "http://none"), code, state, redirectUri };
}

async function account(cookie: string) {
  return (await callTrpc(server.url, "auth.me", { cookie })).data as { id: string; email: string | null; name: string; linkedProviders: string[] } | null;
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
    const cookie = sessionCookieFrom(first.callback.headers)!;
    const me = await account(cookie);
    expect(me).toMatchObject({ email: who.email, name: who.name, linkedProviders: ["github"] });

    const again = await signInWith("github", who);
    expect((await account(sessionCookieFrom(again.callback.headers)!))?.id).toBe(me!.id);
    expect(await server.database.db.user.count({ where: { email: who.email } })).toBe(1);
  });

  it("uses PKCE with Google: the verifier sent at the token exchange matches the challenge", async () => {
    const who = identity();
    const result = await signInWith("google", who);
    expect(new URL(result.authorizationUrl).searchParams.get("code_challenge_method")).toBe("S256");
    expect(result.location.pathname).toBe("/");
    const exchange = fake.tokenRequests.findLast((r) => r.provider === "google")!;
    expect(exchange.params.code_verifier).toMatch(/^[A-Za-z0-9_-]{43,}$/);
    expect((await account(sessionCookieFrom(result.callback.headers)!))?.email).toBe(who.email);
  });

  it("signs in with TikTok (PKCE, no email shared)", async () => {
    const who = identity({ email: null });
    const result = await signInWith("tiktok", who);
    expect(new URL(result.authorizationUrl).searchParams.get("client_key")).toBe("tiktok-key");
    const me = await account(sessionCookieFrom(result.callback.headers)!);
    expect(me).toMatchObject({ email: null, name: who.name, linkedProviders: ["tiktok"] });
  });

  it("refuses a state used twice, an unknown state, and a state from another provider", async () => {
    const who = identity();
    const used = await signInWith("github", who);
    const replay = await fetch(`${used.redirectUri}?code=${used.code}&state=${encodeURIComponent(used.state)}`, { redirect: "manual" });
    const replayTarget = new URL(replay.headers.get("location")!);
    expect(replayTarget.pathname).toBe("/sign-in");
    expect(replayTarget.searchParams.get("error")).toMatch(/expired or was already used/);
    expect(sessionCookieFrom(replay.headers)).toBeNull();

    const forged = await fetch(`${server.url}/auth/oauth/github/callback?code=abc&state=made-up`, { redirect: "manual" });
    expect(new URL(forged.headers.get("location")!).searchParams.get("error")).toMatch(/expired or was already used/);

    const start = await callTrpc(server.url, "auth.oauth.start", { type: "mutation", input: { provider: "github" } });
    const { code, state } = fake.approve((start.data as { url: string }).url, identity());
    const crossed = await fetch(`${server.url}/auth/oauth/google/callback?code=${code}&state=${state}`, { redirect: "manual" });
    expect(new URL(crossed.headers.get("location")!).pathname).toBe("/sign-in");
  });

  it("shows a cancelled sign-in as an error on the sign-in page", async () => {
    const cancelled = await fetch(`${server.url}/auth/oauth/github/callback?error=access_denied&state=x`, { redirect: "manual" });
    const target = new URL(cancelled.headers.get("location")!);
    expect(target.pathname).toBe("/sign-in");
    expect(target.searchParams.get("error")).toMatch(/cancelled/);
  });

  it("never attaches a provider identity to an existing account by email", async () => {
    const existing = await registerUser(server.url, "owner");
    const impostor = identity({ email: existing.email });
    const result = await signInWith("google", impostor);
    expect(result.location.pathname).toBe("/sign-in");
    expect(result.location.searchParams.get("error")).toMatch(/already exists/);
    expect(sessionCookieFrom(result.callback.headers)).toBeNull();
    expect(await server.database.db.oAuthAccount.count({ where: { userId: existing.id } })).toBe(0);
  });

  it("links a provider to the signed-in account, and refuses one linked elsewhere", async () => {
    const owner = await registerUser(server.url, "linker");
    const login = await callTrpc(server.url, "auth.login", { type: "mutation", input: { email: owner.email, password: "sunflower-violin-42" } });
    const cookie = sessionCookieFrom(login.headers)!;
    const who = identity();
    const linked = await signInWith("github", who, { cookie, link: true });
    expect(linked.location.pathname).toBe("/settings");
    expect(linked.location.searchParams.get("linked")).toBe("github");
    expect((await account(cookie))?.linkedProviders).toEqual(["github"]);
    const audit = await server.database.db.auditEvent.findFirst({ where: { action: "auth.oauth.linked", subjectUserId: owner.id } });
    expect(audit).not.toBeNull();

    // Signing in with that GitHub identity now reaches the owner's account.
    const viaGithub = await signInWith("github", who);
    expect((await account(sessionCookieFrom(viaGithub.callback.headers)!))?.id).toBe(owner.id);

    const other = await registerUser(server.url, "other");
    const otherLogin = await callTrpc(server.url, "auth.login", { type: "mutation", input: { email: other.email, password: "sunflower-violin-42" } });
    const stolen = await signInWith("github", who, { cookie: sessionCookieFrom(otherLogin.headers)!, link: true });
    expect(stolen.location.searchParams.get("error")).toMatch(/already linked to another Glow account/);
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

describe("OAuth for the desktop app (RFC 8252: system browser, custom scheme, the app's own PKCE)", () => {
  const verifier = "desktop-verifier-0123456789-abcdefghijklmnopqrstuvwxyz";
  const challenge = createHash("sha256").update(verifier).digest("base64url");

  async function desktopSignIn(who: FakeIdentity) {
    const start = await callTrpc(server.url, "auth.oauth.start", { type: "mutation", input: { provider: "github", client: "desktop", codeChallenge: challenge } });
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

    const wrongVerifier = await callTrpc(server.url, "auth.oauth.exchange", { type: "mutation", input: { code: oneTime, codeVerifier: `${verifier}x` } });
    expect(wrongVerifier.status).toBe(400);
    // The failed attempt spent the code: an intercepted code cannot be tried twice.
    const afterFailure = await callTrpc(server.url, "auth.oauth.exchange", { type: "mutation", input: { code: oneTime, codeVerifier: verifier } });
    expect(afterFailure.status).toBe(400);

    const second = await desktopSignIn(who);
    const exchanged = await callTrpc(server.url, "auth.oauth.exchange", { type: "mutation", input: { code: second.location.searchParams.get("code")!, codeVerifier: verifier } });
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
    expect(location.searchParams.get("error")).toMatch(/already exists/);
  });
});
