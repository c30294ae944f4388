// Permissions are data: roles grant them, admins grant and revoke them, and a person's next
// request sees the change (their cached credential is dropped). With REDIS_URL the admin and
// the person are served by two instances sharing Redis, as in production.
import { seedDemo } from "@glow/db";
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../context.ts";
import { PERMISSIONS } from "../../core/permissions.ts";
import { createTestServices, refusedFields, testCaller, testRedisUrl } from "../../testing.ts";
import { validateSessionToken } from "../auth/sessions.ts";
import { validateApiToken } from "../auth/tokens.ts";

const redisUrl = testRedisUrl();
const redis = redisUrl ? [new Redis(redisUrl), new Redis(redisUrl)] : [];
let database: TestDatabase;
let adminSide: AppServices;
let personSide: AppServices;
let admin: ReturnType<typeof testCaller>;
let adminId: string;

const PASSWORD = "sunflower-violin-42";

async function person(email: string) {
  const { account, token } = await testCaller(personSide).auth.register({
    email,
    password: PASSWORD,
    name: email.split("@")[0]!,
    delivery: "token",
  });
  // Each call validates the token as a request would, through the cache.
  const request = async () => testCaller(personSide, { caller: await validateSessionToken(personSide, token!) });
  return { id: account.id, token: token!, request };
}

async function permissionId(name: string): Promise<string> {
  const [action, entity, access] = name.split(":");
  return (await admin.admin.permissions.list()).find((p) => p.action === action && p.entity === entity && p.access === access)!.id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  adminSide = createTestServices(database.db, { redis: redis[0] ?? null });
  personSide = redis[1] ? createTestServices(database.db, { redis: redis[1] }) : adminSide;
  await seedDemo(database.db, { nodeEnv: "test" });
  const login = await testCaller(adminSide).auth.login({ email: "admin@glow.dev", password: "glow-demo-password", delivery: "token" });
  adminId = login.account.id;
  admin = testCaller(adminSide, { caller: await validateSessionToken(adminSide, login.token!) });
});
afterAll(async () => {
  await Promise.all(redis.map((client) => client.quit()));
  await database.drop();
});

describe(`permissions as data${redisUrl ? " (two instances sharing Redis)" : " (one instance, in-process cache: REDIS_URL is not set)"}`, () => {
  it("lists every permission the code knows, seeded for any row and granted to admin", async () => {
    const permissions = await admin.admin.permissions.list();
    expect(permissions.map((p) => `${p.action}:${p.entity}`).sort()).toEqual(Object.keys(PERMISSIONS).sort());
    expect(permissions.every((p) => p.access === "any")).toBe(true);
    const metrics = permissions.find((p) => p.entity === "metrics")!;
    expect(metrics.description).toBe(PERMISSIONS["read:metrics"]);
    const roles = await admin.admin.roles.list();
    expect(
      roles
        .find((r) => r.name === "admin")!
        .permissions.map((p) => p.id)
        .sort(),
    ).toEqual(permissions.map((p) => p.id).sort());
    expect(roles.find((r) => r.name === "user")!.permissions).toEqual([]);
  });

  it("a granted permission applies on the person's next request, and a revoked one goes as fast", async () => {
    const viewer = await person("viewer@example.test");
    const role = await admin.admin.roles.create({ name: "metrics-viewer", description: "Sees the numbers" });
    expect(role.permissions).toEqual([]);
    await admin.admin.users.setRoles({ id: viewer.id, roles: ["user", "metrics-viewer"] });
    await expect((await viewer.request()).admin.metrics.overview()).rejects.toMatchObject({ code: "FORBIDDEN" }); // now cached

    const readMetrics = await permissionId("read:metrics:any");
    expect(await admin.admin.roles.grant({ roleId: role.id, permissionId: readMetrics })).toEqual({ granted: true });
    expect(await admin.admin.roles.grant({ roleId: role.id, permissionId: readMetrics })).toEqual({ granted: true }); // once is enough
    expect((await (await viewer.request()).admin.metrics.overview()).totalUsers).toBeGreaterThan(0);
    expect((await (await viewer.request()).auth.me())!.permissions).toEqual(["read:metrics:any"]);
    await expect((await viewer.request()).admin.users.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    const listed = (await admin.admin.roles.list()).find((r) => r.name === "metrics-viewer")!;
    expect(listed.permissions.map((p) => [p.action, p.entity, p.access])).toEqual([["read", "metrics", "any"]]);

    expect(await admin.admin.roles.revoke({ roleId: role.id, permissionId: readMetrics })).toEqual({ revoked: true });
    await expect((await viewer.request()).admin.metrics.overview()).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await (await viewer.request()).auth.me())!.permissions).toEqual([]);

    const events = await database.db.auditEvent.findMany({
      where: { action: { startsWith: "admin.role.permission_" } },
      orderBy: { id: "asc" },
    });
    expect(events.map((e) => [e.action, e.actorId, e.details])).toEqual([
      ["admin.role.permission_granted", adminId, { role: "metrics-viewer", permission: "read:metrics:any" }],
      ["admin.role.permission_revoked", adminId, { role: "metrics-viewer", permission: "read:metrics:any" }],
    ]);
  });

  it("an API token without the admin scope keeps what the owner's other roles grant, not admin's", async () => {
    const owner = await person("scripted@example.test");
    const role = await admin.admin.roles.create({ name: "auditor", description: "" });
    await admin.admin.roles.grant({ roleId: role.id, permissionId: await permissionId("read:audit:any") });
    await admin.admin.users.setRoles({ id: owner.id, roles: ["admin", "auditor", "user"] });
    const signedIn = await owner.request();
    const { token } = await signedIn.auth.tokens.create({ name: "script", scopes: ["read"] });
    const narrowed = await validateApiToken(personSide, token);
    expect(narrowed!.roles).toEqual(["auditor", "user"]);
    expect(narrowed!.permissions).toEqual(["read:audit:any"]);
    const { token: adminToken } = await signedIn.auth.tokens.create({ name: "admin script", scopes: ["read", "admin"] });
    expect((await validateApiToken(personSide, adminToken))!.permissions).toContain("read:metrics:any");
  });

  it("will not take write:roles from the last role that has it, nor from the caller's only role with it", async () => {
    const writeRoles = await permissionId("write:roles:any");
    const adminRole = (await admin.admin.roles.list()).find((r) => r.name === "admin")!;
    await expect(admin.admin.roles.revoke({ roleId: adminRole.id, permissionId: writeRoles })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/No other role may grant permissions/),
      cause: { field: "permissionId" },
    });

    const keeper = await admin.admin.roles.create({ name: "role-keeper", description: "" });
    await admin.admin.roles.grant({ roleId: keeper.id, permissionId: writeRoles });
    await expect(admin.admin.roles.revoke({ roleId: adminRole.id, permissionId: writeRoles })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: expect.stringMatching(/your only role/),
      cause: { field: "permissionId" },
    });
    // The keeper role holds nobody, and the admin keeps it through admin: it may go.
    expect(await admin.admin.roles.revoke({ roleId: keeper.id, permissionId: writeRoles })).toEqual({ revoked: true });
    expect((await admin.admin.roles.list()).find((r) => r.name === "admin")!.permissions.some((p) => p.id === writeRoles)).toBe(true);
  });

  it("refuses malformed ids naming the field, and unknown ones as NOT_FOUND", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000";
    const roleId = (await admin.admin.roles.list())[0]!.id;
    const permission = await permissionId("read:users:any");
    expect(await refusedFields(admin.admin.roles.grant({ roleId: "admin", permissionId: permission }))).toEqual(["roleId"]);
    expect(await refusedFields(admin.admin.roles.revoke({ roleId, permissionId: "read:users" }))).toEqual(["permissionId"]);
    await expect(admin.admin.roles.grant({ roleId: unknown, permissionId: permission })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(admin.admin.roles.revoke({ roleId, permissionId: unknown })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses people whose roles do not grant write:roles (403) and anonymous callers (401)", async () => {
    const member = await person("member@example.test");
    const input = { roleId: (await admin.admin.roles.list())[0]!.id, permissionId: await permissionId("read:users:any") };
    await expect((await member.request()).admin.roles.grant(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect((await member.request()).admin.roles.revoke(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect((await member.request()).admin.permissions.list()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(testCaller(personSide).admin.roles.grant(input)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(testCaller(personSide).admin.permissions.list()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
