// The REST/OpenAPI surface for callers in other languages.
import { Validator } from "@seriousme/openapi-schema-validator";
import { seedResetCatalog } from "@glow/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerUser, type TestUser } from "./security/fixtures.ts";
import { callTrpc, startTestServer, type TestServer } from "./testing.ts";

let server: TestServer;
let person: TestUser;
let pat: string;
beforeAll(async () => {
  server = await startTestServer();
  await seedResetCatalog(server.database.db);
  person = await registerUser(server.url, "rest");
  const created = await callTrpc(server.url, "auth.tokens.create", { type: "mutation", token: person.token, input: { name: "curl", scopes: ["read", "write"] } });
  pat = (created.data as { token: string }).token;
});
afterAll(() => server.close());

const rest = (path: string, init: RequestInit = {}) =>
  fetch(`${server.url}/api${path}`, { ...init, headers: { authorization: `Bearer ${pat}`, "content-type": "application/json", ...init.headers } });

describe("OpenAPI", () => {
  it("serves a valid OpenAPI 3 document at /openapi.json, generated from the zod schemas", async () => {
    const response = await fetch(`${server.url}/openapi.json`);
    expect(response.status).toBe(200);
    const document = (await response.json()) as { openapi: string; paths: Record<string, unknown>; servers: Array<{ url: string }> };
    const result = await new Validator().validate(document as never);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toMatch(/^3\./);
    expect(document.servers[0]!.url).toBe(`${server.url}/api`);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/system/info", "/reset/plan/today", "/reset/preferences"]));
  });

  it("serves a human-readable reference at /docs under a strict CSP", async () => {
    const response = await fetch(`${server.url}/docs`);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(response.headers.get("content-security-policy")).toMatch(/^default-src 'none'; style-src 'sha256-/);
    const html = await response.text();
    expect(html).toContain("/reset/plan/today");
    expect(html).not.toContain("<script");
  });
});

describe("REST calls with an API token", () => {
  it("runs the person's day over plain HTTP", async () => {
    const categories = (await (await rest("/reset/categories")).json()) as Array<{ id: string }>;
    const picked = await rest("/reset/preferences", { method: "PUT", body: JSON.stringify({ categoryIds: [categories[0]!.id] }) });
    expect(picked.status).toBe(200);
    const plan = (await (await rest("/reset/plan", { method: "POST", body: "{}" })).json()) as { id: string; steps: Array<{ step: string }> };
    expect(plan.steps.map((s) => s.step)).toEqual(["clear", "watch", "reinforce"]);
    const done = await rest("/reset/plan/complete-step", { method: "POST", body: JSON.stringify({ planId: plan.id, step: "watch" }) });
    const body = (await done.json()) as { steps: Array<{ step: string; completedAt: string | null }> };
    expect(body.steps.find((s) => s.step === "watch")!.completedAt).toMatch(/^\d{4}-\d\d-\d\dT/); // a plain ISO string, no superjson
    expect(((await (await rest("/reset/plan/today")).json()) as { id: string }).id).toBe(plan.id);
  });

  it("answers errors as JSON with the right status", async () => {
    expect((await fetch(`${server.url}/api/reset/plan/today`)).status).toBe(401);
    const bad = await rest("/reset/plan/complete-step", { method: "POST", body: JSON.stringify({ planId: "nope", step: "dance" }) });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ code: "BAD_REQUEST" });
    const readOnly = await callTrpc(server.url, "auth.tokens.create", { type: "mutation", token: person.token, input: { name: "ro", scopes: ["read"] } });
    const refused = await fetch(`${server.url}/api/reset/plan`, {
      method: "POST",
      headers: { authorization: `Bearer ${(readOnly.data as { token: string }).token}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(refused.status).toBe(403);
    expect((await fetch(`${server.url}/api/nothing/here`)).status).toBe(404);
  });
});
