// Invitations in-process against a real database: the public preview, accepting (the right
// person, once, before it expires, also when two accepts race), the staff's list and revoking.
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../context.ts";
import type { OrgRole } from "../../core/tenancy.ts";
import { createTestServices, refusedFields, testCaller } from "../../testing.ts";
import { validateSessionToken } from "../auth/sessions.ts";

let database: TestDatabase;
let services: AppServices;

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database.db);
});
afterAll(() => database.drop());

let counter = 0;
async function person(label = "person", email = `${label}${++counter}@example.test`) {
  const { token, account } = await testCaller(services).auth.register({
    email,
    password: "sunflower-violin-42",
    name: `${label} ${counter}`,
    delivery: "token",
  });
  return { id: account.id, email, call: testCaller(services, { caller: await validateSessionToken(services, token!) }) };
}
type Person = Awaited<ReturnType<typeof person>>;

async function organization(name = `Studio ${++counter}`) {
  const owner = await person("owner");
  const org = await owner.call.orgs.create({ name });
  // On a plan with room for a team: these tests are about invitations, not the plan's seat limit (publish/plan.test.ts).
  await database.db.planSubscription.create({ data: { orgId: org.id, plan: "business", provider: "sandbox" } });
  return { orgId: org.id, name, owner };
}

/** Invites `email` and returns the token from the emailed link. */
async function invite(inviter: Person, orgId: string, email: string, role: OrgRole = "client") {
  const invited = await inviter.call.orgs.members.invite({ orgId, email, role });
  const mail = await database.db.outboxEmail.findFirstOrThrow({ where: { to: email.toLowerCase() }, orderBy: { createdAt: "desc" } });
  return { ...invited, token: /\/invite\/([a-z2-7]+)\n/.exec(mail.text)![1]! };
}

describe("orgs.invitations.preview", () => {
  it("tells anyone holding the link who invites whom, as what, and whether it expired", async () => {
    const { orgId, name, owner } = await organization("Preview Gym");
    const { token, invitationId } = await invite(owner, orgId, "preview@example.test", "staff");
    const anonymous = testCaller(services);
    expect(await anonymous.orgs.invitations.preview({ token })).toEqual({
      organizationName: name,
      role: "staff",
      email: "preview@example.test",
      expired: false,
    });
    await database.db.orgInvitation.update({ where: { id: invitationId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect((await anonymous.orgs.invitations.preview({ token })).expired).toBe(true);
  });

  it("says a made-up or used link is not valid, on token (400)", async () => {
    const anonymous = testCaller(services);
    await expect(anonymous.orgs.invitations.preview({ token: "a".repeat(32) })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "This invitation link is not valid, or it was already used",
      cause: { field: "token" },
    });
    expect(await refusedFields(anonymous.orgs.invitations.preview({ token: "short" }))).toEqual(["token"]);
    expect(await refusedFields(anonymous.orgs.invitations.preview({ token: `${"a".repeat(20)}\u0000` }))).toEqual(["token"]);
  });
});

describe("orgs.invitations.accept", () => {
  it("makes the invited person a member with the invited role, once", async () => {
    const { orgId, name, owner } = await organization();
    const newcomer = await person("newcomer");
    const { token, invitationId } = await invite(owner, orgId, newcomer.email.toUpperCase());
    expect(await newcomer.call.orgs.invitations.accept({ token })).toEqual({ orgId, name, role: "client" });
    expect((await newcomer.call.orgs.mine()).map((org) => [org.id, org.role])).toEqual([[orgId, "client"]]);
    const row = await database.db.orgInvitation.findUniqueOrThrow({ where: { id: invitationId } });
    expect(row).toMatchObject({ acceptedById: newcomer.id, acceptedAt: expect.any(Date) });
    await expect(newcomer.call.orgs.invitations.accept({ token })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      cause: { field: "token" },
    });
    await expect(testCaller(services).orgs.invitations.preview({ token })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { action: "orgs.invitation.accepted", actorId: newcomer.id } });
    expect(audit.details).toEqual({ orgId, invitationId, invited: "client", before: null, role: "client" });
  });

  it("refuses another account (403, naming both addresses) and leaves the invitation usable", async () => {
    const { orgId, owner } = await organization();
    const invitee = await person("invitee");
    const someoneElse = await person("else");
    const { token } = await invite(owner, orgId, invitee.email);
    await expect(someoneElse.call.orgs.invitations.accept({ token })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: `This invitation was sent to ${invitee.email}, and you are signed in as ${someoneElse.email}: sign in with that address to accept it`,
    });
    expect(await database.db.orgMembership.count({ where: { orgId, userId: someoneElse.id } })).toBe(0);
    expect((await invitee.call.orgs.invitations.accept({ token })).role).toBe("client");
  });

  it("refuses an expired invitation (400 on token)", async () => {
    const { orgId, owner } = await organization();
    const late = await person("late");
    const { token, invitationId } = await invite(owner, orgId, late.email);
    await database.db.orgInvitation.update({ where: { id: invitationId }, data: { expiresAt: new Date(Date.now() - 1) } });
    await expect(late.call.orgs.invitations.accept({ token })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "This invitation has expired: ask for a new one",
    });
    expect(await database.db.orgMembership.count({ where: { orgId, userId: late.id } })).toBe(0);
  });

  it("lets exactly one of two parallel accepts through", async () => {
    for (let round = 0; round < 5; round++) {
      const { orgId, owner } = await organization();
      const eager = await person("eager");
      const { token, invitationId } = await invite(owner, orgId, eager.email, "staff");
      const results = await Promise.allSettled([
        eager.call.orgs.invitations.accept({ token }),
        eager.call.orgs.invitations.accept({ token }),
      ]);
      expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
      expect(
        await database.db.auditEvent.count({
          where: { action: "orgs.invitation.accepted", details: { path: ["invitationId"], equals: invitationId } },
        }),
      ).toBe(1);
      expect((await database.db.orgMembership.findUniqueOrThrow({ where: { orgId_userId: { orgId, userId: eager.id } } })).role).toBe(
        "staff",
      );
    }
  });

  it("raises a member's role to the invited one, and never lowers it", async () => {
    const { orgId, owner } = await organization();
    const member = await person("member");
    await database.db.orgMembership.create({ data: { orgId, userId: member.id, role: "client" } });
    expect((await member.call.orgs.invitations.accept({ token: (await invite(owner, orgId, member.email, "staff")).token })).role).toBe(
      "staff",
    );
    // An invitation to a lower role than the one held now (sent before a promotion) changes nothing.
    const { token } = await invite(owner, orgId, "later@example.test", "client");
    const later = await person("later", "later@example.test");
    await database.db.orgMembership.create({ data: { orgId, userId: later.id, role: "owner" } });
    expect((await later.call.orgs.invitations.accept({ token })).role).toBe("owner");
    expect((await database.db.orgMembership.findUniqueOrThrow({ where: { orgId_userId: { orgId, userId: later.id } } })).role).toBe(
      "owner",
    );
  });

  it("asks for a signed-in caller", async () => {
    await expect(testCaller(services).orgs.invitations.accept({ token: "a".repeat(32) })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("orgs.invitations.list and revoke", () => {
  it("lists what is not accepted yet, newest first with who invited, for staff", async () => {
    const { orgId, owner } = await organization();
    const staff = await person("staff");
    const client = await person("client");
    await database.db.orgMembership.createMany({
      data: [
        { orgId, userId: staff.id, role: "staff" },
        { orgId, userId: client.id, role: "client" },
      ],
    });
    const accepted = await person("accepted");
    await accepted.call.orgs.invitations.accept({ token: (await invite(owner, orgId, accepted.email)).token });
    const old = await invite(staff, orgId, "old@example.test");
    await database.db.orgInvitation.update({ where: { id: old.invitationId }, data: { expiresAt: new Date(Date.now() - 1) } });
    const fresh = await invite(owner, orgId, "fresh@example.test", "staff");
    const list = await staff.call.orgs.invitations.list({ orgId });
    expect(list).toEqual([
      {
        invitationId: fresh.invitationId,
        email: "fresh@example.test",
        role: "staff",
        invitedBy: { userId: owner.id, name: expect.any(String) },
        createdAt: expect.any(Date),
        expiresAt: fresh.expiresAt,
        expired: false,
      },
      expect.objectContaining({ invitationId: old.invitationId, invitedBy: { userId: staff.id, name: expect.any(String) }, expired: true }),
    ]);
    await expect(client.call.orgs.invitations.list({ orgId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // An inviter who left is no longer named.
    await staff.call.orgs.members.remove({ orgId, userId: staff.id });
    expect((await owner.call.orgs.invitations.list({ orgId })).find((i) => i.invitationId === old.invitationId)!.invitedBy).toBeNull();
  });

  it("withdraws an invitation so its link no longer works; staff only clients'", async () => {
    const { orgId, owner } = await organization();
    const staff = await person("staff");
    await database.db.orgMembership.create({ data: { orgId, userId: staff.id, role: "staff" } });
    const forClient = await invite(owner, orgId, "withdrawn@example.test");
    const forStaff = await invite(owner, orgId, "colleague@example.test", "staff");
    await expect(staff.call.orgs.invitations.revoke({ orgId, invitationId: forStaff.invitationId })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Only owners can withdraw an invitation for staff or owners",
    });
    expect(await staff.call.orgs.invitations.revoke({ orgId, invitationId: forClient.invitationId })).toEqual({ revoked: true });
    await expect(staff.call.orgs.invitations.revoke({ orgId, invitationId: forClient.invitationId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(testCaller(services).orgs.invitations.preview({ token: forClient.token })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const withdrawnPerson = await person("withdrawn", "withdrawn@example.test");
    await expect(withdrawnPerson.call.orgs.invitations.accept({ token: forClient.token })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { action: "orgs.invitation.revoked", actorId: staff.id } });
    expect(audit.details).toEqual({ orgId, invitationId: forClient.invitationId, email: "withdrawn@example.test", role: "client" });
    expect(await refusedFields(owner.call.orgs.invitations.revoke({ orgId, invitationId: forClient.token }))).toEqual(["invitationId"]);
  });

  it("cannot reach another organization's invitation", async () => {
    const a = await organization();
    const b = await organization();
    const theirs = await invite(b.owner, b.orgId, "theirs@example.test");
    await expect(a.owner.call.orgs.invitations.revoke({ orgId: a.orgId, invitationId: theirs.invitationId })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await a.owner.call.orgs.invitations.list({ orgId: a.orgId })).map((i) => i.email)).toEqual([]);
    expect(await database.db.orgInvitation.count({ where: { id: theirs.invitationId } })).toBe(1);
  });
});
