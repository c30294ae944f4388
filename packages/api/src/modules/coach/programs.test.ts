// coach.programs.current and .get read the program as one SQL statement (programs.ts): it must
// give exactly what the statement before it gave (per-session sub-queries), kept here as the
// reference, for the same program read as the tenant.
import { randomUUID } from "node:crypto";
import { COACH_DEFAULT_TEMPLATE, COACH_DEFAULT_TEMPLATE_ID, seedCoachLibrary, withTenantConnection } from "@glow/db";
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestServices, testCaller } from "../../testing.ts";
import { ensureMembership, ensureOrganization, ensurePerson } from "./demo.ts";
import { CURRENT_PROGRAM_SQL } from "./programs.ts";
import type { Question } from "./questions.ts";
import type { ProgramView } from "./schemas.ts";

// The statement coach.programs.* ran before (it re-read the items and exercises once per session).
const REFERENCE_PROGRAM_SQL = (where: string) => `
SELECT p.id, p.client_id, p.assessment_id, p.status, p.title, p.weeks, p.reason, p.created_at,
  COALESCE((
    SELECT json_agg(json_build_object(
      'id', s.id, 'week', s.week, 'day', s.day, 'title', s.title,
      'logged', EXISTS (SELECT 1 FROM coach_workout_logs l WHERE l.program_id = p.id AND l.session_id = s.id AND l.client_id = p.client_id),
      'items', COALESCE((
        SELECT json_agg(json_build_object(
          'id', i.id, 'exerciseId', i.exercise_id, 'name', e.name, 'muscleGroups', e.muscle_groups,
          'measure', CASE WHEN e.measure = 'time' THEN 'time' ELSE 'reps' END, 'hasVideo', e.video_key IS NOT NULL,
          'position', i.position, 'sets', i.sets, 'reps', i.reps, 'seconds', i.seconds, 'restSeconds', i.rest_seconds,
          'loadGuidance', i.load_guidance, 'loadPercent', i.load_percent) ORDER BY i.position)
        FROM coach_program_items i JOIN coach_exercises e ON e.id = i.exercise_id
        WHERE i.session_id = s.id), '[]'::json)
    ) ORDER BY s.week, s.day)
    FROM coach_program_sessions s WHERE s.program_id = p.id), '[]'::json) AS sessions
FROM coach_programs p
WHERE ${where}
ORDER BY p.created_at DESC
LIMIT 1`;

let database: TestDatabase;
let orgA: string;
let clientId: string;
let call: ReturnType<typeof testCaller>;
let program: ProgramView;

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

/** The reference statement's row and the current one's, read as the tenant (row-level security on). */
function bothRows(where: string, id: string): Promise<[unknown, unknown]> {
  return withTenantConnection(database.db, orgA, async (client) => {
    const reference = await client.query(REFERENCE_PROGRAM_SQL(where), [id]);
    const current = await client.query(where.startsWith("p.id") ? programByIdSql() : CURRENT_PROGRAM_SQL, [id]);
    expect(reference.rows).toHaveLength(1);
    return [reference.rows[0], current.rows[0]];
  });
}

/** PROGRAM_BY_ID_SQL is private: it is CURRENT_PROGRAM_SQL with the by-id WHERE. */
function programByIdSql(): string {
  const currentWhere = "p.client_id = $1 AND p.status = 'active'";
  expect(CURRENT_PROGRAM_SQL).toContain(currentWhere);
  return CURRENT_PROGRAM_SQL.replace(currentWhere, "p.id = $1");
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedCoachLibrary(database.db);
  const services = createTestServices(database.db);
  orgA = await ensureOrganization(database.db, { slug: "org-a", name: "Org A" });
  clientId = await ensurePerson(database.db, { email: "a1@coach.test", name: "Person a1" }, "not-a-hash");
  await ensureMembership(database.db, orgA, clientId, "client");
  call = testCaller(services, { caller: { kind: "session", userId: clientId, roles: ["user"], permissions: [], sessionId: randomUUID() } });
  await call.coach.assessments.submit({ orgId: orgA, templateId: COACH_DEFAULT_TEMPLATE_ID, answers: answers() });
  program = (await call.coach.programs.current({ orgId: orgA }))!;
  // One session logged, so the logged flag differs between sessions.
  const session = program.sessions[1]!;
  const item = session.items[0]!;
  await call.coach.workouts.log({
    orgId: orgA,
    programId: program.id,
    sessionId: session.id,
    sets: [{ exerciseId: item.exerciseId, setNumber: 1, ...(item.reps !== null ? { reps: item.reps } : { seconds: item.seconds! }) }],
  });
});
afterAll(() => database.drop());

describe("the program statement", () => {
  it("gives exactly the reference statement's row for the client's current program and for a program by id", async () => {
    expect(program.sessions.length).toBeGreaterThan(1);
    for (const [where, id] of [
      ["p.client_id = $1 AND p.status = 'active'", clientId],
      ["p.id = $1", program.id],
    ] as const) {
      const [reference, current] = await bothRows(where, id);
      // The same JSON text (keys in the same order), not just equal values.
      expect(JSON.stringify(current)).toBe(JSON.stringify(reference));
      const sessions = (current as { sessions: ProgramView["sessions"] }).sessions;
      expect(sessions.map((s) => s.logged)).toEqual(program.sessions.map((_, index) => index === 1));
      expect(
        sessions.every(
          (s) => s.items.length > 0 && s.items.every((item, index) => index === 0 || item.position > s.items[index - 1]!.position),
        ),
      ).toBe(true);
    }
  });

  it("is what coach.programs.current and .get answer, and nothing for another client or organization", async () => {
    const current = (await call.coach.programs.current({ orgId: orgA }))!;
    expect(current.sessions.map((s) => s.logged)).toEqual(program.sessions.map((_, index) => index === 1));
    expect(await call.coach.programs.get({ orgId: orgA, programId: program.id })).toEqual(current);
    const orgB = await ensureOrganization(database.db, { slug: "org-b", name: "Org B" });
    const otherOrg = await withTenantConnection(database.db, orgB, (client) => client.query(programByIdSql(), [program.id]));
    expect(otherOrg.rows).toEqual([]);
    const nobody = await withTenantConnection(database.db, orgA, (client) => client.query(CURRENT_PROGRAM_SQL, [randomUUID()]));
    expect(nobody.rows).toEqual([]);
  });
});
