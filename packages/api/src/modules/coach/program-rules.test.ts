// Program generation over Glow's seeded library (pure: no database).
import { COACH_LIBRARY_EXERCISES, coachExerciseId } from "@glow/db";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GOALS, type Goal } from "./questions.ts";
import { generateProgram, isSafeFor, itemWork, type GeneratedProgram, type LibraryExercise } from "./program-rules.ts";
import type { Level, ScoreBreakdown, ScorePart } from "./scoring.ts";

const LIBRARY: LibraryExercise[] = COACH_LIBRARY_EXERCISES.map((e) => ({ ...e, id: coachExerciseId(e.key) }));
const BY_ID = new Map(LIBRARY.map((e) => [e.id, e]));
const LIMITATIONS = ["knee", "lower_back", "shoulder", "wrist", "hip", "ankle", "neck", "pregnancy", "hypertension"];
const LEVELS: Level[] = [1, 2, 3];
const SEEDS = Array.from({ length: 25 }, (_, i) => `seed-${i}`);

function score(patch: Partial<ScoreBreakdown> = {}): ScoreBreakdown {
  return { total: 50, level: 2, goals: ["general"], limitations: [], sessionsPerWeek: 3, parts: [], ...patch };
}

const chosen = (program: GeneratedProgram) => program.sessions.flatMap((s) => s.items.map((i) => BY_ID.get(i.exerciseId)!));
const week = (program: GeneratedProgram, n: number) => program.sessions.filter((s) => s.week === n);
const weekWork = (program: GeneratedProgram, n: number) =>
  week(program, n).reduce((sum, s) => sum + s.items.reduce((w, i) => w + itemWork(i), 0), 0);

/** What breaks a rule that holds for any program, whatever the score (empty when none). */
function shapeProblems(program: GeneratedProgram, given: ScoreBreakdown, weeks = 4): string[] {
  const problems: string[] = [];
  const days = Array.from({ length: given.sessionsPerWeek }, (_, i) => i + 1).join();
  if (program.weeks !== weeks) problems.push(`${program.weeks} weeks`);
  for (let w = 1; w <= weeks; w++) {
    if (
      week(program, w)
        .map((s) => s.day)
        .join() !== days
    )
      problems.push(`week ${w} has days ${week(program, w).map((s) => s.day)}`);
  }
  if (program.sessions.length !== weeks * given.sessionsPerWeek) problems.push(`${program.sessions.length} sessions`);
  for (const session of program.sessions) {
    const where = `week ${session.week} day ${session.day}`;
    if (session.items.length < 4 || session.items.length > 7) problems.push(`${where}: ${session.items.length} items`);
    if (session.items.some((item, i) => item.position !== i + 1)) problems.push(`${where}: positions`);
    if (new Set(session.items.map((i) => i.exerciseId)).size !== session.items.length) problems.push(`${where}: an exercise twice`);
    for (const item of session.items) {
      if (item.sets <= 0 || item.restSeconds <= 0 || item.loadGuidance === "") problems.push(`${where}: ${JSON.stringify(item)}`);
      if ((item.reps === null) === (item.seconds === null)) problems.push(`${where}: reps and seconds ${item.reps}/${item.seconds}`);
    }
  }
  return [...problems, ...safetyProblems(program, given)];
}

function safetyProblems(program: GeneratedProgram, given: ScoreBreakdown): string[] {
  return chosen(program).flatMap((exercise) => {
    const wrong: string[] = [];
    if (exercise.difficulty > given.level) wrong.push(`${exercise.name}: difficulty ${exercise.difficulty}`);
    const contra = exercise.contraindications.filter((c) => given.limitations.includes(c));
    if (contra.length > 0) wrong.push(`${exercise.name}: contraindicated for ${contra}`);
    const missing = given.equipment ? exercise.equipment.filter((e) => !given.equipment!.includes(e)) : [];
    if (missing.length > 0) wrong.push(`${exercise.name}: needs ${missing}`);
    return wrong;
  });
}

/** Where week n+1 fails to ask for strictly more work than week n, item by item, or an item's rest grows. */
function overloadProblems(program: GeneratedProgram): string[] {
  const problems: string[] = [];
  for (let w = 1; w < program.weeks; w++) {
    if (!(weekWork(program, w + 1) > weekWork(program, w))) problems.push(`week ${w + 1} does no more than week ${w}`);
    const next = week(program, w + 1);
    week(program, w).forEach((session, s) => {
      session.items.forEach((item, i) => {
        const later = next[s]?.items[i];
        const where = `week ${w + 1} day ${session.day} item ${item.position}`;
        if (!later || later.exerciseId !== item.exerciseId) problems.push(`${where}: another exercise`);
        else if (!(itemWork(later) > itemWork(item))) problems.push(`${where}: ${itemWork(later)} after ${itemWork(item)}`);
        else if (later.restSeconds > item.restSeconds) problems.push(`${where}: rest ${later.restSeconds} after ${item.restSeconds}`);
      });
    });
  }
  return problems;
}

describe("generateProgram: safety", () => {
  it("never gives a client with a knee injury a knee-contraindicated exercise, over many seeds and scores", () => {
    const kneeUnsafe = LIBRARY.filter((e) => e.contraindications.includes("knee"));
    expect(kneeUnsafe.length).toBeGreaterThan(10);
    const seen = new Set<string>();
    for (const level of LEVELS) {
      for (const goal of GOALS) {
        for (const sessionsPerWeek of [2, 3, 4, 5]) {
          for (const seed of SEEDS) {
            const given = score({ level, goals: [goal], limitations: ["knee"], sessionsPerWeek });
            for (const exercise of chosen(generateProgram(given, LIBRARY, { seed }))) seen.add(exercise.id);
          }
        }
      }
    }
    expect([...seen].filter((id) => BY_ID.get(id)!.contraindications.includes("knee"))).toEqual([]);
    // The knee-safe part of the library gets used, not just a handful of exercises.
    expect(seen.size).toBeGreaterThan(40);
  });

  it.each(LIMITATIONS)("never gives an exercise contraindicated for %s to a client who has it", (limitation) => {
    for (const level of LEVELS) {
      for (const seed of SEEDS.slice(0, 10)) {
        const given = score({ level, goals: ["strength", "mobility"], limitations: [limitation], sessionsPerWeek: 4 });
        for (const exercise of chosen(generateProgram(given, LIBRARY, { seed })))
          expect(exercise.contraindications).not.toContain(limitation);
      }
    }
  });

  it("never goes above the client's level: a beginner never gets difficulty 2 or 3, an intermediate never 3", () => {
    for (const seed of SEEDS) {
      for (const goal of GOALS) {
        expect(Math.max(...chosen(generateProgram(score({ level: 1, goals: [goal] }), LIBRARY, { seed })).map((e) => e.difficulty))).toBe(
          1,
        );
        expect(
          Math.max(...chosen(generateProgram(score({ level: 2, goals: [goal] }), LIBRARY, { seed })).map((e) => e.difficulty)),
        ).toBeLessThanOrEqual(2);
      }
    }
  });

  it("uses only the equipment the client has when the template asked (bodyweight always)", () => {
    const tables: string[][] = [["bodyweight"], ["bodyweight", "dumbbell"], ["band", "bench", "bodyweight"]];
    for (const equipment of tables) {
      for (const seed of SEEDS.slice(0, 10)) {
        const program = generateProgram(score({ level: 3, equipment, sessionsPerWeek: 5 }), LIBRARY, { seed });
        for (const exercise of chosen(program)) expect(equipment).toEqual(expect.arrayContaining(exercise.equipment));
      }
    }
    // Not asked: anything goes, and a barbell exercise does get chosen for an advanced client.
    const anything = SEEDS.flatMap((seed) => chosen(generateProgram(score({ level: 3, sessionsPerWeek: 5 }), LIBRARY, { seed })));
    expect(anything.some((e) => e.equipment.includes("barbell"))).toBe(true);
  });

  it("compares codes without regard to case or spaces", () => {
    const exercise: LibraryExercise = {
      id: "x",
      name: "X",
      muscleGroups: ["quads"],
      equipment: ["Dumbbell "],
      difficulty: 1,
      contraindications: [" Knee"],
      measure: "reps",
    };
    expect(isSafeFor({ level: 1, limitations: ["knee"] }, exercise)).toBe(false);
    expect(isSafeFor({ level: 1, limitations: [], equipment: ["dumbbell"] }, exercise)).toBe(true);
    expect(isSafeFor({ level: 1, limitations: [], equipment: ["bodyweight"] }, exercise)).toBe(false);
  });

  it("uses fewer exercises rather than unsafe ones, and throws only when none is safe", () => {
    const few = LIBRARY.filter((e) => !e.contraindications.includes("knee")).slice(0, 3);
    const unsafe = LIBRARY.filter((e) => e.contraindications.includes("knee"));
    const program = generateProgram(score({ level: 3, limitations: ["knee"] }), [...few, ...unsafe], { seed: "s" });
    expect(program.sessions.every((s) => s.items.length === 3)).toBe(true);
    expect(chosen(program).every((e) => few.includes(e))).toBe(true);
    expect(() => generateProgram(score({ limitations: ["knee"] }), unsafe, { seed: "s" })).toThrow(
      /No exercise in the library is safe for this client.*knee/,
    );
    expect(() => generateProgram(score(), [], { seed: "s" })).toThrow(/No exercise/);
  });

  it("property: for any valid score, seed and length, no contraindicated, too hard or unavailable exercise appears, and overload holds", () => {
    const scores = fc.record({
      total: fc.integer({ min: 0, max: 100 }),
      level: fc.constantFrom<Level>(1, 2, 3),
      goals: fc.uniqueArray(fc.constantFrom<Goal>(...GOALS), { minLength: 1, maxLength: 3 }),
      limitations: fc.uniqueArray(fc.constantFrom(...LIMITATIONS), { maxLength: LIMITATIONS.length }).map((l) => l.sort()),
      sessionsPerWeek: fc.integer({ min: 2, max: 5 }),
      parts: fc.constant<ScorePart[]>([]),
      equipment: fc.option(
        fc
          .uniqueArray(fc.constantFrom("dumbbell", "kettlebell", "band", "barbell", "bench", "pull_up_bar", "mat"))
          .map((e) => [...e, "bodyweight"].sort()),
        { nil: undefined },
      ),
    });
    fc.assert(
      fc.property(scores, fc.string(), fc.integer({ min: 1, max: 8 }), (given, seed, weeks) => {
        const program = generateProgram(given, LIBRARY, { seed, weeks });
        expect(program.sessions).toHaveLength(weeks * given.sessionsPerWeek);
        expect(safetyProblems(program, given)).toEqual([]);
        expect(overloadProblems(program)).toEqual([]);
      }),
      { numRuns: 300, seed: 20261201 },
    );
  });
});

describe("generateProgram: shape and progression", () => {
  const clients: Array<[string, ScoreBreakdown]> = [
    [
      "a beginner, fat loss, knee",
      score({ level: 1, goals: ["fat_loss"], limitations: ["knee"], sessionsPerWeek: 3, equipment: ["bodyweight"] }),
    ],
    [
      "an intermediate, strength and mobility",
      score({ level: 2, goals: ["strength", "mobility"], limitations: ["lower_back"], sessionsPerWeek: 4 }),
    ],
    ["an advanced, endurance, 5 a week", score({ level: 3, goals: ["endurance"], sessionsPerWeek: 5 })],
    ["an advanced, strength, 2 a week", score({ level: 3, goals: ["strength"], sessionsPerWeek: 2 })],
    [
      "a beginner, mobility, every limitation",
      score({ level: 1, goals: ["mobility"], limitations: LIMITATIONS, sessionsPerWeek: 2, equipment: ["bodyweight"] }),
    ],
    [
      "an intermediate, general, 3 a week",
      score({ level: 2, goals: ["general"], sessionsPerWeek: 3, equipment: ["bodyweight", "dumbbell"] }),
    ],
  ];

  it.each(clients)("gives %s a well-formed program whose every week does more than the last", (_name, given) => {
    const program = generateProgram(given, LIBRARY, { seed: "client" });
    expect(shapeProblems(program, given)).toEqual([]);
    expect(overloadProblems(program)).toEqual([]);
  });

  it.each([1, 4, 8, 12])("keeps overloading over %i weeks", (weeks) => {
    for (const goal of GOALS) {
      for (const level of LEVELS) {
        const given = score({ level, goals: [goal], sessionsPerWeek: 3 });
        const program = generateProgram(given, LIBRARY, { seed: "long", weeks });
        expect(shapeProblems(program, given, weeks)).toEqual([]);
        expect(overloadProblems(program)).toEqual([]);
      }
    }
  });

  it("lasts 4 weeks by default and refuses a length that is not 1 to 12 whole weeks", () => {
    expect(generateProgram(score(), LIBRARY, { seed: "s" }).weeks).toBe(4);
    for (const weeks of [0, 13, 2.5, Number.NaN])
      expect(() => generateProgram(score(), LIBRARY, { seed: "s", weeks })).toThrow(/1 to 12 whole weeks/);
  });

  it.each([2, 3, 4, 5])("plans %i sessions a week with the split of the rules", (sessionsPerWeek) => {
    const titles = (level: Level) =>
      week(generateProgram(score({ level, sessionsPerWeek }), LIBRARY, { seed: "s" }), 1).map((s) => s.title);
    expect(titles(1).every((t) => t.startsWith("Full body"))).toBe(true);
    const expected = {
      2: ["Full body A", "Full body B"],
      3: ["Push", "Pull", "Legs"],
      4: ["Upper body A", "Lower body A", "Upper body B", "Lower body B"],
      5: ["Push", "Pull", "Legs", "Upper body", "Lower body"],
    }[sessionsPerWeek];
    expect(titles(3)).toEqual(expected);
  });

  it("balances a beginner's full-body session: legs, push, pull and core in each", () => {
    const program = generateProgram(score({ level: 1, sessionsPerWeek: 3 }), LIBRARY, { seed: "s" });
    const PATTERNS: Record<string, string[]> = {
      legs: ["quads", "glutes", "hamstrings", "calves", "adductors"],
      push: ["chest", "shoulders", "triceps"],
      pull: ["back", "upper_back", "lats", "biceps", "rear_delts"],
      core: ["core", "abs", "obliques"],
    };
    for (const session of week(program, 1)) {
      const firsts = session.items.map((i) => BY_ID.get(i.exerciseId)!.muscleGroups[0]!);
      for (const [pattern, muscles] of Object.entries(PATTERNS))
        expect(
          firsts.some((m) => muscles.includes(m)),
          `${session.title}: ${pattern}`,
        ).toBe(true);
    }
  });

  it("shapes the sets by goal: strength heavy and low reps, fat loss 12–15 with short rest, endurance timed, mobility holds first", () => {
    const strength = generateProgram(score({ level: 2, goals: ["strength"] }), LIBRARY, { seed: "s" });
    const loaded = strength.sessions.flatMap((s) => s.items).filter((i) => i.loadPercent !== null);
    expect(loaded.length).toBeGreaterThan(0);
    for (const item of loaded) {
      expect(item.reps).toBeGreaterThanOrEqual(4);
      expect(item.reps).toBeLessThanOrEqual(6);
      expect(item.loadPercent).toBeGreaterThanOrEqual(65);
      expect(item.loadPercent).toBeLessThanOrEqual(90);
      expect(item.loadGuidance).toMatch(/Heavy/);
    }

    const fatLoss = generateProgram(score({ level: 2, goals: ["fat_loss"] }), LIBRARY, { seed: "s" });
    const fatLossItems = fatLoss.sessions.flatMap((s) => s.items);
    expect(new Set(fatLossItems.filter((i) => i.reps !== null).map((i) => i.reps))).toEqual(new Set([12, 13, 14, 15]));
    expect(Math.max(...fatLossItems.map((i) => i.restSeconds))).toBeLessThanOrEqual(45);

    const endurance = generateProgram(score({ level: 2, goals: ["endurance"] }), LIBRARY, { seed: "s" });
    expect(endurance.sessions.flatMap((s) => s.items).every((i) => i.reps === null && i.seconds !== null && i.loadPercent === null)).toBe(
      true,
    );

    const mobility = generateProgram(score({ level: 2, goals: ["mobility"] }), LIBRARY, { seed: "s" });
    for (const session of mobility.sessions) {
      const first = session.items[0]!;
      expect(["hips", "spine", "thoracic", "mobility"]).toContain(BY_ID.get(first.exerciseId)!.muscleGroups[0]);
      expect(first.sets).toBe(2);
    }
  });

  it("puts a cardio finisher last for endurance and fat-loss goals", () => {
    for (const goal of ["endurance", "fat_loss"] as const) {
      const program = generateProgram(score({ level: 2, goals: [goal] }), LIBRARY, { seed: "s" });
      for (const session of program.sessions) {
        expect(["cardio", "full_body"]).toContain(BY_ID.get(session.items.at(-1)!.exerciseId)!.muscleGroups[0]);
      }
    }
  });

  it("is deterministic: same seed, same program, whatever the library's order; other seeds vary the choice", () => {
    const given = score({ level: 2, goals: ["fat_loss"], limitations: ["knee"], sessionsPerWeek: 3 });
    const program = generateProgram(given, LIBRARY, { seed: "same" });
    expect(generateProgram(given, LIBRARY, { seed: "same" })).toEqual(program);
    expect(generateProgram(given, [...LIBRARY].reverse(), { seed: "same" })).toEqual(program);
    const others = SEEDS.map((seed) =>
      JSON.stringify(generateProgram(given, LIBRARY, { seed }).sessions.map((s) => s.items.map((i) => i.exerciseId))),
    );
    expect(new Set(others).size).toBeGreaterThan(5);
  });

  it("names the program by goal, level and length", () => {
    expect(generateProgram(score({ level: 1, goals: ["fat_loss"] }), LIBRARY, { seed: "s" }).title).toBe(
      "Fat loss program: beginner, 4 weeks",
    );
    expect(generateProgram(score({ level: 3, goals: ["strength"] }), LIBRARY, { seed: "s", weeks: 1 }).title).toBe(
      "Strength program: advanced, 1 week",
    );
  });
});
