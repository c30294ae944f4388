// Malformed input to every auth.* procedure is a 400 naming what is wrong, never a 500.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callTrpc, startTestServer, type TestServer } from "../testing.ts";
import { loginWithToken, registerUser, type TestUser } from "./fixtures.ts";
import { proceduresUnder } from "./procedures.ts";

const authProcedures = proceduresUnder("auth.");
const garbage: Array<[string, unknown]> = [
  ["a number", { json: 42 }],
  ["wrong field types", { json: { email: 7, password: ["x"], name: {}, token: 5, id: null, provider: "myspace", newPassword: 1 } }],
  ["an array", { json: [1, 2, 3] }],
  ["a string", { json: "just a string" }],
];

let server: TestServer;
let user: TestUser;
beforeAll(async () => {
  server = await startTestServer();
  user = await registerUser(server.url);
});
afterAll(() => server.close());

describe("malformed input", () => {
  it("covers every auth procedure", () => {
    expect(authProcedures.length).toBeGreaterThanOrEqual(14);
  });

  for (const [label, rawInput] of garbage) {
    it.each(authProcedures)(`$path answers ${label} with 400`, async ({ path, type }) => {
      // A fresh session each time: authed procedures check the caller before the input.
      const token = await loginWithToken(server.url, user.email);
      const response = await callTrpc(server.url, path, { type, rawInput, token });
      expect(response.status).toBe(400);
      expect(response.error?.data.code).toBe("BAD_REQUEST");
    });
  }

  it("names the offending fields", async () => {
    const response = await callTrpc(server.url, "auth.register", {
      type: "mutation",
      input: { email: "not-an-email", password: "short", name: "" },
    });
    expect(response.status).toBe(400);
    expect(Object.keys(response.error!.data.fieldErrors!).sort()).toEqual(["email", "name", "password"]);
  });

  it("answers text PostgreSQL cannot store (NUL, unpaired surrogates) with 400 naming each field, and stores nothing", async () => {
    const email = "nul-name@example.test";
    const response = await callTrpc(server.url, "auth.register", {
      type: "mutation",
      input: { email, password: "sunflower-violin-42", name: "Ada\u0000Lovelace", delivery: "token" },
    });
    expect(response.status).toBe(400);
    expect(Object.keys(response.error!.data.fieldErrors!)).toEqual(["name"]);
    expect(await server.database.db.user.count({ where: { email } })).toBe(0);
    const search = await callTrpc(server.url, "system.ping", { input: { message: "\ud800" } });
    expect(search.status).toBe(400);
    expect(Object.keys(search.error!.data.fieldErrors!)).toEqual(["message"]);
  });

  it("names the field even when its key is an Object.prototype property's name", async () => {
    // Raw JSON: superjson's own client refuses to send such keys, any other client can.
    const body = '{"json":{"constructor":"\\ud800","toString":"\\u0000","email":"a@example.test"}}';
    const response = await fetch(`${server.url}/trpc/auth.password.requestReset`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    expect(response.status).toBe(400);
    const error = ((await response.json()) as { error: { json: { data: { fieldErrors: Record<string, string[]> } } } }).error.json;
    expect(Object.keys(error.data.fieldErrors).sort()).toEqual(["(input).constructor", "toString"]);
  });

  it("rejects common passwords with a reason", async () => {
    const response = await callTrpc(server.url, "auth.register", {
      type: "mutation",
      input: { email: "common@example.test", password: "password123", name: "Common" },
    });
    expect(response.status).toBe(400);
    expect(response.error!.data.fieldErrors!.password![0]).toMatch(/too easy to guess/);
  });
});
