// Session lifecycle from an attacker's side: fixation, the five-session cap, revoked,
// expired and forged tokens.
import { withAdminClient } from "@glow/db/testing";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callTrpc, startTestServer, type TestServer } from "../testing.ts";
import { loginWithCookie, loginWithToken, registerUser } from "./fixtures.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const whoAmI = async (token: string) => (await callTrpc(server.url, "auth.me", { token })).data as { email: string } | null;

describe("sessions", () => {
  it("issues a new token at login and ends the one the caller came with (no fixation)", async () => {
    const user = await registerUser(server.url);
    const first = await loginWithCookie(server.url, user.email);
    const second = await loginWithCookie(server.url, user.email, { cookie: first.cookie! });
    expect(second.cookie).not.toBeNull();
    expect(second.cookie).not.toBe(first.cookie);
    expect((await callTrpc(server.url, "auth.me", { cookie: first.cookie! })).data).toBeNull();
    expect((await callTrpc(server.url, "auth.me", { cookie: second.cookie! })).data).toMatchObject({ email: user.email });
  });

  it("keeps at most five sessions: the sixth ends the oldest", async () => {
    const user = await registerUser(server.url); // session 1
    const tokens = [user.token];
    for (let i = 0; i < 5; i++) tokens.push(await loginWithToken(server.url, user.email));
    expect(await whoAmI(tokens[0]!)).toBeNull();
    for (const token of tokens.slice(1)) expect(await whoAmI(token)).toMatchObject({ email: user.email });
    const list = await callTrpc(server.url, "auth.sessions.list", { token: tokens[5]! });
    const sessions = list.data as Array<{ current: boolean }>;
    expect(sessions).toHaveLength(5);
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
  });

  it("refuses a revoked token at once, even though lookups are cached", async () => {
    const user = await registerUser(server.url);
    const other = await loginWithToken(server.url, user.email);
    expect(await whoAmI(other)).not.toBeNull(); // warms the cache
    const sessions = (await callTrpc(server.url, "auth.sessions.list", { token: user.token })).data as Array<{
      id: string;
      current: boolean;
    }>;
    const target = sessions.find((s) => !s.current)!;
    const revoke = await callTrpc(server.url, "auth.sessions.revoke", { type: "mutation", token: user.token, input: { id: target.id } });
    expect(revoke.status).toBe(200);
    expect(await whoAmI(other)).toBeNull();
    const denied = await callTrpc(server.url, "auth.sessions.list", { token: other });
    expect(denied.status).toBe(401);
  });

  it("revokeOthers ends every session but the caller's", async () => {
    const user = await registerUser(server.url);
    const others = [await loginWithToken(server.url, user.email), await loginWithToken(server.url, user.email)];
    const result = await callTrpc(server.url, "auth.sessions.revokeOthers", { type: "mutation", token: user.token });
    expect(result.data).toEqual({ revoked: 2 });
    for (const token of others) expect(await whoAmI(token)).toBeNull();
    expect(await whoAmI(user.token)).not.toBeNull();
  });

  it("refuses an expired token", async () => {
    const user = await registerUser(server.url);
    const token = await loginWithToken(server.url, user.email); // never used, so never cached
    await withAdminClient(server.database.url, (client: pg.Client) =>
      client.query("UPDATE sessions SET expires_at = now() - interval '1 minute' WHERE user_id = $1", [user.id]),
    );
    expect(await whoAmI(token)).toBeNull();
    expect((await callTrpc(server.url, "auth.sessions.list", { token })).status).toBe(401);
  });

  it("refuses forged and malformed tokens with 401 on protected procedures", async () => {
    for (const token of ["a".repeat(32), "not a token", ""]) {
      const response = await callTrpc(server.url, "auth.sessions.list", { token });
      expect(response.status, token).toBe(401);
      expect(response.error?.data.code).toBe("UNAUTHORIZED");
    }
    const forgedCookie = await callTrpc(server.url, "auth.sessions.list", { cookie: `glow_session=${"b".repeat(32)}` });
    expect(forgedCookie.status).toBe(401);
  });
});
