import { beforeEach, describe, expect, it, vi } from "vitest";
import { API_REQUEST_LIMITS, type ApiRequest } from "../shared/bridge.ts";
import { ApiRequestRefused, createApiProxy } from "./api-proxy.ts";
import { serverFetch, type Fetch } from "./server-fetch.ts";
import type { StoredSession, TokenStore } from "./token-store.ts";

const SERVER = "http://127.0.0.1:3000";
const TOKEN = "abcdefghijklmnopqrstuvwxyz234567";

function memoryTokens(session: StoredSession | null): TokenStore {
  let current = session;
  return {
    storage: async () => "memory",
    read: async () => current,
    save: async (next) => {
      current = next;
    },
    wipe: async () => {
      current = null;
    },
  };
}

const network = vi.fn<Fetch>();
let serverUrl: string;
let session: StoredSession | null;
beforeEach(() => {
  network.mockReset();
  network.mockImplementation(
    async () =>
      new Response('[{"result":{"data":{"json":null}}}]', {
        status: 200,
        headers: { "content-type": "application/json", "x-request-id": "req-from-server", "set-cookie": "glow_session=x; HttpOnly" },
      }),
  );
  serverUrl = SERVER;
  session = { serverUrl: SERVER, token: TOKEN };
});

const proxy = () => createApiProxy({ settings: { serverUrl: async () => serverUrl }, tokens: memoryTokens(session), fetch: network });
const query = (overrides: Partial<Record<keyof ApiRequest, unknown>> = {}) => ({
  path: "/trpc/auth.me?batch=1&input=%7B%7D",
  method: "GET",
  headers: {},
  body: null,
  ...overrides,
});

/** What the proxy handed to the network. */
function sentRequest(): { url: string; method: string | undefined; headers: Headers; body: unknown } {
  const [url, init] = network.mock.calls[0] ?? [];
  if (!url) throw new Error("nothing was sent");
  return { url: String(url), method: init?.method, headers: new Headers(init?.headers), body: init?.body };
}

describe("API proxy", () => {
  it("sends the request to the configured server, adding the bearer token only main holds", async () => {
    const response = await proxy().request(
      query({
        method: "POST",
        path: "/trpc/admin.users.setRoles?batch=1",
        headers: { "Content-Type": "application/json", "x-request-id": "desktop-1234" },
        body: '{"0":{}}',
      }),
    );

    const sent = sentRequest();
    expect(sent.url).toBe(`${SERVER}/trpc/admin.users.setRoles?batch=1`);
    expect(sent.method).toBe("POST");
    expect(sent.body).toBe('{"0":{}}');
    expect(Object.fromEntries(sent.headers)).toEqual({
      authorization: `Bearer ${TOKEN}`,
      "content-type": "application/json",
      "x-request-id": "desktop-1234",
    });
    // The answer comes back whole, minus cookies, which are no business of the page's.
    expect(response).toEqual({
      status: 200,
      headers: { "content-type": "application/json", "x-request-id": "req-from-server" },
      body: '[{"result":{"data":{"json":null}}}]',
    });
  });

  it("keeps the server URL's path prefix", async () => {
    serverUrl = "https://glow.example/api";
    session = { serverUrl, token: TOKEN };
    await proxy().request(query({ path: "/trpc/system.info" }));
    expect(sentRequest().url).toBe("https://glow.example/api/trpc/system.info");
  });

  it("sends no token when none is stored", async () => {
    session = null;
    await proxy().request(query());
    expect(sentRequest().headers.has("authorization")).toBe(false);
  });

  it("never sends a token to a server other than the one that issued it", async () => {
    session = { serverUrl: "https://issuer.example", token: TOKEN };
    await proxy().request(query());
    expect(sentRequest().url.startsWith(`${SERVER}/trpc/`)).toBe(true);
    expect(sentRequest().headers.has("authorization")).toBe(false);
  });

  it.each([
    ["/health", /only \/trpc\//],
    ["/trpc", /only \/trpc\//],
    ["trpc/auth.me", /only \/trpc\//],
    ["https://evil.example/trpc/auth.me", /only \/trpc\//],
    ["//evil.example/trpc/auth.me", /only \/trpc\//],
    ["/trpc/../health", /configured server/],
    ["/trpc/%2e%2e/health", /configured server/],
    ["/trpc/..\\..\\health", /configured server/],
    ["/trpc/\t../health", /configured server/],
    [`/trpc/${"a".repeat(API_REQUEST_LIMITS.pathLength)}`, /too long/],
    [42, /must be a string/],
  ])("refuses the path %s", async (path, reason) => {
    await expect(proxy().request(query({ path }))).rejects.toThrow(reason);
    expect(network).not.toHaveBeenCalled();
  });

  it("cannot be pointed at another host whatever the path, because the host is not the renderer's to choose", async () => {
    for (const path of ["/trpc/@evil.example/x", "/trpc/x?url=https://evil.example/", "/trpc/x#@evil.example"]) {
      await proxy().request(query({ path }));
    }
    for (const [url] of network.mock.calls) expect(new URL(String(url)).origin).toBe(SERVER);
  });

  it.each(["PUT", "DELETE", "PATCH", "HEAD", "OPTIONS", "CONNECT", "get", undefined])("refuses the %s method", async (method) => {
    await expect(proxy().request(query({ method }))).rejects.toThrow(/method is not allowed/);
    expect(network).not.toHaveBeenCalled();
  });

  it.each([
    "authorization",
    "Authorization",
    "cookie",
    "Cookie",
    "proxy-authorization",
    "host",
    "origin",
    "referer",
    "x-forwarded-for",
    "user-agent",
    "x-anything",
  ])("refuses a %s header from the renderer", async (name) => {
    await expect(proxy().request(query({ headers: { [name]: "Bearer stolen-or-smuggled-token" } }))).rejects.toThrow(
      /cannot be set by the page/,
    );
    expect(network).not.toHaveBeenCalled();
  });

  it.each([
    ["a header split over lines", { headers: { "x-request-id": "abc\r\nauthorization: Bearer x" } }, /value is not allowed/],
    ["a header value that is not a string", { headers: { "content-type": 1 } }, /value is not allowed/],
    ["a very long header value", { headers: { "x-request-id": "x".repeat(1_000) } }, /value is not allowed/],
    ["headers that are not an object", { headers: [["cookie", "a=b"]] }, /headers must be an object/],
    ["a body on a GET", { body: "{}" }, /GET request has no body/],
    ["a body that is not text", { method: "POST", body: { json: 1 } }, /must be a string/],
    ["a body over the limit", { method: "POST", body: "x".repeat(API_REQUEST_LIMITS.bodyBytes + 1) }, /too large/],
  ])("refuses %s", async (_name, overrides, reason) => {
    await expect(proxy().request(query(overrides))).rejects.toThrow(reason);
    expect(network).not.toHaveBeenCalled();
  });

  it.each([
    "/trpc/auth.login",
    "/trpc/auth.register?batch=1",
    "/trpc/system.info,auth.logout?batch=1",
    "/trpc/auth%2Elogin",
    "/trpc/auth.oauth.exchange",
  ])("leaves %s to the bridge's auth functions, which keep the token in main", async (path) => {
    await expect(proxy().request(query({ method: "POST", path, body: "{}" }))).rejects.toThrow(/goes through the bridge's auth/);
    expect(network).not.toHaveBeenCalled();
  });

  it.each([null, "GET /trpc/auth.me", ["/trpc/auth.me"]])("refuses %j as a request", async (input) => {
    await expect(proxy().request(input)).rejects.toThrow(ApiRequestRefused);
  });
});

describe("main's fetch", () => {
  it("names the app, refuses redirects (they could carry the token elsewhere) and gives up after a while", async () => {
    const fetch = serverFetch({ userAgent: "GlowDesktop/1.0 (linux)", fetch: network });
    await fetch(`${SERVER}/trpc/auth.me`, { headers: { "content-type": "application/json" } });
    const [, init] = network.mock.calls[0] ?? [];
    expect(init?.redirect).toBe("error");
    expect(new Headers(init?.headers).get("user-agent")).toBe("GlowDesktop/1.0 (linux)");
    expect(new Headers(init?.headers).get("content-type")).toBe("application/json");
    expect(init?.signal).toBeInstanceOf(AbortSignal);
  });

  it("aborts a request the server does not answer in time", async () => {
    const hanging = vi.fn<Fetch>(
      (_input, init) => new Promise((_resolve, reject) => init?.signal?.addEventListener("abort", () => reject(init.signal?.reason))),
    );
    const fetch = serverFetch({ userAgent: "test", timeoutMs: 20, fetch: hanging });
    await expect(fetch(`${SERVER}/trpc/auth.me`)).rejects.toThrow(/timed out|aborted/i);
  });
});
