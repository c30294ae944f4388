// Provider sign-in for the desktop (RFC 8252) against the real server, with a fake GitHub:
// main makes the PKCE pair, opens the browser, takes the glow:// callback and exchanges the
// code with its verifier; the token is stored as for a password sign-in.
import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { FakeOAuthProvider, type FakeIdentity } from "@glow/api/testing";
import { callTrpc, startTestServer, type TestServer } from "@glow/server/testing";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createPkcePair, createProviderSignIn, pkceChallenge, type ProviderSignIn } from "./oauth.ts";
import { serverFetch } from "./server-fetch.ts";
import { createTokenStore, type TokenStore } from "./token-store.ts";

/** Conditions that depend on other processes get time when the machine is busy (CI on 2 cores). */
const WAIT = { timeout: 10_000 };

vi.mock("electron", () => ({
  safeStorage: {
    isAsyncEncryptionAvailable: async () => true,
    getSelectedStorageBackend: () => "gnome_libsecret",
    encryptStringAsync: async (text: string) => Buffer.from(Buffer.from(text).map((byte) => byte ^ 0x5a)),
    decryptStringAsync: async (sealed: Buffer) => ({
      result: Buffer.from(sealed.map((byte) => byte ^ 0x5a)).toString(),
      shouldReEncrypt: false,
    }),
  },
}));

let fake: FakeOAuthProvider;
let server: TestServer;
beforeAll(async () => {
  fake = new FakeOAuthProvider();
  await fake.start();
  server = await startTestServer({
    webUrl: "http://localhost:5173",
    oauth: { github: { clientId: "gh-client", clientSecret: "gh-secret" } },
  });
});
afterAll(async () => {
  await server?.close();
  await fake?.stop();
});

let dir: string;
let tokens: TokenStore;
let serverUrl: string;
/** The URLs main asked the system browser to open. */
let opened: string[];
let signIn: ProviderSignIn;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "glow-desktop-oauth-"));
  tokens = createTokenStore({ dir });
  serverUrl = server.url;
  opened = [];
  signIn = createProviderSignIn({
    settings: { serverUrl: async () => serverUrl },
    tokens,
    fetch: serverFetch({ userAgent: "GlowDesktop/test" }),
    openExternal: async (url) => {
      opened.push(url);
    },
  });
});
afterEach(() => rm(dir, { recursive: true, force: true }));

let nextId = 5000;
const person = (): FakeIdentity => {
  nextId += 1;
  return { id: String(nextId), name: `Desk Person ${nextId}`, email: `desk${nextId}@example.test` };
};

/** What the browser does: the person approves at the provider, and the server's callback redirects to glow://. */
async function approveInBrowser(who: FakeIdentity): Promise<string> {
  await vi.waitFor(() => expect(opened).toHaveLength(1), WAIT);
  const { code, state, redirectUri } = fake.approve(opened[0]!, who);
  const callback = await fetch(`${redirectUri}?code=${code}&state=${encodeURIComponent(state)}`, { redirect: "manual" });
  return callback.headers.get("location")!;
}

describe("PKCE", () => {
  it("makes a fresh 43-character verifier and its S256 challenge each time", () => {
    const first = createPkcePair();
    const second = createPkcePair();
    expect(first.verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(first.challenge).toBe(createHash("sha256").update(first.verifier).digest("base64url"));
    expect(first.challenge).toBe(pkceChallenge(first.verifier));
    expect(second.verifier).not.toBe(first.verifier);
  });
});

describe("provider sign-in", () => {
  it("opens the provider in the browser with the app's challenge, and signs in from the glow:// callback", async () => {
    const who = person();
    const pending = signIn.start("github");
    const link = await approveInBrowser(who);
    expect(link).toMatch(/^glow:\/\/auth\/callback\?code=/);

    expect(await signIn.handleDeepLink(link)).toBe(true);
    const result = await pending;
    expect(result).toMatchObject({ ok: true, account: { email: who.email, name: who.name, linkedProviders: ["github"] } });
    expect(JSON.stringify(result)).not.toMatch(/token/i);
    const stored = await tokens.read();
    expect(stored?.serverUrl).toBe(server.url);
    expect((await callTrpc(server.url, "auth.me", { token: stored!.token })).data).toMatchObject({ email: who.email });
    expect(new URL(opened[0]!).hostname).toBe("github.com");
  });

  it("ignores callbacks when no sign-in waits, and a second callback for the same sign-in", async () => {
    expect(await signIn.handleDeepLink("glow://auth/callback?code=abcdefghijklmnopqrstuvwxyz234567")).toBe(false);
    const pending = signIn.start("github");
    const link = await approveInBrowser(person());
    expect(await signIn.handleDeepLink("https://example.test/not-a-deep-link")).toBe(false);
    expect(await signIn.handleDeepLink(link)).toBe(true);
    expect(await signIn.handleDeepLink(link)).toBe(false);
    expect(await pending).toMatchObject({ ok: true });
  });

  it("refuses a code that was not made for this app's verifier (a link planted by a web page)", async () => {
    // An attacker's own sign-in, with their own verifier, produces a real code…
    const attackerVerifier = createPkcePair();
    const start = await callTrpc(server.url, "auth.oauth.start", {
      type: "mutation",
      input: { provider: "github", client: "desktop", codeChallenge: attackerVerifier.challenge },
    });
    const { code, state, redirectUri } = fake.approve((start.data as { url: string }).url, person());
    const planted = (await fetch(`${redirectUri}?code=${code}&state=${encodeURIComponent(state)}`, { redirect: "manual" })).headers.get(
      "location",
    )!;
    // …which the victim's app, waiting for its own sign-in, cannot exchange.
    const pending = signIn.start("github");
    await vi.waitFor(() => expect(opened).toHaveLength(1), WAIT);
    expect(await signIn.handleDeepLink(planted)).toBe(true);
    expect(await pending).toEqual({
      ok: false,
      error: "This sign-in code is invalid or has expired. Please sign in again.",
      fieldErrors: {},
    });
    expect(await tokens.read()).toBeNull();
  });

  it("words the server's error code from the callback, and shows no text a link chose", async () => {
    const pending = signIn.start("github");
    await vi.waitFor(() => expect(opened).toHaveLength(1), WAIT);
    await signIn.handleDeepLink("glow://auth/callback?error=oauth_cancelled");
    expect(await pending).toEqual({ ok: false, error: "Sign-in was cancelled at the provider.", fieldErrors: {} });

    const planted = signIn.start("github");
    await vi.waitFor(() => expect(opened).toHaveLength(2), WAIT);
    await signIn.handleDeepLink("glow://auth/callback?error=Your%20account%20is%20suspended%3A%20call%20%2B1%20555%200100");
    expect(await planted).toEqual({ ok: false, error: "Sign-in did not finish. Please try again.", fieldErrors: {} });
  });

  it("ends an earlier session on this server when the new one starts", async () => {
    const who = person();
    const first = signIn.start("github");
    await signIn.handleDeepLink(await approveInBrowser(who));
    await first;
    const earlier = (await tokens.read())!.token;
    opened = [];
    const second = signIn.start("github");
    await signIn.handleDeepLink(await approveInBrowser(who));
    await second;
    expect((await tokens.read())!.token).not.toBe(earlier);
    expect((await callTrpc(server.url, "auth.me", { token: earlier })).data).toBeNull();
  });

  it("can be cancelled, times out, and says when the server cannot start it", async () => {
    const cancelled = signIn.start("github");
    await vi.waitFor(() => expect(opened).toHaveLength(1), WAIT);
    signIn.cancel();
    expect(await cancelled).toMatchObject({ ok: false, error: "Sign-in was cancelled" });

    const hurried = createProviderSignIn({
      settings: { serverUrl: async () => serverUrl },
      tokens,
      fetch: serverFetch({ userAgent: "GlowDesktop/test" }),
      openExternal: async () => {},
      timeoutMs: 20,
    });
    expect(await hurried.start("github")).toMatchObject({ ok: false, error: "Sign-in timed out. Please try again." });

    expect(await signIn.start("google")).toMatchObject({ ok: false, error: "Sign-in with google is not set up on this server" });
    expect(await signIn.start("../evil")).toMatchObject({ ok: false, error: "Choose a sign-in provider" });
    serverUrl = "http://127.0.0.1:9";
    expect(await signIn.start("github")).toMatchObject({ ok: false, error: "Could not reach the Glow server at http://127.0.0.1:9" });
  });

  it("refuses to finish on another server than the one it started on", async () => {
    const pending = signIn.start("github");
    const link = await approveInBrowser(person());
    serverUrl = "https://other.example";
    await signIn.handleDeepLink(link);
    expect(await pending).toMatchObject({ ok: false, error: expect.stringMatching(/server changed/) });
    expect(await tokens.read()).toBeNull();
  });
});
