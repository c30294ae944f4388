// Rate limits over HTTP: RateLimit-* headers, 429 past the limit, per caller, and the reset.
import { DEFAULT_RATE_LIMITS } from "@glow/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callTrpc, startTestServer, type TestServer } from "../testing.ts";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({
    rateLimits: { ...DEFAULT_RATE_LIMITS, read: { points: 5, durationSeconds: 2 }, credentials: { points: 3, durationSeconds: 60 } },
  });
});
afterAll(() => server.close());

describe("rate limits", () => {
  it("sends RateLimit headers, refuses past the limit with 429 and Retry-After, then resets", async () => {
    const first = await callTrpc(server.url, "system.ping");
    expect(first.headers.get("ratelimit-limit")).toBe("5");
    expect(first.headers.get("ratelimit-remaining")).toBe("4");
    expect(first.headers.get("ratelimit-policy")).toBe("5;w=2");
    for (let i = 0; i < 4; i++) expect((await callTrpc(server.url, "system.ping")).status).toBe(200);

    const refused = await callTrpc(server.url, "system.ping");
    expect(refused.status).toBe(429);
    expect(refused.error?.data.code).toBe("TOO_MANY_REQUESTS");
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);

    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect((await callTrpc(server.url, "system.ping")).status).toBe(200);
  });

  it("limits sign-in attempts per account more strictly, with a readable message", async () => {
    const attempt = () =>
      callTrpc(server.url, "auth.login", { type: "mutation", input: { email: "someone@example.test", password: "whatever-it-is" } });
    for (let i = 0; i < 3; i++) expect((await attempt()).status).toBe(401);
    const refused = await attempt();
    expect(refused.status).toBe(429);
    expect(refused.error?.message).toMatch(/Try again in \d+ minute/);
  });
});
