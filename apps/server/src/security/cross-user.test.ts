// One user cannot see or end another user's sessions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callTrpc, startTestServer, type TestServer } from "../testing.ts";
import { registerUser, type TestUser } from "./fixtures.ts";

let server: TestServer;
let alice: TestUser;
let bob: TestUser;
beforeAll(async () => {
  server = await startTestServer();
  alice = await registerUser(server.url, "alice");
  bob = await registerUser(server.url, "bob");
});
afterAll(() => server.close());

describe("another user's sessions", () => {
  it("are not listed to anyone but their owner", async () => {
    const aliceSees = (await callTrpc(server.url, "auth.sessions.list", { token: alice.token })).data as Array<{ id: string }>;
    const bobSees = (await callTrpc(server.url, "auth.sessions.list", { token: bob.token })).data as Array<{ id: string }>;
    expect(aliceSees).toHaveLength(1);
    expect(bobSees).toHaveLength(1);
    expect(aliceSees[0]!.id).not.toBe(bobSees[0]!.id);
  });

  it("cannot be revoked by someone else: NOT_FOUND, and the session lives on", async () => {
    const bobSession = ((await callTrpc(server.url, "auth.sessions.list", { token: bob.token })).data as Array<{ id: string }>)[0]!;
    const attempt = await callTrpc(server.url, "auth.sessions.revoke", { type: "mutation", token: alice.token, input: { id: bobSession.id } });
    expect(attempt.status).toBe(404);
    expect((await callTrpc(server.url, "auth.me", { token: bob.token })).data).toMatchObject({ email: bob.email });
  });

  it("are out of reach of anonymous callers", async () => {
    expect((await callTrpc(server.url, "auth.sessions.list")).status).toBe(401);
    expect((await callTrpc(server.url, "auth.sessions.revokeOthers", { type: "mutation" })).status).toBe(401);
  });
});
