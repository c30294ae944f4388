// Members in-process against a real database: the staff's list (read under row-level
// security), invitations sent by email, role changes and removals, and the rule that an
// organization always keeps an owner, also when owners act at the same moment.
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../context.ts";
import type { OrgRole } from "../../core/tenancy.ts";
import { createTestServices, refusedFields, testCaller } from "../../testing.ts";
import { hashToken, validateSessionToken } from "../auth/sessions.ts";

let database: TestDatabase;
let services: AppServices;

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database.db, { webUrl: "https://glow.example" });
});
afterAll(() => database.drop());

let counter = 0;
async function person(label = "person") {
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
type Person = Awaited<ReturnType<typeof person>>;

/** An organization owned by a new person, with a new member for each role given. */
async function organization(...roles: OrgRole[]) {
  const owner = await person("owner");
  const org = await owner.call.orgs.create({ name: `Gym ${counter}` });
  // On a plan with room for a team: these tests are about members, not the plan's seat limit (publish/plan.test.ts).
  await database.db.planSubscription.create({ data: { orgId: org.id, plan: "business", provider: "sandbox" } });
  const members: Person[] = [];
  for (const role of roles) {
    const member = await person(role);
    await database.db.orgMembership.create({ data: { orgId: org.id, userId: member.id, role } });
    members.push(member);
  }
  return { orgId: org.id, owner, members };
}

const roleOf = async (orgId: string, userId: string) =>
  (await database.db.orgMembership.findUnique({ where: { orgId_userId: { orgId, userId } } }))?.role ?? null;

describe("orgs.members.list", () => {
  it("pages the members newest first, filters by role and by name or email, for staff", async () => {
    const { orgId, owner, members } = await organization("staff", "client", "client", "client");
    const [staff, ...clients] = members as [Person, ...Person[]];
    const first = await staff.call.orgs.members.list({ orgId, limit: 2 });
    const second = await staff.call.orgs.members.list({ orgId, limit: 2, cursor: first.nextCursor! });
    const third = await staff.call.orgs.members.list({ orgId, limit: 2, cursor: second.nextCursor! });
    expect([...first.items, ...second.items, ...third.items].map((m) => m.userId)).toEqual(
      [...clients]
        .reverse()
        .map((c) => c.id)
        .concat(staff.id, owner.id),
    );
    expect(third.nextCursor).toBeNull();
    expect(first.items[0]).toEqual({
      userId: clients[2]!.id,
      name: expect.any(String),
      email: clients[2]!.email,
      role: "client",
      joinedAt: expect.any(Date),
    });

    expect((await owner.call.orgs.members.list({ orgId, role: "staff" })).items.map((m) => m.userId)).toEqual([staff.id]);
    expect((await owner.call.orgs.members.list({ orgId, search: clients[1]!.email.toUpperCase() })).items.map((m) => m.userId)).toEqual([
      clients[1]!.id,
    ]);
    // Search text is taken literally: "%" matches no one here.
    expect((await owner.call.orgs.members.list({ orgId, search: "%" })).items).toEqual([]);
  });

  it("shows only this organization's people, whatever the filters", async () => {
    const a = await organization("client");
    const b = await organization("client");
    const seen = await a.owner.call.orgs.members.list({ orgId: a.orgId, search: "@example.test", limit: 100 });
    expect(seen.items.map((m) => m.userId).sort()).toEqual([a.owner.id, a.members[0]!.id].sort());
    expect(seen.items.map((m) => m.userId)).not.toContain(b.members[0]!.id);
  });

  it("refuses clients and non-members (403), and bad filters naming the field (400)", async () => {
    const { orgId, owner, members } = await organization("client");
    await expect(members[0]!.call.orgs.members.list({ orgId })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Only staff of this organization can do this",
    });
    const stranger = await person("stranger");
    await expect(stranger.call.orgs.members.list({ orgId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await refusedFields(owner.call.orgs.members.list({ orgId, role: "admin" as OrgRole }))).toEqual(["role"]);
    expect(await refusedFields(owner.call.orgs.members.list({ orgId, search: "a\u0000b" }))).toEqual(["search"]);
    expect(await refusedFields(owner.call.orgs.members.list({ orgId, cursor: "yesterday" }))).toEqual(["cursor"]);
    expect(await refusedFields(owner.call.orgs.members.list({ orgId, limit: 1000 }))).toEqual(["limit"]);
  });
});

describe("orgs.members.invite", () => {
  it("emails a single link whose token only the email holds; the database keeps its SHA-256", async () => {
    const { orgId, owner } = await organization();
    const invited = await owner.call.orgs.members.invite({ orgId, email: "New.Client@Example.TEST", role: "client" });
    expect(invited).toEqual({
      invitationId: expect.stringMatching(/^[0-9a-f]{64}$/),
      email: "new.client@example.test",
      role: "client",
      expiresAt: expect.any(Date),
    });
    expect(invited.expiresAt.getTime() - Date.now()).toBeGreaterThan(7 * 86_400_000 - 60_000);
    expect(invited.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);

    const mail = await database.db.outboxEmail.findFirstOrThrow({ where: { to: "new.client@example.test" } });
    expect(mail.subject).toMatch(/^You are invited to Gym \d+ on Glow$/);
    const token = /https:\/\/glow\.example\/invite\/([a-z2-7]{32})\n/.exec(mail.text)![1]!;
    expect(hashToken(token)).toBe(invited.invitationId);
    const [row] = await database.db.$queryRaw<
      Array<{ text: string }>
    >`SELECT i::text AS text FROM org_invitations i WHERE org_id = ${orgId}::uuid`;
    expect(row!.text).not.toContain(token);
    expect(JSON.stringify(invited)).not.toContain(token);
    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { action: "orgs.member.invited", actorId: owner.id } });
    expect(audit.details).toEqual({ orgId, email: "new.client@example.test", role: "client", invitationId: invited.invitationId });
    expect(JSON.stringify(audit.details)).not.toContain(token);
  });

  it("replaces a pending invitation to the same address, also when two are sent at once", async () => {
    const { orgId, owner } = await organization();
    const first = await owner.call.orgs.members.invite({ orgId, email: "twice@example.test", role: "client" });
    const [second, third] = await Promise.all([
      owner.call.orgs.members.invite({ orgId, email: "twice@example.test", role: "staff" }),
      owner.call.orgs.members.invite({ orgId, email: "TWICE@example.test", role: "staff" }),
    ]);
    const pending = await database.db.orgInvitation.findMany({ where: { orgId } });
    expect(pending).toHaveLength(1);
    expect([second.invitationId, third.invitationId]).toContain(pending[0]!.id);
    expect(pending[0]!.id).not.toBe(first.invitationId);
  });

  it("lets staff invite clients only; owners invite anyone", async () => {
    const { orgId, owner, members } = await organization("staff", "client");
    const [staff, client] = members as [Person, Person];
    expect((await staff.call.orgs.members.invite({ orgId, email: "c@example.test", role: "client" })).role).toBe("client");
    for (const role of ["staff", "owner"] as const) {
      await expect(staff.call.orgs.members.invite({ orgId, email: "x@example.test", role })).rejects.toMatchObject({
        code: "FORBIDDEN",
        message: `Only owners can invite ${role === "owner" ? "owners" : "staff"}`,
      });
    }
    await expect(client.call.orgs.members.invite({ orgId, email: "y@example.test", role: "client" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect((await owner.call.orgs.members.invite({ orgId, email: "o@example.test", role: "owner" })).role).toBe("owner");
    expect(
      (await database.db.orgInvitation.findMany({ where: { orgId }, orderBy: { email: "asc" } })).map((i) => [i.email, i.role]),
    ).toEqual([
      ["c@example.test", "client"],
      ["o@example.test", "owner"],
    ]);
  });

  it("refuses someone who already holds that role or a higher one (409 on email)", async () => {
    const { orgId, owner, members } = await organization("staff");
    await expect(owner.call.orgs.members.invite({ orgId, email: members[0]!.email, role: "client" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This person is already staff of this organization",
    });
    expect((await owner.call.orgs.members.invite({ orgId, email: members[0]!.email, role: "owner" })).role).toBe("owner");
  });

  it("refuses a bad email or an unknown role naming the field", async () => {
    const { orgId, owner } = await organization();
    expect(await refusedFields(owner.call.orgs.members.invite({ orgId, email: "not-an-email", role: "client" }))).toEqual(["email"]);
    expect(await refusedFields(owner.call.orgs.members.invite({ orgId, email: "a@example.test", role: "coach" as OrgRole }))).toEqual([
      "role",
    ]);
    expect(await refusedFields(owner.call.orgs.members.invite({ orgId, email: "a\u0000@example.test", role: "client" }))).toEqual([
      "email",
    ]);
    expect(await database.db.orgInvitation.count({ where: { orgId } })).toBe(0);
  });
});

describe("orgs.members.setRole", () => {
  it("changes a member's role, owners only, and audits it with the organization", async () => {
    const { orgId, owner, members } = await organization("client", "staff");
    const [client, staff] = members as [Person, Person];
    expect(await owner.call.orgs.members.setRole({ orgId, userId: client.id, role: "staff" })).toMatchObject({
      userId: client.id,
      role: "staff",
    });
    await expect(staff.call.orgs.members.setRole({ orgId, userId: client.id, role: "client" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      owner.call.orgs.members.setRole({ orgId, userId: "00000000-0000-4000-8000-000000000000", role: "staff" }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await refusedFields(owner.call.orgs.members.setRole({ orgId, userId: client.id, role: "boss" as OrgRole }))).toEqual(["role"]);
    expect(await roleOf(orgId, client.id)).toBe("staff");
    const audit = await database.db.auditEvent.findFirstOrThrow({
      where: { action: "orgs.member.role_changed", subjectUserId: client.id },
    });
    expect(audit).toMatchObject({ actorId: owner.id, details: { orgId, before: "client", after: "staff", scope: "org" } });
  });

  it("never demotes the last owner (409), not even themself", async () => {
    const { orgId, owner } = await organization();
    await expect(owner.call.orgs.members.setRole({ orgId, userId: owner.id, role: "staff" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "An organization needs at least one owner: make someone else an owner first",
    });
    expect(await roleOf(orgId, owner.id)).toBe("owner");
  });

  it("keeps an owner when two owners demote each other at the same moment", async () => {
    for (let round = 0; round < 5; round++) {
      const { orgId, owner, members } = await organization("owner");
      const other = members[0]!;
      const results = await Promise.allSettled([
        owner.call.orgs.members.setRole({ orgId, userId: other.id, role: "staff" }),
        other.call.orgs.members.setRole({ orgId, userId: owner.id, role: "staff" }),
      ]);
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
      expect(await database.db.orgMembership.count({ where: { orgId, role: "owner" } })).toBe(1);
    }
  });
});

describe("orgs.members.remove", () => {
  it("lets an owner remove a member, and any member leave; others get 403", async () => {
    const { orgId, owner, members } = await organization("staff", "client", "client");
    const [staff, client, another] = members as [Person, Person, Person];
    await expect(staff.call.orgs.members.remove({ orgId, userId: client.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Only owners can remove other members",
    });
    expect(await owner.call.orgs.members.remove({ orgId, userId: client.id })).toEqual({ removed: true });
    expect(await another.call.orgs.members.remove({ orgId, userId: another.id })).toEqual({ removed: true });
    expect(await roleOf(orgId, client.id)).toBeNull();
    expect(await roleOf(orgId, another.id)).toBeNull();
    await expect(another.call.orgs.get({ orgId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(owner.call.orgs.members.remove({ orgId, userId: client.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const events = await database.db.auditEvent.findMany({ where: { action: "orgs.member.removed" }, orderBy: { id: "asc" } });
    expect(events.slice(-2).map((e) => [e.actorId, e.subjectUserId, e.details])).toEqual([
      [owner.id, client.id, { orgId, role: "client", left: false }],
      [another.id, another.id, { orgId, role: "client", left: true }],
    ]);
  });

  it("will not let the last owner leave or be removed, also when two owners leave at once", async () => {
    const lone = await organization();
    await expect(lone.owner.call.orgs.members.remove({ orgId: lone.orgId, userId: lone.owner.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "You are the last owner: make someone else an owner before you leave",
    });
    for (let round = 0; round < 5; round++) {
      const { orgId, owner, members } = await organization("owner");
      const other = members[0]!;
      const results = await Promise.allSettled([
        owner.call.orgs.members.remove({ orgId, userId: owner.id }),
        other.call.orgs.members.remove({ orgId, userId: other.id }),
      ]);
      expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
      expect(await database.db.orgMembership.count({ where: { orgId, role: "owner" } })).toBe(1);
    }
  });

  it("keeps an owner when one owner removes the other while being demoted", async () => {
    for (let round = 0; round < 5; round++) {
      const { orgId, owner, members } = await organization("owner");
      const other = members[0]!;
      await Promise.allSettled([
        owner.call.orgs.members.remove({ orgId, userId: other.id }),
        other.call.orgs.members.setRole({ orgId, userId: owner.id, role: "client" }),
      ]);
      expect(await database.db.orgMembership.count({ where: { orgId, role: "owner" } })).toBe(1);
    }
  });
});
