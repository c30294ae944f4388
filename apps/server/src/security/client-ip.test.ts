// The client's address behind proxies (decision 014): proxies append to X-Forwarded-For, so a
// client can write anything at its left end and nothing at its right end. Rate limits,
// lockouts, audit entries and session lists all read the address this picks.
import type { IncomingMessage } from "node:http";
import { DEFAULT_RATE_LIMITS } from "@glow/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientAddress, compileTrustProxy, parseTrustProxy, type TrustProxy } from "../http/incoming.ts";
import { callTrpc, startTestServer, type TestServer } from "../testing.ts";
import { PASSWORD, registerUser, uniqueEmail } from "./fixtures.ts";

function request(socket: string, headers: Record<string, string> = {}, encrypted = false): IncomingMessage {
  return { socket: { remoteAddress: socket, encrypted }, headers } as unknown as IncomingMessage;
}
const from = (setting: boolean | TrustProxy, socket: string, headers: Record<string, string> = {}) =>
  clientAddress(request(socket, headers), compileTrustProxy(setting));

describe("choosing the client address", () => {
  it("ignores forwarded headers when no proxy is trusted", () => {
    expect(from(0, "198.51.100.4", { "x-forwarded-for": "1.2.3.4", "x-forwarded-proto": "https" })).toEqual({
      ip: "198.51.100.4",
      secure: false,
    });
    expect(from(false, "::ffff:198.51.100.4", { "x-forwarded-for": "1.2.3.4" }).ip).toBe("198.51.100.4");
  });

  it("behind one proxy takes the entry that proxy appended, not the client's leading ones", () => {
    expect(from(1, "10.0.0.2", { "x-forwarded-for": "203.0.113.7" }).ip).toBe("203.0.113.7");
    expect(from(1, "10.0.0.2", { "x-forwarded-for": "1.2.3.4, 203.0.113.7" }).ip).toBe("203.0.113.7");
    expect(from(true, "10.0.0.2", { "x-forwarded-for": "1.2.3.4,5.6.7.8,  203.0.113.7" }).ip).toBe("203.0.113.7");
    // Without the header, the proxy itself is the client (a health check, say).
    expect(from(1, "10.0.0.2").ip).toBe("10.0.0.2");
  });

  it("walks as many hops as it is told to", () => {
    expect(from(2, "10.0.0.2", { "x-forwarded-for": "1.2.3.4, 203.0.113.7, 10.0.0.9" }).ip).toBe("203.0.113.7");
    expect(from(3, "10.0.0.2", { "x-forwarded-for": "203.0.113.7, 10.0.0.8, 10.0.0.9" }).ip).toBe("203.0.113.7");
    // More hops than entries: the leftmost entry, which a trusted proxy wrote.
    expect(from(5, "10.0.0.2", { "x-forwarded-for": "203.0.113.7" }).ip).toBe("203.0.113.7");
  });

  it("with proxy addresses, skips every trusted one from the right", () => {
    const trusted = ["loopback", "10.0.0.0/8"];
    expect(from(trusted, "127.0.0.1", { "x-forwarded-for": "1.2.3.4, 203.0.113.7, 10.1.2.3, 10.0.0.9" }).ip).toBe("203.0.113.7");
    expect(from(trusted, "::1", { "x-forwarded-for": "203.0.113.7" }).ip).toBe("203.0.113.7");
    // A peer that is not one of them speaks for itself, whatever it sends.
    expect(from(["10.0.0.0/8"], "198.51.100.4", { "x-forwarded-for": "1.2.3.4", "x-forwarded-proto": "https" })).toEqual({
      ip: "198.51.100.4",
      secure: false,
    });
  });

  it("stops before an entry that is no address", () => {
    expect(from(2, "10.0.0.2", { "x-forwarded-for": "garbage, 10.0.0.7" }).ip).toBe("10.0.0.7");
    expect(from(1, "10.0.0.2", { "x-forwarded-for": "not-an-ip" }).ip).toBe("10.0.0.2");
  });

  it("takes the scheme from the hop the address came from", () => {
    // The client says https; the proxy it reached over http appended "http".
    expect(from(1, "10.0.0.2", { "x-forwarded-for": "1.2.3.4, 203.0.113.7", "x-forwarded-proto": "https, http" }).secure).toBe(false);
    expect(from(1, "10.0.0.2", { "x-forwarded-for": "203.0.113.7", "x-forwarded-proto": "http, https" }).secure).toBe(true);
    // Two proxies: the outer one saw https from the client, the inner one http from the outer.
    expect(from(2, "10.0.0.2", { "x-forwarded-for": "203.0.113.7, 10.0.0.8", "x-forwarded-proto": "https, http" }).secure).toBe(true);
    // A proxy that overwrites the header leaves one entry: it counts.
    expect(from(1, "10.0.0.2", { "x-forwarded-for": "203.0.113.7", "x-forwarded-proto": "https" }).secure).toBe(true);
    expect(clientAddress(request("10.0.0.2", {}, true), compileTrustProxy(1)).secure).toBe(true);
  });

  it("reads TRUST_PROXY as a hop count, true/false, or a list of addresses", () => {
    expect(parseTrustProxy("0")).toBe(0);
    expect(parseTrustProxy("1")).toBe(1);
    expect(parseTrustProxy("true")).toBe(1);
    expect(parseTrustProxy("false")).toBe(0);
    expect(parseTrustProxy("3")).toBe(3);
    expect(parseTrustProxy("loopback, 10.0.0.0/8,fd00::1")).toEqual(["loopback", "10.0.0.0/8", "fd00::1"]);
    expect(() => parseTrustProxy("10.0.0.0/99")).toThrow(/invalid range/);
    expect(() => parseTrustProxy("proxy.internal")).toThrow(/invalid IP address/);
  });
});

describe("through the server, trusting one proxy", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      trustProxy: 1,
      rateLimits: {
        ...DEFAULT_RATE_LIMITS,
        credentials: { points: 20, durationSeconds: 60 },
        failedLoginsPerIp: { points: 3, durationSeconds: 60, blockSeconds: 60 },
        slowAfterFailures: 100,
      },
    });
  });
  afterAll(() => server.close());

  const via = (forwardedFor: string) => ({ "x-forwarded-for": forwardedFor });

  it("records the address the proxy saw in the session list, not a spoofed leading entry", async () => {
    const email = uniqueEmail("ip");
    const signUp = await callTrpc(server.url, "auth.register", {
      type: "mutation",
      input: { email, password: PASSWORD, name: "Ip", delivery: "token" },
      headers: via("1.2.3.4, 203.0.113.7"),
    });
    expect(signUp.status).toBe(200);
    const sessions = await callTrpc(server.url, "auth.sessions.list", { token: (signUp.data as { token: string }).token });
    expect((sessions.data as Array<{ ip: string }>).map((s) => s.ip)).toEqual(["203.0.113.7"]);
  });

  it("limits sign-in attempts per real address however the leading entry changes", async () => {
    const attempt = (leading: string, real: string) =>
      callTrpc(server.url, "auth.login", {
        type: "mutation",
        input: { email: uniqueEmail("nobody"), password: "not-the-password" },
        headers: via(`${leading}, ${real}`),
      });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await attempt(`198.18.0.${i + 1}`, "203.0.113.20")).status);
    // Three failures lock the address out.
    expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
    expect(statuses.slice(3)).toEqual([429, 429]);
    // Another client behind the same proxy is not caught by it.
    expect((await attempt("198.18.0.1", "203.0.113.21")).status).toBe(401);
  });

  it("locks a real address out of sign-in even with the right password and a new leading entry", async () => {
    const user = await registerUser(server.url, "locked");
    for (let i = 0; i < 3; i++) {
      const failed = await callTrpc(server.url, "auth.login", {
        type: "mutation",
        input: { email: uniqueEmail("x"), password: "wrong-wrong-1" },
        headers: via(`192.0.2.${i}, 203.0.113.30`),
      });
      expect(failed.status).toBe(401);
    }
    const retry = await callTrpc(server.url, "auth.login", {
      type: "mutation",
      input: { email: user.email, password: PASSWORD },
      headers: via("192.0.2.99, 203.0.113.30"),
    });
    expect(retry.status).toBe(429);
  });

  it("sets Secure on the session cookie only when the proxy's own entry says https", async () => {
    const user = await registerUser(server.url, "proto");
    const login = (proto: string) =>
      callTrpc(server.url, "auth.login", {
        type: "mutation",
        input: { email: user.email, password: PASSWORD },
        headers: { ...via("203.0.113.40"), "x-forwarded-proto": proto },
      });
    const cookie = async (proto: string) => (await login(proto)).headers.getSetCookie().find((c) => c.startsWith("glow_session=")) ?? "";
    expect(await cookie("https")).toMatch(/; Secure/);
    expect(await cookie("https, http")).not.toMatch(/Secure/);
  });
});

describe("through the server, trusting proxies by address", () => {
  it("ignores forwarded headers from a peer outside the list", async () => {
    const server = await startTestServer({ trustProxy: ["10.0.0.0/8"] });
    try {
      const user = await registerUser(server.url, "direct");
      const login = await callTrpc(server.url, "auth.login", {
        type: "mutation",
        input: { email: user.email, password: PASSWORD, delivery: "token" },
        headers: { "x-forwarded-for": "203.0.113.50", "x-forwarded-proto": "https" },
      });
      const sessions = await callTrpc(server.url, "auth.sessions.list", { token: (login.data as { token: string }).token });
      expect((sessions.data as Array<{ ip: string }>).map((s) => s.ip)).toEqual(["127.0.0.1", "127.0.0.1"]);
    } finally {
      await server.close();
    }
  });
});
