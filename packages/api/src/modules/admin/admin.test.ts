// Admin operations in-process against a real database (HTTP-level refusals for
// non-admins are in apps/server/src/security/admin-access.test.ts).
import { seedDemo } from "@glow/db";
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../context.ts";
import { validateSessionToken } from "../auth/sessions.ts";
import { createTestServices, refusedFields, testCaller } from "../../testing.ts";

let database: TestDatabase;
let services: AppServices;
let admin: ReturnType<typeof testCaller>;
let adminId: string;

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database.db);
  await seedDemo(database.db, { nodeEnv: "test" });
  const login = await testCaller(services).auth.login({ email: "admin@glow.dev", password: "glow-demo-password", delivery: "token" });
  adminId = login.account.id;
  admin = testCaller(services, { caller: await validateSessionToken(services, login.token!) });
  for (let i = 0; i < 7; i++) {
    await testCaller(services).auth.register({
      email: `member${i}@example.test`,
      password: "sunflower-violin-42",
      name: `Member ${i}`,
      delivery: "token",
    });
  }
});
afterAll(() => database.drop());

describe("admin.users", () => {
  it("lists users newest first in pages, and searches by email or name", async () => {
    const first = await admin.admin.users.list({ limit: 4 });
    expect(first.items).toHaveLength(4);
    expect(first.items[0]!.email).toBe("member6@example.test");
    const second = await admin.admin.users.list({ limit: 4, cursor: first.nextCursor! });
    const third = await admin.admin.users.list({ limit: 4, cursor: second.nextCursor! });
    const all = [...first.items, ...second.items, ...third.items].map((u) => u.email);
    expect(new Set(all).size).toBe(9);
    expect(third.nextCursor).toBeNull();

    expect((await admin.admin.users.list({ search: "MEMBER3", limit: 10 })).items.map((u) => u.name)).toEqual(["Member 3"]);
    expect((await admin.admin.users.list({ search: "uma", limit: 10 })).items.map((u) => u.email)).toEqual(["user@glow.dev"]);
  });

  it("sets roles, refuses unknown roles, and will not let an admin drop their own admin role", async () => {
    const target = (await admin.admin.users.list({ search: "member1@", limit: 1 })).items[0]!;
    expect((await admin.admin.users.setRoles({ id: target.id, roles: ["user", "admin"] })).roles).toEqual(["admin", "user"]);
    await expect(admin.admin.users.setRoles({ id: target.id, roles: ["wizard"] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(admin.admin.users.setRoles({ id: adminId, roles: ["user"] })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const event = await database.db.auditEvent.findFirstOrThrow({
      where: { action: "admin.user.roles_changed", subjectUserId: target.id },
    });
    expect(event.details).toEqual({ before: ["user"], after: ["admin", "user"] });
  });

  it("deactivates a user: their sessions end and they cannot sign in", async () => {
    const login = await testCaller(services).auth.login({
      email: "member2@example.test",
      password: "sunflower-violin-42",
      delivery: "token",
    });
    const result = await admin.admin.users.deactivate({ id: login.account.id });
    expect(result.deactivatedAt).toBeInstanceOf(Date);
    expect(await validateSessionToken(services, login.token!)).toBeNull();
    await expect(testCaller(services).auth.login({ email: "member2@example.test", password: "sunflower-violin-42" })).rejects.toMatchObject(
      {
        code: "UNAUTHORIZED",
      },
    );
    await expect(admin.admin.users.deactivate({ id: adminId })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("shows a user's sessions and linked providers", async () => {
    const target = (await admin.admin.users.list({ search: "member4@", limit: 1 })).items[0]!;
    const detail = await admin.admin.users.get({ id: target.id });
    expect(detail.sessions).toHaveLength(1);
    expect(detail.sessions[0]!.current).toBe(false);
    expect((await admin.admin.users.get({ id: adminId })).sessions.filter((s) => s.current)).toHaveLength(1);
    expect(detail.linkedProviders).toEqual([]);
    await expect(admin.admin.users.get({ id: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("admin.roles, admin.audit, admin.outbox", () => {
  it("creates roles and counts their users", async () => {
    await admin.admin.roles.create({ name: "Coach", description: "Trains clients" });
    const roles = await admin.admin.roles.list();
    expect(roles.map((r) => r.name)).toEqual(["admin", "coach", "user"]);
    expect(roles.find((r) => r.name === "user")!.userCount).toBe(9);
    await expect(admin.admin.roles.create({ name: "coach", description: "" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("pages through the audit log, filtered by action, naming who", async () => {
    const page = await admin.admin.audit.list({ action: "auth.register", limit: 5 });
    expect(page.items).toHaveLength(5);
    expect(page.items[0]!.actorEmail).toMatch(/@example\.test$/);
    expect(page.items.every((e) => e.action === "auth.register")).toBe(true);
    const rest = await admin.admin.audit.list({ action: "auth.register", limit: 5, cursor: page.nextCursor! });
    expect(rest.items).toHaveLength(2);
    expect(Number(rest.items[0]!.id)).toBeLessThan(Number(page.items[4]!.id));
  });

  it("shows the development outbox", async () => {
    const mail = await admin.admin.outbox.list({ to: "member5@example.test", limit: 10 });
    expect(mail.items.map((m) => m.subject)).toEqual(["Confirm your email for Glow"]);
  });
});

describe("malformed cursors", () => {
  it("are refused as BAD_REQUEST, never a database error", async () => {
    await expect(admin.admin.users.list({ limit: 5, cursor: "not-a-uuid" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(admin.admin.audit.list({ limit: 5, cursor: "12abc" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(admin.admin.outbox.list({ limit: 5, cursor: "x" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(admin.admin.reset.creators.list({ limit: 5, cursor: "x" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("admin.requests and admin.users.revokeSession", () => {
  it("explores the request log by procedure, status class, user and request id", async () => {
    const userId = (await admin.admin.users.list({ search: "member5@", limit: 1 })).items[0]!.id;
    const now = new Date();
    await database.db.requestLog.createMany({
      data: [
        { requestId: "req-aaaa-1111", procedure: "reset.plan.today", status: 200, durationMs: 3.5, userId, createdAt: now },
        { requestId: "req-aaaa-1111", procedure: "reset.videos.curated", status: 200, durationMs: 7.25, userId, createdAt: now },
        { requestId: "req-bbbb-2222", procedure: "auth.login", status: 401, durationMs: 12, userId: null, createdAt: now },
        { requestId: "req-cccc-3333", procedure: "reset.plan.generate", status: 500, durationMs: 40, userId, createdAt: now },
      ],
    });
    expect((await admin.admin.requests.list({ status: "5xx", limit: 10 })).items.map((r) => r.requestId)).toEqual(["req-cccc-3333"]);
    expect((await admin.admin.requests.list({ status: 401, limit: 10 })).items.map((r) => r.procedure)).toEqual(["auth.login"]);
    expect((await admin.admin.requests.list({ procedure: "reset.", userId, limit: 10 })).items).toHaveLength(3);
    const request = await admin.admin.requests.get({ requestId: "req-aaaa-1111" });
    expect(request.map((r) => r.procedure)).toEqual(["reset.plan.today", "reset.videos.curated"]);
    expect(request[0]).toMatchObject({ userEmail: "member5@example.test", durationMs: 3.5 });
    await expect(admin.admin.requests.get({ requestId: "nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const first = await admin.admin.requests.list({ limit: 2 });
    expect((await admin.admin.requests.list({ limit: 2, cursor: first.nextCursor! })).items).toHaveLength(2);
  });

  it("lets an admin end another user's session, and only that user's", async () => {
    const login = await testCaller(services).auth.login({
      email: "member6@example.test",
      password: "sunflower-violin-42",
      delivery: "token",
    });
    const detail = await admin.admin.users.get({ id: login.account.id });
    const sessionId = detail.sessions[0]!.id;
    const other = (await admin.admin.users.list({ search: "member4@", limit: 1 })).items[0]!;
    await expect(admin.admin.users.revokeSession({ userId: other.id, sessionId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await admin.admin.users.revokeSession({ userId: login.account.id, sessionId })).toEqual({ revoked: true });
    expect(await validateSessionToken(services, login.token!)).toBeNull();
  });
});

describe("input the database would refuse", () => {
  it("refuses cursors past bigint and dates outside 1970–2200, naming the field", async () => {
    expect(await refusedFields(admin.admin.audit.list({ limit: 5, cursor: "9999999999999999999" }))).toEqual(["cursor"]);
    expect(await refusedFields(admin.admin.requests.list({ limit: 5, cursor: "9223372036854775808" }))).toEqual(["cursor"]);
    expect((await admin.admin.audit.list({ limit: 5, cursor: "9223372036854775807" })).items).toHaveLength(5);
    expect(await refusedFields(admin.admin.requests.list({ limit: 5, from: new Date(8.64e15) }))).toEqual(["from"]);
    expect(await refusedFields(admin.admin.requests.list({ limit: 5, to: new Date(-8.64e15) }))).toEqual(["to"]);
    expect(await refusedFields(admin.admin.users.list({ limit: 5, search: "ada\u0000" }))).toEqual(["search"]);
  });

  it("searches take %, _ and \\ literally", async () => {
    for (const [email, name] of [
      ["pct-a@example.test", "Percent 100% Sure"],
      ["pct-b@example.test", "Percent 1000 Sure"],
      ["under-a@example.test", "Under_score"],
      ["back-a@example.test", "Back\\slash"],
    ] as const) {
      await testCaller(services).auth.register({ email, password: "sunflower-violin-42", name, delivery: "token" });
    }
    const names = async (search: string) => (await admin.admin.users.list({ search, limit: 100 })).items.map((u) => u.name);
    expect(await names("%")).toEqual(["Percent 100% Sure"]);
    expect(await names("0%")).toEqual(["Percent 100% Sure"]);
    expect(await names("_")).toEqual(["Under_score"]);
    expect(await names("\\")).toEqual(["Back\\slash"]);
    await database.db.requestLog.create({ data: { requestId: "req-like-1", procedure: "reset.plan.today", status: 200, durationMs: 1 } });
    expect((await admin.admin.requests.list({ procedure: "%", limit: 10 })).items).toEqual([]);
    expect((await admin.admin.requests.list({ procedure: "reset_plan", limit: 10 })).items).toEqual([]);
  });

  it("treats a role named constructor as a role like any other", async () => {
    await admin.admin.roles.create({ name: "constructor", description: "Named like Object.prototype.constructor" });
    const login = await testCaller(services).auth.register({
      email: "proto-role@example.test",
      password: "sunflower-violin-42",
      name: "Proto",
      delivery: "token",
    });
    await admin.admin.users.setRoles({ id: login.account.id, roles: ["constructor", "user"] });
    const person = testCaller(services, { caller: await validateSessionToken(services, login.token!) });
    expect((await person.auth.me())!.roles).toEqual(["constructor", "user"]);
    await expect(person.admin.metrics.overview()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await admin.admin.users.setRoles({ id: login.account.id, roles: ["admin", "constructor"] });
    const promoted = testCaller(services, { caller: await validateSessionToken(services, login.token!) });
    expect((await promoted.admin.metrics.overview()).totalUsers).toBeGreaterThan(0);
  });
});

describe("admin lists page by keyset", () => {
  it("go on from where they were after the row at the cursor is deleted", async () => {
    for (let i = 0; i < 5; i++) {
      await testCaller(services).auth.register({
        email: `pager${i}@example.test`,
        password: "sunflower-violin-42",
        name: `Pager ${i}`,
        delivery: "token",
      });
    }
    const first = await admin.admin.users.list({ search: "pager", limit: 2 });
    expect(first.items.map((u) => u.name)).toEqual(["Pager 4", "Pager 3"]);
    await database.db.user.delete({ where: { id: first.items[1]!.id } });
    const second = await admin.admin.users.list({ search: "pager", limit: 2, cursor: first.nextCursor! });
    expect(second.items.map((u) => u.name)).toEqual(["Pager 2", "Pager 1"]);
  });
});
