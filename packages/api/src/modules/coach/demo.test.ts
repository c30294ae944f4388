// The coach demo data: every coach screen has something to show, and seeding twice changes nothing.
import { randomUUID } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../context.ts";
import { createTestServices, testCaller } from "../../testing.ts";
import { COACH_DEMO_ORGANIZATIONS, seedCoachDemo } from "./demo.ts";

let database: TestDatabase;
let services: AppServices;

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database.db);
  await seedCoachDemo(database.db);
});
afterAll(() => database.drop());

async function callerFor(email: string) {
  const user = await database.db.user.findUniqueOrThrow({ where: { email } });
  return testCaller(services, { caller: { kind: "session", userId: user.id, roles: ["user"], permissions: [], sessionId: randomUUID() } });
}

const orgId = async (slug: string) => (await database.db.organization.findUniqueOrThrow({ where: { slug } })).id;

async function counts() {
  const db = database.db;
  return {
    organizations: await db.organization.count(),
    users: await db.user.count(),
    memberships: await db.orgMembership.count(),
    assessments: await db.coachAssessment.count(),
    programs: await db.coachProgram.count(),
    logs: await db.coachWorkoutLog.count(),
    progress: await db.coachVideoProgress.count(),
  };
}

describe("seedCoachDemo", () => {
  it("makes the group, its two children and their people; again, it changes nothing", async () => {
    const before = await counts();
    expect(before).toMatchObject({ organizations: 3, assessments: 10, programs: 10 });
    expect(before.logs).toBeGreaterThan(20);
    await seedCoachDemo(database.db);
    expect(await counts()).toEqual(before);
  });

  it("gives user@glow.dev a Downtown program with workouts logged and progress to show", async () => {
    const user = await callerFor("user@glow.dev");
    const downtown = await orgId(COACH_DEMO_ORGANIZATIONS.downtown.slug);
    const program = await user.coach.programs.current({ orgId: downtown });
    expect(program?.sessions.some((s) => s.logged)).toBe(true);
    const summary = await user.coach.progress.summary({ orgId: downtown });
    expect(summary.adherence.ratio).toBeGreaterThan(0);
    expect(summary.weeklyVolume.filter((w) => w.sets > 0).length).toBeGreaterThanOrEqual(2);
    expect(summary.personalBests.length).toBeGreaterThan(0);
    expect(summary.videosCompleted).toBe(2);
  });

  it("shows Downtown's staff six clients and recent activity, and the group's owner both children's figures", async () => {
    const admin = await callerFor("admin@glow.dev");
    const coach = await callerFor("sam.coach@glow.dev");
    const downtown = await orgId(COACH_DEMO_ORGANIZATIONS.downtown.slug);
    const clients = await coach.coach.clients.list({ orgId: downtown });
    expect(clients.items).toHaveLength(6);
    expect(clients.items.every((c) => c.activeProgramId && c.latestAssessment?.outcome === "scored")).toBe(true);
    const overview = await admin.coach.portal.overview({ orgId: downtown });
    expect(overview).toMatchObject({ clients: 6, activePrograms: 6 });
    expect(overview.assessmentsThisWeek).toBeGreaterThanOrEqual(1);
    expect(overview.recentActivity).toHaveLength(10);
    expect(overview.adherenceAverage).toBeGreaterThan(0);

    const { children } = await admin.coach.portal.children({ orgId: await orgId(COACH_DEMO_ORGANIZATIONS.group.slug) });
    expect(children.map((c) => [c.name, c.clients, c.activePrograms])).toEqual([
      ["Glow Fitness Downtown", 6, 6],
      ["Glow Fitness Riverside", 4, 4],
    ]);
    expect(children.every((c) => c.adherenceAverage !== null && c.adherenceAverage > 0)).toBe(true);
  });
});
