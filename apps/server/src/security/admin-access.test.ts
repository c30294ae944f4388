// Every admin.* procedure refuses non-admins (403), anonymous callers and bad tokens (401).
// The list comes from the router itself, so a new admin procedure is covered automatically.
import { seedDemo } from "@glow/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callTrpc, startTestServer, type TestServer } from "../testing.ts";
import { loginWithToken, registerUser, type TestUser } from "./fixtures.ts";
import { proceduresUnder } from "./procedures.ts";

const adminProcedures = proceduresUnder("admin.");
let server: TestServer;
let user: TestUser;
let adminToken: string;

beforeAll(async () => {
  server = await startTestServer();
  await seedDemo(server.database.db, { nodeEnv: "test" });
  user = await registerUser(server.url);
  const login = await callTrpc(server.url, "auth.login", {
    type: "mutation",
    input: { email: "admin@glow.dev", password: "glow-demo-password", delivery: "token" },
  });
  adminToken = (login.data as { token: string }).token;
});
afterAll(() => server.close());

describe("admin procedures", () => {
  it("are enumerated from the router", () => {
    expect(adminProcedures.length).toBeGreaterThanOrEqual(8);
    expect(adminProcedures.map((p) => p.path)).toContain("admin.users.setRoles");
  });

  it.each(adminProcedures)("$path refuses a signed-in non-admin with FORBIDDEN", async ({ path, type }) => {
    const response = await callTrpc(server.url, path, { type, token: user.token, input: {} });
    expect(response.status).toBe(403);
    expect(response.error?.data.code).toBe("FORBIDDEN");
  });

  it.each(adminProcedures)("$path refuses anonymous callers with UNAUTHORIZED", async ({ path, type }) => {
    const response = await callTrpc(server.url, path, { type, input: {} });
    expect(response.status).toBe(401);
  });

  it.each(adminProcedures)("$path refuses a bad token with UNAUTHORIZED", async ({ path, type }) => {
    const response = await callTrpc(server.url, path, { type, token: "x".repeat(32), input: {} });
    expect(response.status).toBe(401);
  });

  it("serves an admin, and a role change takes effect on the user's next request", async () => {
    const list = await callTrpc(server.url, "admin.users.list", { token: adminToken, input: { search: user.email } });
    expect(list.status).toBe(200);
    expect((list.data as { items: Array<{ id: string }> }).items.map((u) => u.id)).toEqual([user.id]);

    const userToken = await loginWithToken(server.url, user.email);
    expect((await callTrpc(server.url, "admin.roles.list", { token: userToken })).status).toBe(403); // now cached
    const grant = await callTrpc(server.url, "admin.users.setRoles", {
      type: "mutation",
      token: adminToken,
      input: { id: user.id, roles: ["user", "admin"] },
    });
    expect(grant.status).toBe(200);
    expect((await callTrpc(server.url, "admin.roles.list", { token: userToken })).status).toBe(200);
  });
});
