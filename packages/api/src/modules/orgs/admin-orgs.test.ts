// admin.orgs.* in-process: platform admins (read:organizations / write:organizations) see every
// organization with its parent, children and members, and support can change a member's role.
import { seedDemo } from "@glow/db";
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../context.ts";
import type { OrgRole } from "../../core/tenancy.ts";
import { createTestServices, refusedFields, testCaller } from "../../testing.ts";
import { validateSessionToken } from "../auth/sessions.ts";

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
});
afterAll(() => database.drop());

let counter = 0;
async function person(label: string) {
  counter += 1;
  const email = `${label}${counter}@example.test`;
  const { token, account } = await testCaller(services).auth.register({
    email,
    password: "sunflower-violin-42",
    name: `${label} ${counter}`,
    delivery: "token",
  });
  return { id: account.id, email, call: testCaller(services, { caller: await validateSessionToken(services, token!) }) };
}

describe("admin.orgs", () => {
  it("lists every organization newest first in pages, searching name or slug", async () => {
    const founder = await person("founder");
    const names = ["Alpha Fitness", "Beta Boxing", "Gamma Yoga", "Delta Dance"];
    for (const name of names) await founder.call.orgs.create({ name });
    const first = await admin.admin.orgs.list({ limit: 3 });
    const second = await admin.admin.orgs.list({ limit: 3, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((org) => org.name)).toEqual([...names].reverse());
    expect(second.nextCursor).toBeNull();
    expect(first.items[0]).toEqual({
      id: expect.any(String),
      name: "Delta Dance",
      slug: "delta-dance",
      parent: null,
      memberCount: 1,
      createdAt: expect.any(Date),
    });
    expect((await admin.admin.orgs.list({ search: "BOXING" })).items.map((org) => org.slug)).toEqual(["beta-boxing"]);
    expect((await admin.admin.orgs.list({ search: "gamma-y" })).items.map((org) => org.name)).toEqual(["Gamma Yoga"]);
    expect(await refusedFields(admin.admin.orgs.list({ search: "\u0000" }))).toEqual(["search"]);
  });

  it("keeps the search on every page, also among organizations made in the same millisecond", async () => {
    await database.db.organization.createMany({
      data: Array.from({ length: 7 }, (_, i) => ({ name: `Crowd Club ${i}`, slug: `crowd-club-${i}` })),
    });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await admin.admin.orgs.list({ search: "crowd club", limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((org) => org.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.sort()).toEqual(Array.from({ length: 7 }, (_, i) => `Crowd Club ${i}`));
  });

  it("shows one organization with its parent, children and members by role", async () => {
    const head = await person("head");
    const coach = await person("coach");
    const client = await person("client");
    const hq = await head.call.orgs.create({ name: "Admin HQ" });
    const branch = await head.call.orgs.create({ name: "Admin Branch", parentId: hq.id });
    await database.db.orgMembership.createMany({
      data: [
        { orgId: branch.id, userId: client.id, role: "client" },
        { orgId: branch.id, userId: coach.id, role: "staff" },
      ],
    });
    expect(await admin.admin.orgs.get({ orgId: hq.id })).toMatchObject({
      id: hq.id,
      parent: null,
      memberCount: 1,
      children: [{ id: branch.id, name: "Admin Branch", slug: "admin-branch", memberCount: 3 }],
    });
    const detail = await admin.admin.orgs.get({ orgId: branch.id });
    expect(detail.parent).toEqual({ id: hq.id, name: "Admin HQ" });
    expect(detail.members.map((m) => [m.userId, m.role])).toEqual([
      [head.id, "owner"],
      [coach.id, "staff"],
      [client.id, "client"],
    ]);
    expect(detail.members[1]).toEqual({
      userId: coach.id,
      name: expect.any(String),
      email: coach.email,
      role: "staff",
      joinedAt: expect.any(Date),
    });
    await expect(admin.admin.orgs.get({ orgId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lets support change a member's role, keeping an owner, audited as the admin's", async () => {
    const founder = await person("founder");
    const helper = await person("helper");
    const org = await founder.call.orgs.create({ name: "Support Case" });
    await database.db.orgMembership.create({ data: { orgId: org.id, userId: helper.id, role: "client" } });
    expect(await admin.admin.orgs.setMemberRole({ orgId: org.id, userId: helper.id, role: "owner" })).toMatchObject({
      userId: helper.id,
      role: "owner",
    });
    expect((await admin.admin.orgs.setMemberRole({ orgId: org.id, userId: founder.id, role: "staff" })).role).toBe("staff");
    await expect(admin.admin.orgs.setMemberRole({ orgId: org.id, userId: helper.id, role: "client" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await expect(admin.admin.orgs.setMemberRole({ orgId: org.id, userId: adminId, role: "client" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await refusedFields(admin.admin.orgs.setMemberRole({ orgId: org.id, userId: helper.id, role: "root" as OrgRole }))).toEqual([
      "role",
    ]);
    const audit = await database.db.auditEvent.findFirstOrThrow({
      where: { action: "orgs.member.role_changed", subjectUserId: helper.id },
    });
    expect(audit).toMatchObject({ actorId: adminId, details: { orgId: org.id, before: "client", after: "owner", scope: "admin" } });
  });

  it("refuses people whose roles do not grant the organizations permissions", async () => {
    const plain = await person("plain");
    const org = await plain.call.orgs.create({ name: "Plain Gym" });
    await expect(plain.call.admin.orgs.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(plain.call.admin.orgs.get({ orgId: org.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(plain.call.admin.orgs.setMemberRole({ orgId: org.id, userId: plain.id, role: "client" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const permissions = (await admin.auth.me())!.permissions;
    expect(permissions).toEqual(expect.arrayContaining(["read:organizations:any", "write:organizations:any"]));
  });
});
