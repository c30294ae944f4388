// The web app's session cookie: HttpOnly, SameSite=Lax, Secure over HTTPS, cleared at sign-out.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callTrpc, sessionCookieFrom, startTestServer, type TestServer } from "../testing.ts";
import { loginWithCookie, registerUser } from "./fixtures.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("session cookie", () => {
  it("is HttpOnly, SameSite=Lax, Path=/, long-lived, and not Secure over plain HTTP", async () => {
    const user = await registerUser(server.url);
    const { response } = await loginWithCookie(server.url, user.email);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("glow_session="))!;
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Path=\//);
    expect(Number(/; Max-Age=(\d+)/.exec(cookie)?.[1])).toBeGreaterThan(30 * 24 * 3600 - 60);
    expect(cookie).not.toMatch(/Secure/);
  });

  it("is Secure when the server is reached over HTTPS through a trusted proxy", async () => {
    const proxied = await startTestServer({ trustProxy: true });
    try {
      const user = await registerUser(proxied.url);
      const { response } = await loginWithCookie(proxied.url, user.email, {});
      // loginWithCookie sends no forwarded header; send one now.
      const https = await callTrpc(proxied.url, "auth.login", {
        type: "mutation",
        input: { email: user.email, password: "sunflower-violin-42" },
        headers: { "x-forwarded-proto": "https" },
      });
      expect(response.headers.getSetCookie().join()).not.toMatch(/Secure/);
      expect(https.headers.getSetCookie().find((c) => c.startsWith("glow_session="))).toMatch(/; Secure/);
    } finally {
      await proxied.close();
    }
  });

  it("ignores X-Forwarded-Proto from an untrusted client", async () => {
    const user = await registerUser(server.url);
    const response = await callTrpc(server.url, "auth.login", {
      type: "mutation",
      input: { email: user.email, password: "sunflower-violin-42" },
      headers: { "x-forwarded-proto": "https" },
    });
    expect(response.headers.getSetCookie().join()).not.toMatch(/Secure/);
  });

  it("signs the browser in, and sign-out clears it", async () => {
    const user = await registerUser(server.url);
    const { cookie } = await loginWithCookie(server.url, user.email);
    const me = await callTrpc(server.url, "auth.me", { cookie: cookie! });
    expect(me.data).toMatchObject({ email: user.email });

    const logout = await callTrpc(server.url, "auth.logout", { type: "mutation", cookie: cookie! });
    expect(logout.headers.getSetCookie().find((c) => c.startsWith("glow_session="))).toMatch(/Max-Age=0/);
    expect(sessionCookieFrom(logout.headers)).toBe("glow_session=");
    expect((await callTrpc(server.url, "auth.me", { cookie: cookie! })).data).toBeNull();
  });
});
