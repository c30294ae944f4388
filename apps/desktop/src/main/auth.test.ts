// Sign-in, sign-out and the API proxy against the real server, with Electron's safeStorage faked.
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import net, { type AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "@glow/db";
import { callTrpc, startTestServer, type TestServer } from "@glow/server/testing";
import { expectConsole } from "@glow/test-setup";
import superjson from "superjson";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createApiProxy } from "./api-proxy.ts";
import { createAuth } from "./auth.ts";
import { serverFetch, type Fetch } from "./server-fetch.ts";
import { createTokenStore, type TokenStore } from "./token-store.ts";

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

const [ADMIN] = DEMO_ACCOUNTS;
const USER_AGENT = "GlowDesktop/test (vitest)";

async function closedPortUrl(): Promise<string> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await seedDemo(server.database.db, { nodeEnv: "test" });
});
afterAll(() => server?.close());

let dir: string;
let tokens: TokenStore;
let serverUrl: string;
/** Every request main made, and a switch to make the network fail. */
let sent: Array<{ url: string; init: RequestInit }>;
let offline: boolean;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), "glow-desktop-auth-"));
  tokens = createTokenStore({ dir });
  serverUrl = server.url;
  sent = [];
  offline = false;
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const network: Fetch = async (input, init = {}) => {
  sent.push({ url: String(input), init });
  if (offline) throw new TypeError("fetch failed");
  return fetch(input, init);
};
const settings = { serverUrl: async () => serverUrl };
const deps = () => ({ settings, tokens, fetch: serverFetch({ userAgent: USER_AGENT, fetch: network }) });

/** Who the server says a token belongs to (null: not a live session). */
async function whoHas(token: string): Promise<string | null> {
  const me = await callTrpc(server.url, "auth.me", { token });
  return (me.data as { email: string } | null)?.email ?? null;
}

async function savedToken(): Promise<string> {
  const session = await tokens.read();
  if (!session) throw new Error("no token stored");
  return session.token;
}

describe("sign-in", () => {
  it("logs in with delivery 'token', keeps the token in main and gives the renderer only the account", async () => {
    const result = await createAuth(deps()).signIn(ADMIN.email, DEMO_PASSWORD);

    expect(result).toMatchObject({ ok: true, account: { email: ADMIN.email, name: ADMIN.name, roles: ["admin", "user"] } });
    if (!result.ok) throw new Error("sign-in failed");
    expect(result.account.createdAt).toBeInstanceOf(Date);
    const token = await savedToken();
    expect(JSON.stringify(result)).not.toContain(token);
    expect(await tokens.read()).toEqual({ serverUrl: server.url, token });
    expect(await whoHas(token)).toBe(ADMIN.email);

    const [login] = sent;
    expect(login?.url).toBe(`${server.url}/trpc/auth.login?batch=1`);
    const input = superjson.deserialize(JSON.parse(String(login?.init.body))[0]);
    expect(input).toEqual({ email: ADMIN.email, password: DEMO_PASSWORD, delivery: "token" });
    // The session is named after the app in the account's session list.
    const session = await server.database.db.session.findFirstOrThrow({
      where: { user: { email: ADMIN.email } },
      orderBy: { createdAt: "desc" },
    });
    expect(session.userAgent).toBe(USER_AGENT);
    // On disk the token is encrypted.
    for (const name of await readdir(dir)) expect((await readFile(path.join(dir, name))).includes(token)).toBe(false);
  });

  it("passes on the server's refusal, field by field, and stores nothing", async () => {
    const auth = createAuth(deps());
    expect(await auth.signIn(ADMIN.email, "wrong-password")).toEqual({
      ok: false,
      error: "Email or password is incorrect",
      fieldErrors: {},
    });
    expect(await auth.signIn("not-an-email", "x")).toMatchObject({ ok: false, fieldErrors: { email: ["Enter a valid email address"] } });
    expect(await tokens.read()).toBeNull();
  });

  it("says when the server cannot be reached", async () => {
    serverUrl = await closedPortUrl();
    expect(await createAuth(deps()).signIn(ADMIN.email, DEMO_PASSWORD)).toEqual({
      ok: false,
      error: `Could not reach the Glow server at ${serverUrl}`,
      fieldErrors: {},
    });
    expect(await tokens.read()).toBeNull();
  });

  it("refuses input that is not two strings without calling the server", async () => {
    const auth = createAuth(deps());
    expect(await auth.signIn({ email: ADMIN.email }, DEMO_PASSWORD)).toMatchObject({ ok: false });
    expect(await auth.signIn(ADMIN.email, "x".repeat(5_000))).toMatchObject({ ok: false });
    expect(sent).toEqual([]);
  });

  it("ends the previous session when signing in again", async () => {
    const auth = createAuth(deps());
    await auth.signIn(ADMIN.email, DEMO_PASSWORD);
    const first = await savedToken();
    await auth.signIn(ADMIN.email, DEMO_PASSWORD);
    expect(await savedToken()).not.toBe(first);
    expect(await whoHas(first)).toBeNull();
  });

  it("reports a stored token only for the server it came from", async () => {
    const auth = createAuth(deps());
    expect(await auth.status()).toEqual({ tokenStored: false, tokenStorage: "encrypted" });
    await auth.signIn(ADMIN.email, DEMO_PASSWORD);
    expect(await auth.status()).toEqual({ tokenStored: true, tokenStorage: "encrypted" });
    serverUrl = "https://other.example";
    expect(await auth.status()).toMatchObject({ tokenStored: false });
  });
});

describe("sign-out", () => {
  it("ends the session on the server with the bearer token, then wipes it", async () => {
    const auth = createAuth(deps());
    await auth.signIn(ADMIN.email, DEMO_PASSWORD);
    const token = await savedToken();

    expect(await auth.signOut()).toEqual({ endedOnServer: true });
    const logout = sent.at(-1);
    expect(logout?.url).toBe(`${server.url}/trpc/auth.logout?batch=1`);
    expect(new Headers(logout?.init.headers).get("authorization")).toBe(`Bearer ${token}`);
    expect(await whoHas(token)).toBeNull();
    expect(await tokens.read()).toBeNull();
    expect(await readdir(dir)).toEqual([]);
  });

  it("wipes the token even when the server cannot be reached", async () => {
    const auth = createAuth(deps());
    await auth.signIn(ADMIN.email, DEMO_PASSWORD);
    const token = await savedToken();
    offline = true;
    const warned = expectConsole("warn", "Signed out locally; the server could not end the session");

    expect(await auth.signOut()).toEqual({ endedOnServer: false });
    expect(await tokens.read()).toBeNull();
    expect(await readdir(dir)).toEqual([]);
    expect(await createTokenStore({ dir }).read()).toBeNull();
    expect(warned.messages.join(" ")).not.toContain(token);
    // The server never heard: that session lives on until it expires.
    expect(await whoHas(token)).toBe(ADMIN.email);
  });

  it("wipes the token even when the server answers with an error", async () => {
    const auth = createAuth({ ...deps(), fetch: async () => new Response("Bad gateway", { status: 502 }) });
    await tokens.save({ serverUrl, token: "a".repeat(32) });
    expectConsole("warn", "Signed out locally; the server could not end the session");
    expect(await auth.signOut()).toEqual({ endedOnServer: false });
    expect(await tokens.read()).toBeNull();
  });

  it("signs out of the old server when the user picks another one", async () => {
    const auth = createAuth(deps());
    await auth.signIn(ADMIN.email, DEMO_PASSWORD);
    const token = await savedToken();
    await auth.serverChanged(server.url);
    expect(await tokens.read()).not.toBeNull();

    await auth.serverChanged("https://other.example");
    expect(await tokens.read()).toBeNull();
    expect(await whoHas(token)).toBeNull();
  });
});

describe("API proxy against the server", () => {
  it("calls procedures as the signed-in user, without the renderer ever holding the token", async () => {
    await createAuth(deps()).signIn(ADMIN.email, DEMO_PASSWORD);
    const api = createApiProxy(deps());
    const input = encodeURIComponent(
      JSON.stringify({ 0: superjson.serialize(undefined), 1: superjson.serialize({ limit: 5, search: "user@glow.dev" }) }),
    );

    const response = await api.request({
      path: `/trpc/auth.me,admin.users.list?batch=1&input=${input}`,
      method: "GET",
      headers: {},
      body: null,
    });
    expect(response.status).toBe(200);
    const [me, users] = JSON.parse(response.body) as Array<{ result: { data: unknown } }>;
    expect(superjson.deserialize(me?.result.data as never)).toMatchObject({ email: ADMIN.email });
    expect(superjson.deserialize(users?.result.data as never)).toMatchObject({ items: [{ email: "user@glow.dev" }] });
    expect(response.headers["x-request-id"]).toBeTruthy();
  });

  it("calls as nobody once signed out", async () => {
    const auth = createAuth(deps());
    await auth.signIn(ADMIN.email, DEMO_PASSWORD);
    await auth.signOut();
    const response = await createApiProxy(deps()).request({ path: "/trpc/auth.me", method: "GET", headers: {}, body: null });
    expect(superjson.deserialize((JSON.parse(response.body) as { result: { data: never } }).result.data)).toBeNull();
  });
});
