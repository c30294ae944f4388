// The REST/OpenAPI surface for callers in other languages.
import { Validator } from "@seriousme/openapi-schema-validator";
import { DEMO_PASSWORD, seedDemo, seedResetCatalog } from "@glow/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerUser, type TestUser } from "./security/fixtures.ts";
import { callTrpc, startTestServer, type TestServer } from "./testing.ts";

let server: TestServer;
let person: TestUser;
let pat: string;
let adminPat: string;
beforeAll(async () => {
  server = await startTestServer({ version: "9.9.9-openapi" });
  await seedResetCatalog(server.database.db);
  await seedDemo(server.database.db, { nodeEnv: "test" });
  person = await registerUser(server.url, "rest");
  const created = await callTrpc(server.url, "auth.tokens.create", {
    type: "mutation",
    token: person.token,
    input: { name: "curl", scopes: ["read", "write"] },
  });
  pat = (created.data as { token: string }).token;
  const admin = await callTrpc(server.url, "auth.login", {
    type: "mutation",
    input: { email: "admin@glow.dev", password: DEMO_PASSWORD, delivery: "token" },
  });
  const adminCreated = await callTrpc(server.url, "auth.tokens.create", {
    type: "mutation",
    token: (admin.data as { token: string }).token,
    input: { name: "ops", scopes: ["read", "admin"] },
  });
  adminPat = (adminCreated.data as { token: string }).token;
});

type Operation = { security?: Array<Record<string, string[]>>; responses: Record<string, unknown> };
const apiDocument = async () =>
  (await (await fetch(`${server.url}/openapi.json`)).json()) as {
    paths: Record<string, Record<string, Operation>>;
    components: { securitySchemes: Record<string, unknown> };
  };
afterAll(() => server.close());

const rest = (path: string, init: RequestInit = {}) =>
  fetch(`${server.url}/api${path}`, {
    ...init,
    headers: { authorization: `Bearer ${pat}`, "content-type": "application/json", ...init.headers },
  });

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

  it("declares a credential exactly where an anonymous caller is refused, operation by operation", async () => {
    const { paths, components } = await apiDocument();
    expect(Object.keys(components.securitySchemes).sort()).toEqual(["bearer", "sessionCookie"]);
    const checked: string[] = [];
    const wrong: string[] = [];
    for (const [path, operations] of Object.entries(paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const anonymous = await fetch(`${server.url}/api${path}`, {
          method: method.toUpperCase(),
          ...(method === "get" ? {} : { headers: { "content-type": "application/json" }, body: "{}" }),
        });
        const required = operation.security?.every((requirement) => Object.keys(requirement).length > 0) ?? false;
        const declared = JSON.stringify(operation.security ?? null);
        const refused = anonymous.status === 401;
        if (refused && (declared !== JSON.stringify([{ bearer: [] }, { sessionCookie: [] }]) || !("401" in operation.responses))) {
          wrong.push(`${method} ${path} refuses anonymous callers but declares ${declared}`);
        }
        if (!refused && required) wrong.push(`${method} ${path} answers anonymous callers (${anonymous.status}) but requires ${declared}`);
        checked.push(`${method} ${path}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(checked).toEqual(expect.arrayContaining(["get /system/info", "get /system/status", "get /reset/plan/today"]));
    expect(paths["/system/info"]!.get!.security).toBeUndefined();
    expect(paths["/system/ping"]!.get!.security).toBeUndefined();
    expect(paths["/system/info"]!.get!.responses).not.toHaveProperty("401");
    // Signed in or not: the account of whoever calls, or null.
    expect(paths["/me"]!.get!.security).toEqual([{}, { bearer: [] }, { sessionCookie: [] }]);
  });

  it("tells anonymous callers only that the server answers; its version and uptime are for administrators", async () => {
    const info = await fetch(`${server.url}/api/system/info`);
    expect(await info.json()).toEqual({ name: "Glow", status: "ok" });
    expect((await fetch(`${server.url}/api/system/status`)).status).toBe(401);
    expect((await rest("/system/status")).status).toBe(403); // a person without metrics access
    const status = await fetch(`${server.url}/api/system/status`, { headers: { authorization: `Bearer ${adminPat}` } });
    expect(status.status).toBe(200);
    expect(await status.json()).toMatchObject({
      name: "Glow",
      version: "9.9.9-openapi",
      uptimeSeconds: expect.any(Number),
      startedAt: expect.any(String),
    });
  });

  it("serves a human-readable reference at /docs under a strict CSP", async () => {
    const response = await fetch(`${server.url}/docs`);
    expect(response.headers.get("content-type")).toContain("text/html");
    expect(response.headers.get("content-security-policy")).toMatch(/^default-src 'none'; style-src 'sha256-/);
    const html = await response.text();
    expect(html).toContain("/reset/plan/today");
    expect(html).not.toContain("<script");
    expect(html).toMatch(/\/system\/info<\/code><\/h3>/); // no lock on a public operation
    expect(html).toMatch(/\/system\/status<\/code> <span class="lock">\(bearer token\)/);
    expect(html).toMatch(/\/me<\/code> <span class="lock">\(token optional\)/);
  });
});

describe("REST calls with an API token", () => {
  it("runs the person's day over plain HTTP", async () => {
    const categories = (await (await rest("/reset/categories")).json()) as Array<{ id: string }>;
    const picked = await rest("/reset/preferences", { method: "PUT", body: JSON.stringify({ categoryIds: [categories[0]!.id] }) });
    expect(picked.status).toBe(200);
    const plan = (await (await rest("/reset/plan", { method: "POST", body: "{}" })).json()) as {
      id: string;
      steps: Array<{ step: string }>;
    };
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
    const readOnly = await callTrpc(server.url, "auth.tokens.create", {
      type: "mutation",
      token: person.token,
      input: { name: "ro", scopes: ["read"] },
    });
    const refused = await fetch(`${server.url}/api/reset/plan`, {
      method: "POST",
      headers: { authorization: `Bearer ${(readOnly.data as { token: string }).token}`, "content-type": "application/json" },
      body: "{}",
    });
    expect(refused.status).toBe(403);
    expect((await fetch(`${server.url}/api/nothing/here`)).status).toBe(404);
  });
});
