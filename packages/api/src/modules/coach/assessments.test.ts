// Templates, assessments and programs against a real PostgreSQL, through row-level security:
// owner, staff and two clients of organization A, a member of organization B, and the owner
// of A's parent.
import { COACH_DEFAULT_TEMPLATE, COACH_DEFAULT_TEMPLATE_ID, seedCoachLibrary, sqlPool } from "@glow/db";
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../context.ts";
import { createTestServices, personCalling, refusedFields, testCaller } from "../../testing.ts";
import { ensureMembership, ensureOrganization } from "./demo.ts";
import { generateProgram } from "./program-rules.ts";
import { programExercises } from "./programs.ts";
import type { Question } from "./questions.ts";
import { tenantOf } from "../../core/tenancy.ts";

let database: TestDatabase;
let services: AppServices;
let orgA: string;
let orgB: string;
let parent: string;

interface Actor {
  id: string;
  call: ReturnType<typeof testCaller>;
}
let owner: Actor, staff: Actor, a1: Actor, a2: Actor, outsider: Actor, parentOwner: Actor;

const actor = (name: string): Promise<Actor> => personCalling(services, name);

beforeAll(async () => {
  database = await createTestDatabase();
  await seedCoachLibrary(database.db);
  services = createTestServices(database.db);
  const db = database.db;
  parent = await ensureOrganization(db, { slug: "parent", name: "Parent Co" });
  orgA = await ensureOrganization(db, { slug: "org-a", name: "Org A", parentId: parent });
  orgB = await ensureOrganization(db, { slug: "org-b", name: "Org B" });
  owner = await actor("owner");
  staff = await actor("staff");
  a1 = await actor("a1");
  a2 = await actor("a2");
  outsider = await actor("outsider");
  parentOwner = await actor("parent");
  await ensureMembership(db, orgA, owner.id, "owner");
  await ensureMembership(db, orgA, staff.id, "staff");
  await ensureMembership(db, orgA, a1.id, "client");
  await ensureMembership(db, orgA, a2.id, "client");
  await ensureMembership(db, orgB, outsider.id, "owner");
  await ensureMembership(db, parent, parentOwner.id, "owner");
});
afterAll(() => database.drop());

/** Valid answers to the starter template, with `overrides`. */
function answers(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const screening = Object.fromEntries(
    (COACH_DEFAULT_TEMPLATE.questions as Question[]).filter((q) => q.kind === "yes_no" && q.stopIfYes).map((q) => [q.id, false]),
  );
  return {
    ...screening,
    age: 34,
    weight: 70,
    training_days: "three",
    equipment: ["dumbbell", "bench"],
    activity_level: "moderate",
    pushups: 20,
    weekly_minutes: 150,
    fitness_rating: 3,
    goals: ["strength"],
    limitations: ["knee"],
    blood_pressure: false,
    ...overrides,
  };
}

const submit = (who: Actor, answerSet = answers()) =>
  who.call.coach.assessments.submit({ orgId: orgA, templateId: COACH_DEFAULT_TEMPLATE_ID, answers: answerSet });

const ownQuestions: Question[] = [
  { id: "energy", kind: "scale", prompt: "How is your energy?", required: true, section: "fitness", min: 1, max: 10, points: 50 },
  {
    id: "goal",
    kind: "single",
    prompt: "Main goal?",
    required: true,
    section: "goals",
    options: [
      { id: "strong", label: "Strength", goal: "strength", points: 50 },
      { id: "move", label: "Mobility", goal: "mobility", points: 20 },
    ],
  },
];

describe("coach.templates", () => {
  it("lists Glow's library template to every member, and the organization's own after staff create one", async () => {
    const before = await a1.call.coach.templates.list({ orgId: orgA });
    expect(before.items.map((t) => [t.id, t.library])).toEqual([[COACH_DEFAULT_TEMPLATE_ID, true]]);

    const created = await staff.call.coach.templates.create({ orgId: orgA, name: "Downtown intake", questions: ownQuestions });
    expect(created).toMatchObject({ library: false, name: "Downtown intake", version: 1, questionCount: 2, description: "" });
    expect((await a1.call.coach.templates.get({ orgId: orgA, templateId: created.id })).questions).toEqual(ownQuestions);
    const after = await a1.call.coach.templates.list({ orgId: orgA });
    expect(after.items.map((t) => t.id).sort()).toEqual([COACH_DEFAULT_TEMPLATE_ID, created.id].sort());
    // Organization B sees only the library.
    expect((await outsider.call.coach.templates.list({ orgId: orgB })).items.map((t) => t.id)).toEqual([COACH_DEFAULT_TEMPLATE_ID]);
    await expect(outsider.call.coach.templates.get({ orgId: orgB, templateId: created.id })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const audit = await database.db.auditEvent.findFirst({ where: { action: "coach.template.created" } });
    expect(audit).toMatchObject({ actorId: staff.id, details: { orgId: orgA, templateId: created.id } });
  });

  it("pages through the list with its cursor", async () => {
    for (const name of ["Extra one", "Extra two"]) await staff.call.coach.templates.create({ orgId: orgA, name, questions: ownQuestions });
    const first = await staff.call.coach.templates.list({ orgId: orgA, limit: 2 });
    expect(first.items).toHaveLength(2);
    const second = await staff.call.coach.templates.list({ orgId: orgA, limit: 2, cursor: first.nextCursor! });
    const ids = [...first.items, ...second.items].map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain(COACH_DEFAULT_TEMPLATE_ID);
  });

  it("refuses invalid questions naming the field, and clients or other organizations' members", async () => {
    const bad = [{ ...ownQuestions[1]!, options: [{ id: "only", label: "Only one" }] }] as unknown as Question[];
    expect(await refusedFields(staff.call.coach.templates.create({ orgId: orgA, name: "Bad", questions: bad }))).toEqual([
      "questions.0.options",
    ]);
    expect(await refusedFields(staff.call.coach.templates.create({ orgId: orgA, name: "Bad\u0000", questions: ownQuestions }))).toEqual([
      "name",
    ]);
    await expect(a1.call.coach.templates.create({ orgId: orgA, name: "Mine", questions: ownQuestions })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(outsider.call.coach.templates.list({ orgId: orgA })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(parentOwner.call.coach.templates.list({ orgId: orgA })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("bumps the version on update, and never changes a library template or another organization's", async () => {
    const created = await staff.call.coach.templates.create({ orgId: orgA, name: "To change", questions: ownQuestions });
    const updated = await owner.call.coach.templates.update({ orgId: orgA, templateId: created.id, name: "Changed" });
    expect(updated).toMatchObject({ name: "Changed", version: 2, questions: ownQuestions });
    const again = await owner.call.coach.templates.update({ orgId: orgA, templateId: created.id, questions: ownQuestions.slice(0, 1) });
    expect(again).toMatchObject({ version: 3, questionCount: 1 });

    await expect(
      staff.call.coach.templates.update({ orgId: orgA, templateId: COACH_DEFAULT_TEMPLATE_ID, name: "Hijacked" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(outsider.call.coach.templates.update({ orgId: orgB, templateId: created.id, name: "Hijacked" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await database.db.coachTemplate.findUniqueOrThrow({ where: { id: COACH_DEFAULT_TEMPLATE_ID } })).name).toBe(
      COACH_DEFAULT_TEMPLATE.name,
    );
  });

  it("archives: clients no longer see the template, staff can still list it", async () => {
    const created = await staff.call.coach.templates.create({ orgId: orgA, name: "Old intake", questions: ownQuestions });
    expect(await staff.call.coach.templates.archive({ orgId: orgA, templateId: created.id })).toEqual({ archived: true });
    const clientView = await a1.call.coach.templates.list({ orgId: orgA, limit: 100, includeArchived: true });
    expect(clientView.items.map((t) => t.id)).not.toContain(created.id);
    await expect(a1.call.coach.templates.get({ orgId: orgA, templateId: created.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const staffView = await staff.call.coach.templates.list({ orgId: orgA, limit: 100, includeArchived: true });
    expect(staffView.items.find((t) => t.id === created.id)?.archivedAt).toBeInstanceOf(Date);
    await expect(
      a1.call.coach.assessments.submit({ orgId: orgA, templateId: created.id, answers: { energy: 5, goal: "strong" } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("coach.assessments.submit", () => {
  it("scores the answers and stores the program generated from the library, which programs.current returns as generated", async () => {
    const result = await submit(a1);
    expect(result.outcome).toBe("scored");
    expect(result.reasons).toEqual([]);
    expect(result.score).toMatchObject({ limitations: ["knee"], goals: ["strength"], sessionsPerWeek: expect.any(Number) });
    expect(result.programId).toEqual(expect.any(String));

    const current = await a1.call.coach.programs.current({ orgId: orgA });
    expect(current).toMatchObject({ id: result.programId, clientId: a1.id, assessmentId: result.assessmentId, status: "active" });

    // The same rules, seed and library give the same program: what was stored is what was generated.
    const exercises = await tenantOf(database.db, orgA, a1.id, "client").run((tx) => programExercises(tx, orgA));
    const generated = generateProgram(result.score!, exercises, { seed: result.assessmentId });
    expect(current!.title).toBe(generated.title);
    expect(current!.weeks).toBe(generated.weeks);
    expect(current!.sessions.map((s) => ({ week: s.week, day: s.day, title: s.title, logged: s.logged }))).toEqual(
      generated.sessions.map((s) => ({ week: s.week, day: s.day, title: s.title, logged: false })),
    );
    const byId = new Map(exercises.map((e) => [e.id, e]));
    expect(current!.sessions.map((s) => s.items.map(({ id: _id, hasVideo: _v, ...item }) => item))).toEqual(
      generated.sessions.map((s) =>
        s.items.map((item) => ({
          ...item,
          name: byId.get(item.exerciseId)!.name,
          muscleGroups: byId.get(item.exerciseId)!.muscleGroups,
          measure: byId.get(item.exerciseId)!.measure,
        })),
      ),
    );
    // A knee limitation never gets a knee-contraindicated exercise.
    const chosen = current!.sessions.flatMap((s) => s.items.map((i) => byId.get(i.exerciseId)!));
    expect(chosen.length).toBeGreaterThan(0);
    expect(chosen.filter((e) => e.contraindications.includes("knee"))).toEqual([]);
    expect(current!.sessions.every((s) => s.items.every((i) => i.hasVideo))).toBe(true);

    // Only the caller's own: A2 has none yet.
    expect(await a2.call.coach.programs.current({ orgId: orgA })).toBeNull();
  });

  it("stops at the health screening: stored, no program, the reasons returned", async () => {
    const before = await a2.call.coach.programs.current({ orgId: orgA });
    const result = await submit(a2, answers({ parq_heart: true }));
    expect(result).toMatchObject({ outcome: "see_doctor", score: null, programId: null });
    expect(result.reasons).toEqual(["Has a doctor ever said you have a heart condition?"]);
    expect(await a2.call.coach.programs.current({ orgId: orgA })).toEqual(before);
    const stored = await a2.call.coach.assessments.get({ orgId: orgA, assessmentId: result.assessmentId });
    expect(stored).toMatchObject({ outcome: "see_doctor", score: null, reasons: result.reasons, programId: null, level: null });
  });

  it("ends at a screening yes: the questions after it need no answer", async () => {
    const firstStop = (COACH_DEFAULT_TEMPLATE.questions as Question[]).find((q) => q.kind === "yes_no" && q.stopIfYes)!;
    const result = await submit(a2, { [firstStop.id]: true });
    expect(result).toMatchObject({ outcome: "see_doctor", programId: null, reasons: [firstStop.prompt] });
    // Without the stop, the same partial answers are refused, naming a question still to answer.
    expect((await refusedFields(submit(a2, { [firstStop.id]: false }))).length).toBeGreaterThan(0);
  });

  it("refuses bad answers with a 400 naming answers.<questionId>", async () => {
    expect(await refusedFields(submit(a1, answers({ activity_level: "couch" })))).toEqual(["answers.activity_level"]);
    expect(await refusedFields(submit(a1, answers({ age: "thirty" })))).toEqual(["answers.age"]);
    expect(await refusedFields(submit(a1, answers({ goals: ["strength", "flying"] })))).toEqual(["answers.goals"]);
    const { pushups: _, ...missing } = answers();
    expect(await refusedFields(submit(a1, missing))).toEqual(["answers.pushups"]);
    expect(await refusedFields(submit(a1, answers({ favourite_colour: "blue" })))).toEqual(["answers.favourite_colour"]);
    expect(await refusedFields(submit(a1, answers({ activity_level: "mod\u0000erate" })))).toEqual(["answers.activity_level"]);
    expect(await refusedFields(submit(a1, answers({ fitness_rating: 9 })))).toEqual(["answers.fitness_rating"]);
  });

  it("answers another organization's template or an unknown one with 404, and outsiders with 403", async () => {
    const theirs = await outsider.call.coach.templates.create({ orgId: orgB, name: "B's", questions: ownQuestions });
    await expect(
      a1.call.coach.assessments.submit({ orgId: orgA, templateId: theirs.id, answers: { energy: 3, goal: "move" } }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      outsider.call.coach.assessments.submit({ orgId: orgA, templateId: COACH_DEFAULT_TEMPLATE_ID, answers: answers() }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("replaces the previous active program", async () => {
    const first = (await submit(a1)).programId!;
    const second = (await submit(a1, answers({ goals: ["mobility"], limitations: ["none"] }))).programId!;
    expect(second).not.toBe(first);
    const rows = await database.db.coachProgram.findMany({ where: { id: { in: [first, second] } } });
    expect(Object.fromEntries(rows.map((r) => [r.id, r.status]))).toEqual({ [first]: "replaced", [second]: "active" });
    expect((await a1.call.coach.programs.current({ orgId: orgA }))!.id).toBe(second);
  });

  it("leaves exactly one active program when a client submits several times at once", async () => {
    const results = await Promise.all([submit(a1), submit(a1), submit(a1), submit(a1)]);
    expect(new Set(results.map((r) => r.programId)).size).toBe(4);
    const active = await database.db.coachProgram.findMany({ where: { orgId: orgA, clientId: a1.id, status: "active" } });
    expect(active).toHaveLength(1);
    expect(results.map((r) => r.programId)).toContain(active[0]!.id);
  });

  it("is one transaction: a failure while storing the program leaves no assessment behind", async () => {
    const pool = sqlPool(database.db);
    await pool.query(`CREATE FUNCTION coach_test_fail() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'forced failure while storing program items'; END $$`);
    await pool.query(`CREATE TRIGGER coach_test_fail BEFORE INSERT ON coach_program_items FOR EACH ROW
      WHEN (NEW.org_id = '${orgA}'::uuid) EXECUTE FUNCTION coach_test_fail()`);
    const count = () => database.db.coachAssessment.count({ where: { orgId: orgA, clientId: a2.id } });
    const programs = () => database.db.coachProgram.count({ where: { orgId: orgA, clientId: a2.id } });
    const [assessmentsBefore, programsBefore] = [await count(), await programs()];
    try {
      await expect(submit(a2)).rejects.toMatchObject({ code: "INTERNAL_SERVER_ERROR" });
    } finally {
      await pool.query("DROP TRIGGER coach_test_fail ON coach_program_items; DROP FUNCTION coach_test_fail()");
    }
    expect(await count()).toBe(assessmentsBefore);
    expect(await programs()).toBe(programsBefore);
  });
});

describe("coach.assessments.get and list", () => {
  it("shows a client their own, staff anyone's; another client's is 404 and an outsider's 403", async () => {
    const { assessmentId } = await submit(a1);
    const own = await a1.call.coach.assessments.get({ orgId: orgA, assessmentId });
    expect(own).toMatchObject({
      id: assessmentId,
      clientId: a1.id,
      templateName: COACH_DEFAULT_TEMPLATE.name,
      outcome: "scored",
      templateVersion: 1,
    });
    expect(own.answers).toMatchObject({ activity_level: "moderate" });
    expect(own.programId).toEqual(expect.any(String));
    expect((await staff.call.coach.assessments.get({ orgId: orgA, assessmentId })).id).toBe(assessmentId);
    await expect(a2.call.coach.assessments.get({ orgId: orgA, assessmentId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(outsider.call.coach.assessments.get({ orgId: orgB, assessmentId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(outsider.call.coach.assessments.get({ orgId: orgA, assessmentId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(parentOwner.call.coach.assessments.get({ orgId: orgA, assessmentId })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("lists a client's own newest first; naming another client is 404 for a client, fine for staff", async () => {
    const mine = await a1.call.coach.assessments.list({ orgId: orgA, limit: 3 });
    expect(mine.items.every((a) => a.clientId === a1.id)).toBe(true);
    expect(mine.nextCursor).not.toBeNull();
    const next = await a1.call.coach.assessments.list({ orgId: orgA, limit: 3, cursor: mine.nextCursor! });
    expect(next.items[0]!.createdAt.getTime()).toBeLessThanOrEqual(mine.items[2]!.createdAt.getTime());
    expect(next.items.map((a) => a.id)).not.toContain(mine.items[2]!.id);

    await expect(a1.call.coach.assessments.list({ orgId: orgA, clientId: a2.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    const theirs = await staff.call.coach.assessments.list({ orgId: orgA, clientId: a2.id, limit: 100 });
    expect(theirs.items.length).toBeGreaterThan(0);
    expect(theirs.items.every((a) => a.clientId === a2.id)).toBe(true);
    const everyone = await staff.call.coach.assessments.list({ orgId: orgA, limit: 100 });
    expect(new Set(everyone.items.map((a) => a.clientId))).toEqual(new Set([a1.id, a2.id]));
    expect((await outsider.call.coach.assessments.list({ orgId: orgB })).items).toEqual([]);
  });
});

describe("coach.programs.get and regenerate", () => {
  it("gives a program to its client and to staff; to another client it is 404", async () => {
    const current = (await a1.call.coach.programs.current({ orgId: orgA }))!;
    expect(await a1.call.coach.programs.get({ orgId: orgA, programId: current.id })).toEqual(current);
    expect(await staff.call.coach.programs.get({ orgId: orgA, programId: current.id })).toEqual(current);
    await expect(a2.call.coach.programs.get({ orgId: orgA, programId: current.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(outsider.call.coach.programs.get({ orgId: orgB, programId: current.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("lets staff regenerate from the latest scored assessment with a reason, recorded and audited", async () => {
    const before = (await a1.call.coach.programs.current({ orgId: orgA }))!;
    const result = await staff.call.coach.programs.regenerate({ orgId: orgA, clientId: a1.id, reason: "Back from holiday, restart" });
    expect(result.replacedProgramId).toBe(before.id);
    const after = (await a1.call.coach.programs.current({ orgId: orgA }))!;
    expect(after).toMatchObject({ id: result.programId, reason: "Back from holiday, restart", assessmentId: before.assessmentId });
    expect((await database.db.coachProgram.findUniqueOrThrow({ where: { id: result.programId } })).createdById).toBe(staff.id);
    expect((await database.db.coachProgram.findUniqueOrThrow({ where: { id: before.id } })).status).toBe("replaced");
    const audit = await database.db.auditEvent.findFirst({ where: { action: "coach.program.regenerated" } });
    expect(audit).toMatchObject({
      actorId: staff.id,
      subjectUserId: a1.id,
      details: { orgId: orgA, programId: result.programId, reason: "Back from holiday, restart" },
    });
  });

  it("refuses a short reason, a client, an outsider, a non-client and a client with no scored assessment", async () => {
    expect(await refusedFields(staff.call.coach.programs.regenerate({ orgId: orgA, clientId: a1.id, reason: "no" }))).toEqual(["reason"]);
    expect(await refusedFields(staff.call.coach.programs.regenerate({ orgId: orgA, clientId: a1.id, reason: "x".repeat(501) }))).toEqual([
      "reason",
    ]);
    await expect(a1.call.coach.programs.regenerate({ orgId: orgA, clientId: a1.id, reason: "I want more" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(outsider.call.coach.programs.regenerate({ orgId: orgA, clientId: a1.id, reason: "Sabotage" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(staff.call.coach.programs.regenerate({ orgId: orgA, clientId: staff.id, reason: "Myself" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const fresh = await actor("fresh");
    await ensureMembership(database.db, orgA, fresh.id, "client");
    await expect(staff.call.coach.programs.regenerate({ orgId: orgA, clientId: fresh.id, reason: "Start them" })).rejects.toMatchObject({
      code: "PRECONDITION_FAILED",
    });
  });
});
