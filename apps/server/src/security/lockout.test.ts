// Credential stuffing: failures are slowed, then refused for a while; nothing tells
// whether an email has an account; two typos never lock a person out.
import { DEFAULT_RATE_LIMITS } from "@glow/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callTrpc, startTestServer, type TestServer } from "../testing.ts";
import { PASSWORD, registerUser, uniqueEmail } from "./fixtures.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    rateLimits: {
      ...DEFAULT_RATE_LIMITS,
      credentials: { points: 1000, durationSeconds: 60 },
      failedLoginsPerAccount: { points: 5, durationSeconds: 60 },
      slowAfterFailures: 2,
    },
  });
});
afterAll(() => server.close());

const login = (email: string, password: string) => callTrpc(server.url, "auth.login", { type: "mutation", input: { email, password } });

describe("login lockout", () => {
  it("lets a person who mistypes twice sign in", async () => {
    const user = await registerUser(server.url);
    expect((await login(user.email, "typo-one-here")).status).toBe(401);
    expect((await login(user.email, "typo-two-here")).status).toBe(401);
    expect((await login(user.email, PASSWORD)).status).toBe(200);
  });

  it("slows repeated failures, then refuses the account even with the right password", async () => {
    const user = await registerUser(server.url);
    const timings: number[] = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      expect((await login(user.email, `wrong-password-${i}`)).status).toBe(401);
      timings.push(performance.now() - started);
    }
    // Failures 3, 4 and 5 wait 250, 500 and 1000 ms on top of the work.
    expect(timings[4]! - timings[0]!).toBeGreaterThan(700);

    const refused = await login(user.email, PASSWORD);
    expect(refused.status).toBe(429);
    expect(refused.error?.message).toMatch(/Too many failed sign-in attempts/);
    const audit = await server.database.db.auditEvent.findMany({ where: { action: "auth.login.refused" } });
    expect(audit.length).toBeGreaterThan(0);
  });

  it("answers an unknown email exactly like a wrong password", async () => {
    const user = await registerUser(server.url);
    const wrongPassword = await login(user.email, "not-the-password");
    const unknownEmail = await login(uniqueEmail("nobody"), "not-the-password");
    expect(unknownEmail.status).toBe(wrongPassword.status);
    expect(unknownEmail.error?.message).toBe(wrongPassword.error?.message);
    expect(unknownEmail.error?.data.code).toBe(wrongPassword.error?.data.code);
  });

  it("answers a password reset request the same whether or not the email has an account", async () => {
    const user = await registerUser(server.url);
    const known = await callTrpc(server.url, "auth.password.requestReset", { type: "mutation", input: { email: user.email } });
    const unknown = await callTrpc(server.url, "auth.password.requestReset", { type: "mutation", input: { email: uniqueEmail("ghost") } });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    expect(unknown.data).toEqual(known.data);
  });
});
