// Every procedure call lands in request_logs: buffered, written in batches, flushed at close.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callTrpc, startTestServer, type TestServer } from "./testing.ts";
import { registerUser } from "./security/fixtures.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ requestLog: true });
});
afterAll(() => server?.close());

describe("request logging", () => {
  it("records procedure, status, latency, user and request id, off the request path", async () => {
    const user = await registerUser(server.url);
    await callTrpc(server.url, "auth.me", { token: user.token, headers: { "x-request-id": "trace-log-0001" } });
    await callTrpc(server.url, "auth.sessions.list"); // anonymous: 401
    await callTrpc(server.url, "system.ping", { input: { message: 42 } }); // 400

    await expect.poll(async () => server.database.db.requestLog.count(), { timeout: 5000 }).toBeGreaterThanOrEqual(4);
    const rows = await server.database.db.requestLog.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.procedure, r.status])).toEqual([
      ["auth.register", 200],
      ["auth.me", 200],
      ["auth.sessions.list", 401],
      ["system.ping", 400],
    ]);
    expect(rows[1]).toMatchObject({ requestId: "trace-log-0001", userId: user.id });
    expect(rows.every((r) => r.durationMs > 0 && r.durationMs < 5000)).toBe(true);
  });
});
