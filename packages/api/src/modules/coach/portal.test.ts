// Workout logs, progress summaries, the clients list and the business portal (its own figures
// and a parent's aggregates of its descendants), against a real PostgreSQL.
import { randomUUID } from "node:crypto";
import { COACH_DEFAULT_TEMPLATE, COACH_DEFAULT_TEMPLATE_ID, seedCoachLibrary } from "@glow/db";
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../context.ts";
import { createTestServices, personCalling, refusedFields, testCaller } from "../../testing.ts";
import { ensureMembership, ensureOrganization } from "./demo.ts";
import type { Question } from "./questions.ts";
import type { ProgramView } from "./schemas.ts";

let database: TestDatabase;
let services: AppServices;
let parent: string, orgA: string, grandchild: string, orgB: string;

interface Actor {
  id: string;
  name: string;
  email: string;
  call: ReturnType<typeof testCaller>;
}
let owner: Actor, staff: Actor, a1: Actor, a2: Actor, outsider: Actor, parentOwner: Actor, g1: Actor;

const actor = (name: string): Promise<Actor> => personCalling(services, name);

function answers(): Record<string, unknown> {
  const screening = Object.fromEntries(
    (COACH_DEFAULT_TEMPLATE.questions as Question[]).filter((q) => q.kind === "yes_no" && q.stopIfYes).map((q) => [q.id, false]),
  );
  return {
    ...screening,
    age: 40,
    training_days: "three",
    equipment: ["dumbbell", "bench"],
    activity_level: "moderate",
    pushups: 20,
    weekly_minutes: 150,
    fitness_rating: 3,
    goals: ["strength"],
    limitations: ["none"],
    blood_pressure: false,
  };
}

let program: ProgramView;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedCoachLibrary(database.db);
  services = createTestServices(database.db);
  const db = database.db;
  parent = await ensureOrganization(db, { slug: "parent", name: "Parent Co" });
  orgA = await ensureOrganization(db, { slug: "org-a", name: "Org A", parentId: parent });
  grandchild = await ensureOrganization(db, { slug: "org-a-east", name: "Org A East", parentId: orgA });
  orgB = await ensureOrganization(db, { slug: "org-b", name: "Org B" });
  owner = await actor("owner");
  staff = await actor("staff");
  a1 = await actor("a1");
  a2 = await actor("a2");
  outsider = await actor("outsider");
  parentOwner = await actor("parent");
  g1 = await actor("g1");
  await ensureMembership(db, orgA, owner.id, "owner");
  await ensureMembership(db, orgA, staff.id, "staff");
  await ensureMembership(db, orgA, a1.id, "client");
  await ensureMembership(db, orgA, a2.id, "client");
  await ensureMembership(db, orgB, outsider.id, "owner");
  await ensureMembership(db, parent, parentOwner.id, "owner");
  await ensureMembership(db, grandchild, g1.id, "client");
  for (const [who, orgId] of [
    [a1, orgA],
    [a2, orgA],
    [g1, grandchild],
  ] as const) {
    await who.call.coach.assessments.submit({ orgId, templateId: COACH_DEFAULT_TEMPLATE_ID, answers: answers() });
  }
  program = (await a1.call.coach.programs.current({ orgId: orgA }))!;
});
afterAll(() => database.drop());

/** Every set of a session, as done: 40 kg where the item is loaded. */
function setsOf(session: ProgramView["sessions"][number]) {
  return session.items.flatMap((item) =>
    Array.from({ length: item.sets }, (_, index) => ({
      exerciseId: item.exerciseId,
      setNumber: index + 1,
      ...(item.reps !== null ? { reps: item.reps } : { seconds: item.seconds! }),
      loadKg: 40 + index,
      rpe: 7,
    })),
  );
}

describe("coach.workouts.log", () => {
  it("logs a session of the caller's own program, which programs.current then shows as logged", async () => {
    const session = program.sessions[0]!;
    const sets = setsOf(session);
    const log = await a1.call.coach.workouts.log({ orgId: orgA, programId: program.id, sessionId: session.id, sets });
    expect(log.loggedAt).toBeInstanceOf(Date);
    expect(await database.db.coachWorkoutSet.count({ where: { logId: log.logId } })).toBe(sets.length);
    const after = (await a1.call.coach.programs.current({ orgId: orgA }))!;
    expect(after.sessions.map((s) => s.logged)).toEqual(program.sessions.map((s) => s.id === session.id));
  });

  it("refuses a session of another program, an exercise not in the session and out-of-range values, naming the field", async () => {
    const session = program.sessions[0]!;
    // A session of the same program whose exercises are all different (push, pull, legs…).
    const other = program.sessions.find((s) => s.items.every((i) => !session.items.some((j) => j.exerciseId === i.exerciseId)))!;
    const set = { exerciseId: session.items[0]!.exerciseId, setNumber: 1, reps: 5 };
    const log = (input: Partial<Parameters<typeof a1.call.coach.workouts.log>[0]>) =>
      a1.call.coach.workouts.log({ orgId: orgA, programId: program.id, sessionId: session.id, sets: [set], ...input });
    const a2Program = (await a2.call.coach.programs.current({ orgId: orgA }))!;

    expect(await refusedFields(log({ sessionId: a2Program.sessions[0]!.id }))).toEqual(["sessionId"]);
    expect(await refusedFields(log({ sets: [set, { ...set, exerciseId: randomUUID() }] }))).toEqual(["sets.1.exerciseId"]);
    expect(await refusedFields(log({ sets: [{ ...set, exerciseId: other.items[0]!.exerciseId }] }))).toEqual(["sets.0.exerciseId"]);
    expect(await refusedFields(log({ sets: [set, set] }))).toEqual(["sets.1.setNumber"]);
    expect(await refusedFields(log({ sets: [{ ...set, rpe: 11 }] }))).toEqual(["sets.0.rpe"]);
    expect(await refusedFields(log({ sets: [{ ...set, loadKg: 1000.5 }] }))).toEqual(["sets.0.loadKg"]);
    expect(await refusedFields(log({ sets: [] }))).toEqual(["sets"]);
    expect(await refusedFields(log({ sets: Array.from({ length: 101 }, (_, i) => ({ ...set, setNumber: (i % 100) + 1 })) }))).toEqual([
      "sets",
    ]);

    // Another client's program is not found, whichever of its sessions is named.
    await expect(
      a1.call.coach.workouts.log({ orgId: orgA, programId: a2Program.id, sessionId: a2Program.sessions[0]!.id, sets: [set] }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      outsider.call.coach.workouts.log({ orgId: orgA, programId: program.id, sessionId: session.id, sets: [set] }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("coach.progress.summary", () => {
  it("sums the caller's adherence, weekly volume, personal bests and completed videos", async () => {
    const exerciseId = program.sessions[0]!.items[0]!.exerciseId;
    await a1.call.coach.progress.record({ orgId: orgA, exerciseId, positionSeconds: 4, completed: true });
    const summary = await a1.call.coach.progress.summary({ orgId: orgA });
    const week1 = program.sessions.filter((s) => s.week === 1).length;
    expect(summary).toMatchObject({ clientId: a1.id, programId: program.id, videosCompleted: 1 });
    expect(summary.adherence).toEqual({ planned: week1, logged: 1, ratio: 1 / week1 });
    expect(summary.weeklyVolume).toHaveLength(12);
    const sets = setsOf(program.sessions[0]!);
    const volume = sets.reduce((sum, s) => sum + ("reps" in s ? s.reps! : 0) * s.loadKg, 0);
    expect(summary.weeklyVolume.at(-1)).toMatchObject({ volumeKg: volume, sets: sets.length });
    expect(summary.weeklyVolume.slice(0, -1).every((w) => w.volumeKg === 0 && w.sets === 0)).toBe(true);
    expect(summary.weeklyVolume.at(-1)!.week).toMatch(/^\d{4}-W\d{2}$/);
    expect(summary.weeklyVolume.at(-1)!.weekStart.getUTCDay()).toBe(1);
    const first = program.sessions[0]!.items[0]!;
    expect(summary.personalBests.find((b) => b.exerciseId === first.exerciseId)).toEqual({
      exerciseId: first.exerciseId,
      name: first.name,
      maxLoadKg: 40 + first.sets - 1,
      maxReps: first.reps,
    });
  });

  it("shows staff any client's; another client's is 404, someone who is no client 404 too", async () => {
    expect((await staff.call.coach.progress.summary({ orgId: orgA, clientId: a1.id })).adherence.logged).toBe(1);
    await expect(a2.call.coach.progress.summary({ orgId: orgA, clientId: a1.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(staff.call.coach.progress.summary({ orgId: orgA, clientId: outsider.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(outsider.call.coach.progress.summary({ orgId: orgA, clientId: a1.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await a2.call.coach.progress.summary({ orgId: orgA })).toMatchObject({ clientId: a2.id, videosCompleted: 0 });
  });
});

describe("coach.clients", () => {
  it("lists the organization's clients with where they stand, pages and searches", async () => {
    const page = await staff.call.coach.clients.list({ orgId: orgA });
    expect(page.items.map((c) => c.id).sort()).toEqual([a1.id, a2.id].sort());
    const one = page.items.find((c) => c.id === a1.id)!;
    expect(one).toMatchObject({ name: a1.name, email: a1.email, activeProgramId: program.id, latestAssessment: { outcome: "scored" } });
    expect(one.lastWorkoutAt).toBeInstanceOf(Date);
    expect(page.items.find((c) => c.id === a2.id)!.lastWorkoutAt).toBeNull();

    const first = await staff.call.coach.clients.list({ orgId: orgA, limit: 1 });
    const second = await staff.call.coach.clients.list({ orgId: orgA, limit: 1, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((c) => c.id).sort()).toEqual([a1.id, a2.id].sort());
    expect(second.nextCursor).toBeNull();
    expect((await staff.call.coach.clients.list({ orgId: orgA, search: "person A2" })).items.map((c) => c.id)).toEqual([a2.id]);
    expect((await staff.call.coach.clients.list({ orgId: orgA, search: "%" })).items).toEqual([]);
  });

  it("gives staff one client's profile, assessments, program and adherence", async () => {
    const detail = await staff.call.coach.clients.get({ orgId: orgA, clientId: a1.id });
    expect(detail).toMatchObject({ id: a1.id, name: a1.name, program: { id: program.id, sessions: program.sessions.length } });
    expect(detail.assessments).toHaveLength(1);
    expect(detail.adherence.logged).toBe(1);
    await expect(staff.call.coach.clients.get({ orgId: orgA, clientId: staff.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(staff.call.coach.clients.get({ orgId: orgA, clientId: g1.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses clients, other organizations' members and the parent's owner (403)", async () => {
    for (const who of [a1, outsider, parentOwner]) {
      await expect(who.call.coach.clients.list({ orgId: orgA })).rejects.toMatchObject({ code: "FORBIDDEN" });
      await expect(who.call.coach.clients.get({ orgId: orgA, clientId: a1.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
  });
});

describe("coach.portal", () => {
  it("gives staff the organization's figures and recent activity", async () => {
    const overview = await staff.call.coach.portal.overview({ orgId: orgA });
    expect(overview).toMatchObject({ clients: 2, activePrograms: 2, assessmentsThisWeek: 2 });
    expect(overview.adherenceAverage).toBeCloseTo(1 / program.sessions.filter((s) => s.week === 1).length / 2);
    expect(overview.recentActivity).toEqual([
      {
        logId: expect.any(String),
        clientId: a1.id,
        clientName: a1.name,
        sessionTitle: program.sessions[0]!.title,
        loggedAt: expect.any(Date),
      },
    ]);
    await expect(a1.call.coach.portal.overview({ orgId: orgA })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(parentOwner.call.coach.portal.overview({ orgId: orgA })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("gives a parent's owner every descendant's aggregates, and no client's id, name or email", async () => {
    const { children } = await parentOwner.call.coach.portal.children({ orgId: parent });
    expect(children).toEqual([
      {
        id: orgA,
        name: "Org A",
        parentId: parent,
        depth: 1,
        clients: 2,
        activePrograms: 2,
        assessmentsThisWeek: 2,
        adherenceAverage: expect.any(Number),
      },
      {
        id: grandchild,
        name: "Org A East",
        parentId: orgA,
        depth: 2,
        clients: 1,
        activePrograms: 1,
        assessmentsThisWeek: 1,
        adherenceAverage: 0,
      },
    ]);
    const text = JSON.stringify(children);
    for (const client of [a1, a2, g1]) {
      expect(text).not.toContain(client.id);
      expect(text).not.toContain(client.name);
      expect(text).not.toContain(client.email);
    }
    expect((await owner.call.coach.portal.children({ orgId: orgA })).children.map((c) => c.id)).toEqual([grandchild]);
    expect((await outsider.call.coach.portal.children({ orgId: orgB })).children).toEqual([]);
  });

  it("refuses staff (owners only), and anyone not an owner of that very organization", async () => {
    await expect(staff.call.coach.portal.children({ orgId: orgA })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(owner.call.coach.portal.children({ orgId: parent })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(outsider.call.coach.portal.children({ orgId: parent })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
