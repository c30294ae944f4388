import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  COACH_DEFAULT_TEMPLATE,
  COACH_DEFAULT_TEMPLATE_ID,
  COACH_LIBRARY_EXERCISES,
  COACH_LIBRARY_VIDEOS,
  COACH_VIDEOS_DIR,
  coachLibraryVideoKey,
  seedCoachLibrary,
} from "./seed-coach.ts";
import { createTestDatabase, type TestDatabase } from "./testing.ts";

const LIMITATIONS = new Set(["knee", "lower_back", "shoulder", "wrist", "hip", "ankle", "neck", "pregnancy", "hypertension"]);

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

describe("the coach library data", () => {
  it("has at least 60 exercises with unique keys and names, known contraindication codes and difficulties 1 to 3", () => {
    expect(COACH_LIBRARY_EXERCISES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(COACH_LIBRARY_EXERCISES.map((e) => e.key)).size).toBe(COACH_LIBRARY_EXERCISES.length);
    expect(new Set(COACH_LIBRARY_EXERCISES.map((e) => e.name)).size).toBe(COACH_LIBRARY_EXERCISES.length);
    for (const exercise of COACH_LIBRARY_EXERCISES) {
      expect(exercise.muscleGroups.length, exercise.key).toBeGreaterThan(0);
      expect(exercise.equipment.length, exercise.key).toBeGreaterThan(0);
      expect([1, 2, 3], exercise.key).toContain(exercise.difficulty);
      expect(
        exercise.contraindications.filter((c) => !LIMITATIONS.has(c)),
        exercise.key,
      ).toEqual([]);
      expect(exercise.description, exercise.key).toMatch(/^[A-Z].{20,120}\.$/);
    }
    for (const difficulty of [1, 2, 3]) expect(COACH_LIBRARY_EXERCISES.some((e) => e.difficulty === difficulty)).toBe(true);
  });

  it("points every exercise at a bundled video that exists, is an MP4 of its stated kind and stays small", () => {
    const files = new Set(COACH_LIBRARY_VIDEOS.map((v) => v.file));
    expect(files.size).toBe(8);
    for (const exercise of COACH_LIBRARY_EXERCISES) expect(files, exercise.key).toContain(exercise.video);
    for (const { file, seconds } of COACH_LIBRARY_VIDEOS) {
      const path = join(COACH_VIDEOS_DIR, file);
      expect(existsSync(path), path).toBe(true);
      expect(statSync(path).size).toBeLessThan(120 * 1024);
      expect(seconds).toBeGreaterThanOrEqual(4);
      expect(seconds).toBeLessThanOrEqual(6);
    }
    // Every video is used by at least one exercise.
    expect(new Set(COACH_LIBRARY_EXERCISES.map((e) => e.video))).toEqual(files);
  });
});

describe("seedCoachLibrary", () => {
  it("inserts the shared exercises and the starter template with org_id NULL, and changes nothing when run again", async () => {
    await seedCoachLibrary(test.db);
    const first = await test.db.coachExercise.findMany({ orderBy: { id: "asc" } });
    const templates = await test.db.coachTemplate.findMany();
    expect(first).toHaveLength(COACH_LIBRARY_EXERCISES.length);
    expect(first.every((e) => e.orgId === null)).toBe(true);
    expect(templates).toHaveLength(1);
    expect(templates[0]).toMatchObject({ id: COACH_DEFAULT_TEMPLATE_ID, orgId: null, name: "Starter assessment" });
    expect(templates[0]!.questions).toEqual(COACH_DEFAULT_TEMPLATE.questions);

    await seedCoachLibrary(test.db);
    expect(await test.db.coachExercise.findMany({ orderBy: { id: "asc" } })).toEqual(first);
    expect(await test.db.coachTemplate.count()).toBe(1);
  });

  it("stores each exercise's video key and length from its bundled video", async () => {
    await seedCoachLibrary(test.db);
    const seconds = new Map(COACH_LIBRARY_VIDEOS.map((v) => [v.file, v.seconds]));
    const rows = new Map((await test.db.coachExercise.findMany()).map((e) => [e.name, e]));
    for (const exercise of COACH_LIBRARY_EXERCISES) {
      const row = rows.get(exercise.name)!;
      expect(row).toMatchObject({
        videoKey: coachLibraryVideoKey(exercise.video),
        videoSeconds: seconds.get(exercise.video),
        muscleGroups: exercise.muscleGroups,
        contraindications: exercise.contraindications,
        difficulty: exercise.difficulty,
        measure: exercise.measure,
      });
      expect(row.videoKey).toMatch(/^library\/exercises\/[a-z]+\.mp4$/);
    }
  });
});
