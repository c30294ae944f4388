// Personal access tokens: shown once, stored hashed, limited by scope and by their owner,
// unable to manage credentials, and dead the moment they are revoked.
import { DEFAULT_RATE_LIMITS } from "@glow/api";
import { seedDemo } from "@glow/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callTrpc, startTestServer, type TestServer } from "../testing.ts";
import { registerUser, type TestUser } from "./fixtures.ts";

let server: TestServer;
let owner: TestUser;
let adminSession: string;

beforeAll(async () => {
  server = await startTestServer();
  await seedDemo(server.database.db, { nodeEnv: "test" });
  owner = await registerUser(server.url, "dev");
  const login = await callTrpc(server.url, "auth.login", {
    type: "mutation",
    input: { email: "admin@glow.dev", password: "glow-demo-password", delivery: "token" },
  });
  adminSession = (login.data as { token: string }).token;
});
afterAll(() => server.close());

async function createToken(session: string, scopes: string[], extra: Record<string, unknown> = {}) {
  const response = await callTrpc(server.url, "auth.tokens.create", {
    type: "mutation",
    token: session,
    input: { name: "ci script", scopes, ...extra },
  });
  return { response, token: (response.data as { token?: string } | undefined)?.token ?? "" };
}

describe("API tokens", () => {
  it("are shown once and stored only as a hash", async () => {
    const { response, token } = await createToken(owner.token, ["read"]);
    expect(response.status).toBe(200);
    expect(token).toMatch(/^glow_pat_[a-z2-7]{32}$/);
    const listed = await callTrpc(server.url, "auth.tokens.list", { token: owner.token });
    expect(JSON.stringify(listed.data)).not.toContain(token);
    expect((listed.data as Array<{ prefix: string }>)[0]!.prefix).toBe(token.slice(0, 13));
    const rows = await server.database.db.apiToken.findMany();
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("read scope: queries only", async () => {
    const { token } = await createToken(owner.token, ["read"]);
    expect((await callTrpc(server.url, "auth.me", { token })).data).toMatchObject({ email: owner.email });
    const write = await callTrpc(server.url, "auth.profile.update", { type: "mutation", token, input: { name: "Changed" } });
    expect(write.status).toBe(403);
    expect(write.error?.message).toMatch(/"write" scope/);
  });

  it("write scope: mutations too, and its use is recorded", async () => {
    const { token } = await createToken(owner.token, ["read", "write"]);
    expect((await callTrpc(server.url, "auth.profile.update", { type: "mutation", token, input: { name: "Dev Writer" } })).status).toBe(
      200,
    );
    const row = await server.database.db.apiToken.findFirstOrThrow({ where: { prefix: token.slice(0, 13) } });
    expect(row.lastUsedAt).toBeInstanceOf(Date);
  });

  it("never exceed their owner: only admins get admin tokens, and admin needs the admin scope", async () => {
    const refused = await createToken(owner.token, ["read", "admin"]);
    expect(refused.response.status).toBe(400);
    expect(refused.response.error?.data.fieldErrors).toHaveProperty("scopes");

    const plain = await createToken(adminSession, ["read"]);
    expect((await callTrpc(server.url, "admin.users.list", { token: plain.token, input: {} })).status).toBe(403);
    const scoped = await createToken(adminSession, ["read", "admin"]);
    expect((await callTrpc(server.url, "admin.users.list", { token: scoped.token, input: {} })).status).toBe(200);
  });

  it("cannot manage credentials: tokens, sessions, passwords", async () => {
    const { token } = await createToken(owner.token, ["read", "write"]);
    for (const [path, type, input] of [
      ["auth.tokens.create", "mutation", { name: "x", scopes: ["read"] }],
      ["auth.tokens.list", "query", undefined],
      ["auth.sessions.list", "query", undefined],
      ["auth.sessions.revokeOthers", "mutation", undefined],
      ["auth.password.change", "mutation", { currentPassword: "sunflower-violin-42", newPassword: "another-long-passphrase-1" }],
    ] as const) {
      const response = await callTrpc(server.url, path, { type, token, input });
      expect(response.status, path).toBe(403);
    }
  });

  it("stop working the moment they are revoked, and only their owner can revoke them", async () => {
    const { token } = await createToken(owner.token, ["read"]);
    expect((await callTrpc(server.url, "auth.me", { token })).data).not.toBeNull(); // cached now
    const id = (
      (await callTrpc(server.url, "auth.tokens.list", { token: owner.token })).data as Array<{ id: string; prefix: string }>
    ).find((t) => t.prefix === token.slice(0, 13))!.id;
    const stranger = await registerUser(server.url, "stranger");
    expect((await callTrpc(server.url, "auth.tokens.revoke", { type: "mutation", token: stranger.token, input: { id } })).status).toBe(404);
    expect((await callTrpc(server.url, "auth.me", { token })).data).not.toBeNull();
    expect((await callTrpc(server.url, "auth.tokens.revoke", { type: "mutation", token: owner.token, input: { id } })).status).toBe(200);
    expect((await callTrpc(server.url, "auth.me", { token })).data).toBeNull();
    expect((await callTrpc(server.url, "reset.preferences.get", { token })).status).toBe(401);
  });

  it("expire, and die with a deactivated owner", async () => {
    const soon = await createToken(owner.token, ["read"], { expiresAt: new Date(Date.now() + 60_000) });
    await server.database.db.apiToken.updateMany({
      where: { prefix: soon.token.slice(0, 13) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await callTrpc(server.url, "auth.me", { token: soon.token })).data).toBeNull();
    const past = await createToken(owner.token, ["read"], { expiresAt: new Date(Date.now() - 60_000) });
    expect(past.response.status).toBe(400);

    const doomed = await registerUser(server.url, "doomed");
    const { token } = await createToken(doomed.token, ["read"]);
    expect((await callTrpc(server.url, "auth.me", { token })).data).not.toBeNull(); // cached now
    await callTrpc(server.url, "admin.users.deactivate", { type: "mutation", token: adminSession, input: { id: doomed.id } });
    expect((await callTrpc(server.url, "auth.me", { token })).data).toBeNull();
  });

  it("are rate-limited like their owner", async () => {
    const limited = await startTestServer({ rateLimits: { ...DEFAULT_RATE_LIMITS, read: { points: 3, durationSeconds: 60 } } });
    try {
      const person = await registerUser(limited.url, "limited");
      const created = await callTrpc(limited.url, "auth.tokens.create", {
        type: "mutation",
        token: person.token,
        input: { name: "t", scopes: ["read"] },
      });
      const token = (created.data as { token: string }).token;
      // Three reads a minute for this person, whichever credential they use.
      await callTrpc(limited.url, "auth.me", { token });
      await callTrpc(limited.url, "auth.me", { token: person.token });
      expect((await callTrpc(limited.url, "auth.me", { token })).status).toBe(200);
      expect((await callTrpc(limited.url, "auth.me", { token: person.token })).status).toBe(429);
      expect((await callTrpc(limited.url, "auth.me", { token })).status).toBe(429);
    } finally {
      await limited.close();
    }
  });
});
