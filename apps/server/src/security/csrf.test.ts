// CSRF: a state-changing request from a foreign Origin is refused before it runs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ALLOWED_ORIGIN, callTrpc, startTestServer, type TestServer } from "../testing.ts";
import { loginWithCookie, registerUser } from "./fixtures.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

describe("cross-site requests", () => {
  it("refuses a mutation from a foreign origin with 403 and changes nothing", async () => {
    const user = await registerUser(server.url);
    const { cookie } = await loginWithCookie(server.url, user.email);
    const attack = await callTrpc(server.url, "auth.sessions.revokeOthers", {
      type: "mutation",
      cookie: cookie!,
      origin: "https://evil.example",
    });
    expect(attack.status).toBe(403);
    const sessions = await callTrpc(server.url, "auth.sessions.list", { token: user.token });
    expect((sessions.data as unknown[]).length).toBe(2);
  });

  it("refuses login CSRF from a foreign origin", async () => {
    const user = await registerUser(server.url);
    const { response } = await loginWithCookie(server.url, user.email, { origin: "https://evil.example" });
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it("accepts mutations from the allowed web origin and from non-browser callers", async () => {
    const user = await registerUser(server.url);
    const { cookie } = await loginWithCookie(server.url, user.email, { origin: ALLOWED_ORIGIN });
    expect(cookie).not.toBeNull();
    const fromWeb = await callTrpc(server.url, "auth.sessions.revokeOthers", { type: "mutation", cookie: cookie!, origin: ALLOWED_ORIGIN });
    expect(fromWeb.status).toBe(200);
    const fromScript = await callTrpc(server.url, "auth.logout", { type: "mutation", token: user.token });
    expect(fromScript.status).toBe(200);
  });
});
