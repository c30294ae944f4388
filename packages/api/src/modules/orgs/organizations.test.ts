// Organizations in-process against a real database: creating (slugs, parents), listing mine,
// reading one, renaming and re-parenting (never into a loop), and a parent's children.
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../context.ts";
import { createTestServices, refusedFields, testCaller } from "../../testing.ts";
import { validateSessionToken } from "../auth/sessions.ts";
import { slugFrom } from "./organizations.ts";

let database: TestDatabase;
let services: AppServices;

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database.db);
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

const NOBODY = "00000000-0000-4000-8000-000000000000";

describe("slugFrom", () => {
  it("makes lowercase ASCII with dashes from any name", () => {
    expect(slugFrom("Café Zürich")).toBe("cafe-zurich");
    expect(slugFrom("  Iron & Oak  Gym!! ")).toBe("iron-oak-gym");
    expect(slugFrom("健身房")).toBe("org");
    expect(slugFrom("x".repeat(80))).toHaveLength(48);
  });
});

describe("orgs.create", () => {
  it("makes the creator its owner, with a slug from the name", async () => {
    const ada = await person("ada");
    const org = await ada.call.orgs.create({ name: "  Northside Strength  " });
    expect(org).toMatchObject({ name: "Northside Strength", slug: "northside-strength", parentId: null, role: "owner" });
    expect(await ada.call.orgs.mine()).toEqual([org]);
    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { action: "orgs.created", actorId: ada.id } });
    expect(audit.details).toMatchObject({ orgId: org.id, name: "Northside Strength", parentId: null });
  });

  it("numbers a taken slug -2, -3, … also when creators race", async () => {
    const bo = await person("bo");
    const first = await bo.call.orgs.create({ name: "Racing Gym" });
    const second = await bo.call.orgs.create({ name: "racing gym!" });
    expect([first.slug, second.slug]).toEqual(["racing-gym", "racing-gym-2"]);
    const racers = await Promise.all(Array.from({ length: 6 }, () => bo.call.orgs.create({ name: "Racing Gym" })));
    expect(racers.map((org) => org.slug).sort()).toEqual([
      "racing-gym-3",
      "racing-gym-4",
      "racing-gym-5",
      "racing-gym-6",
      "racing-gym-7",
      "racing-gym-8",
    ]);
  });

  it("puts a new organization under a parent only for that parent's owners: 403 for others and for unknown ids alike", async () => {
    const owner = await person("owner");
    const staff = await person("staff");
    const head = await owner.call.orgs.create({ name: "Head Office" });
    const child = await owner.call.orgs.create({ name: "Branch", parentId: head.id });
    expect(child.parentId).toBe(head.id);
    await database.db.orgMembership.create({ data: { orgId: head.id, userId: staff.id, role: "staff" } });
    const refusals = await Promise.all(
      [staff.call.orgs.create({ name: "Rogue", parentId: head.id }), staff.call.orgs.create({ name: "Rogue", parentId: NOBODY })].map(
        (call) => call.catch((error: { code: string; message: string }) => error),
      ),
    );
    for (const refusal of refusals) {
      expect(refusal).toMatchObject({
        code: "FORBIDDEN",
        message: "Only an owner of the parent organization can put an organization under it",
      });
    }
    expect(await database.db.organization.count({ where: { name: "Rogue" } })).toBe(0);
  });

  it("refuses bad input naming the field: no name, a long one, NUL bytes, a parent that is no id", async () => {
    const cy = await person("cy");
    expect(await refusedFields(cy.call.orgs.create({ name: "   " }))).toEqual(["name"]);
    expect(await refusedFields(cy.call.orgs.create({ name: "x".repeat(101) }))).toEqual(["name"]);
    expect(await refusedFields(cy.call.orgs.create({ name: "Gym\u0000" }))).toEqual(["name"]);
    expect(await refusedFields(cy.call.orgs.create({ name: "Gym", parentId: "head-office" }))).toEqual(["parentId"]);
    expect(await cy.call.orgs.mine()).toEqual([]);
  });

  it("asks for a signed-in caller", async () => {
    await expect(testCaller(services).orgs.create({ name: "Anonymous" })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(testCaller(services).orgs.mine()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});

describe("orgs.mine and orgs.get", () => {
  it("list each organization once with the caller's role there, and describe one to any member", async () => {
    const dee = await person("dee");
    const eli = await person("eli");
    const gym = await dee.call.orgs.create({ name: "B Gym" });
    const studio = await eli.call.orgs.create({ name: "A Studio" });
    await database.db.orgMembership.createMany({
      data: [
        { orgId: studio.id, userId: dee.id, role: "client" },
        { orgId: gym.id, userId: eli.id, role: "staff" },
      ],
    });
    expect((await dee.call.orgs.mine()).map((org) => [org.name, org.role])).toEqual([
      ["A Studio", "client"],
      ["B Gym", "owner"],
    ]);
    expect(await eli.call.orgs.get({ orgId: gym.id })).toEqual({
      id: gym.id,
      name: "B Gym",
      slug: "b-gym",
      parent: null,
      myRole: "staff",
      memberCounts: { owner: 1, staff: 1, client: 0 },
      createdAt: expect.any(Date),
    });
    expect((await dee.call.orgs.get({ orgId: studio.id })).myRole).toBe("client");
  });

  it("refuses non-members and unknown organizations alike (403), and an id that is none (400)", async () => {
    const fay = await person("fay");
    const stranger = await person("stranger");
    const org = await fay.call.orgs.create({ name: "Private Gym" });
    await expect(stranger.call.orgs.get({ orgId: org.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(stranger.call.orgs.get({ orgId: NOBODY })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "You are not a member of this organization",
    });
    expect(await refusedFields(fay.call.orgs.get({ orgId: "private-gym" }))).toEqual(["orgId"]);
  });
});

describe("orgs.update", () => {
  it("renames (the slug stays, so links keep working), owners only", async () => {
    const gus = await person("gus");
    const helper = await person("helper");
    const org = await gus.call.orgs.create({ name: "Old Name" });
    await database.db.orgMembership.create({ data: { orgId: org.id, userId: helper.id, role: "staff" } });
    await expect(helper.call.orgs.update({ orgId: org.id, name: "Staff Name" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const renamed = await gus.call.orgs.update({ orgId: org.id, name: "New Name" });
    expect(renamed).toMatchObject({ name: "New Name", slug: "old-name", myRole: "owner" });
    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { action: "orgs.updated", actorId: gus.id } });
    expect(audit.details).toEqual({ orgId: org.id, before: "Old Name", after: "New Name" });
    expect(await refusedFields(gus.call.orgs.update({ orgId: org.id, name: "" }))).toEqual(["name"]);
  });

  it("moves under another parent only for an owner of both, and out from under one", async () => {
    const hal = await person("hal");
    const other = await person("other");
    const a = await hal.call.orgs.create({ name: "Chain A" });
    const b = await other.call.orgs.create({ name: "Chain B" });
    const shop = await hal.call.orgs.create({ name: "Shop" });
    await expect(hal.call.orgs.update({ orgId: shop.id, parentId: b.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(hal.call.orgs.update({ orgId: shop.id, parentId: NOBODY })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await hal.call.orgs.update({ orgId: shop.id, parentId: a.id })).parent).toEqual({ id: a.id, name: "Chain A" });
    expect((await hal.call.orgs.update({ orgId: shop.id, parentId: null })).parent).toBeNull();
    const moves = await database.db.auditEvent.findMany({ where: { action: "orgs.reparented", actorId: hal.id }, orderBy: { id: "asc" } });
    expect(moves.map((event) => event.details)).toEqual([
      { orgId: shop.id, before: null, after: a.id },
      { orgId: shop.id, before: a.id, after: null },
    ]);
  });

  it("never closes a loop, however deep, and says so on parentId (400)", async () => {
    const ivy = await person("ivy");
    const top = await ivy.call.orgs.create({ name: "Top" });
    const middle = await ivy.call.orgs.create({ name: "Middle", parentId: top.id });
    const bottom = await ivy.call.orgs.create({ name: "Bottom", parentId: middle.id });
    for (const parentId of [top.id, middle.id, bottom.id]) {
      await expect(ivy.call.orgs.update({ orgId: top.id, parentId })).rejects.toMatchObject({
        code: "BAD_REQUEST",
        message: "An organization cannot be put under itself or under one of its own children",
        cause: { field: "parentId" },
      });
    }
    expect((await database.db.organization.findUniqueOrThrow({ where: { id: top.id } })).parentId).toBeNull();
  });

  it("lets only one of two crossing moves through (A under B while B goes under A)", async () => {
    const jo = await person("jo");
    for (let round = 0; round < 5; round++) {
      const a = await jo.call.orgs.create({ name: `Cross A${round}` });
      const b = await jo.call.orgs.create({ name: `Cross B${round}` });
      const results = await Promise.allSettled([
        jo.call.orgs.update({ orgId: a.id, parentId: b.id }),
        jo.call.orgs.update({ orgId: b.id, parentId: a.id }),
      ]);
      expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
      const rows = await database.db.organization.findMany({ where: { id: { in: [a.id, b.id] } } });
      expect(rows.filter((row) => row.parentId !== null)).toHaveLength(1);
    }
  });
});

describe("orgs.children", () => {
  it("shows an owner every organization below, at any depth, with members by role only", async () => {
    const kim = await person("kim");
    const coach = await person("coach");
    const head = await kim.call.orgs.create({ name: "HQ" });
    const east = await kim.call.orgs.create({ name: "East", parentId: head.id });
    const west = await kim.call.orgs.create({ name: "West", parentId: head.id });
    const eastSide = await kim.call.orgs.create({ name: "East Side", parentId: east.id });
    await database.db.orgMembership.createMany({
      data: [
        { orgId: east.id, userId: coach.id, role: "staff" },
        { orgId: eastSide.id, userId: coach.id, role: "client" },
      ],
    });
    expect(await kim.call.orgs.children({ orgId: head.id })).toEqual([
      { id: east.id, name: "East", slug: "east", parentId: head.id, depth: 1, memberCounts: { owner: 1, staff: 1, client: 0 } },
      { id: west.id, name: "West", slug: "west", parentId: head.id, depth: 1, memberCounts: { owner: 1, staff: 0, client: 0 } },
      {
        id: eastSide.id,
        name: "East Side",
        slug: "east-side",
        parentId: east.id,
        depth: 2,
        memberCounts: { owner: 1, staff: 0, client: 1 },
      },
    ]);
    expect(await kim.call.orgs.children({ orgId: eastSide.id })).toEqual([]);
    await expect(coach.call.orgs.children({ orgId: east.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
