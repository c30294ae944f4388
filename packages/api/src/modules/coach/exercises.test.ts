// Exercises, their videos (uploads checked by content, signed stream URLs) and video progress,
// against a real PostgreSQL through row-level security, with local-disk storage.
import { randomUUID } from "node:crypto";
import { COACH_LIBRARY_EXERCISES, COACH_LIBRARY_VIDEOS, coachExerciseId, seedCoachLibrary } from "@glow/db";
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../context.ts";
import { createTestServices, personCalling, samplePng, sampleVideo, testCaller } from "../../testing.ts";
import { ensureMembership, ensureOrganization } from "./demo.ts";
import { ensureLibraryVideos } from "./videos.ts";

let database: TestDatabase;
let services: AppServices;
let orgA: string;
let orgB: string;

interface Actor {
  id: string;
  call: ReturnType<typeof testCaller>;
}
let staff: Actor, a1: Actor, a2: Actor, outsider: Actor;

const actor = (name: string): Promise<Actor> => personCalling(services, name);

beforeAll(async () => {
  database = await createTestDatabase();
  await seedCoachLibrary(database.db);
  services = createTestServices(database.db);
  orgA = await ensureOrganization(database.db, { slug: "org-a", name: "Org A" });
  orgB = await ensureOrganization(database.db, { slug: "org-b", name: "Org B" });
  staff = await actor("staff");
  a1 = await actor("a1");
  a2 = await actor("a2");
  outsider = await actor("outsider");
  await ensureMembership(database.db, orgA, staff.id, "staff");
  await ensureMembership(database.db, orgA, a1.id, "client");
  await ensureMembership(database.db, orgA, a2.id, "client");
  await ensureMembership(database.db, orgB, outsider.id, "owner");
});
afterAll(() => database.drop());

/** The fields a BAD_REQUEST names: its zod issues' paths, or the domain error's field. */
async function refused(call: Promise<unknown>): Promise<{ fields: string[]; message: string }> {
  const error = (await call.then(
    () => null,
    (e: unknown) => e,
  )) as { code?: string; message: string; cause?: { issues?: Array<{ path: PropertyKey[] }>; field?: string | null } } | null;
  if (error?.code !== "BAD_REQUEST") throw new Error(`Expected a BAD_REQUEST, got ${error ? String(error.code) : "success"}`);
  const fields = error.cause?.issues
    ? [...new Set(error.cause.issues.map((issue) => issue.path.join(".")))]
    : error.cause?.field
      ? [error.cause.field]
      : [];
  return { fields, message: error.message };
}

const squat = {
  name: "Zebra Box Step",
  muscleGroups: ["Quads", "glutes"],
  equipment: ["bench"],
  difficulty: 1,
  contraindications: ["knee" as const],
};

describe("coach.exercises", () => {
  it("lists the library and the organization's own by name, pages, searches and filters by muscle group", async () => {
    const own = await staff.call.coach.exercises.create({ orgId: orgA, ...squat, description: "Step up onto a box." });
    expect(own).toMatchObject({
      library: false,
      name: "Zebra Box Step",
      muscleGroups: ["quads", "glutes"],
      measure: "reps",
      hasVideo: false,
    });
    await outsider.call.coach.exercises.create({ orgId: orgB, ...squat, name: "Zebra Secret Lift" });

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await a1.call.coach.exercises.list({ orgId: orgA, limit: 25, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((e) => e.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(COACH_LIBRARY_EXERCISES.length + 1);
    expect(seen).toContain("Zebra Box Step");
    expect(seen).not.toContain("Zebra Secret Lift");
    expect([...seen].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(seen);

    const found = await a1.call.coach.exercises.list({ orgId: orgA, search: "zebra" });
    expect(found.items.map((e) => e.name)).toEqual(["Zebra Box Step"]);
    const calves = await a1.call.coach.exercises.list({ orgId: orgA, muscleGroup: "calves", limit: 100 });
    expect(calves.items.length).toBeGreaterThan(0);
    expect(calves.items.every((e) => e.muscleGroups.includes("calves"))).toBe(true);
    expect((await a1.call.coach.exercises.list({ orgId: orgA, search: "100%_" })).items).toEqual([]);
    expect((await refused(a1.call.coach.exercises.list({ orgId: orgA, cursor: "not-a-cursor" }))).fields).toEqual(["cursor"]);
  });

  it("lets staff change only their organization's own exercises, audited", async () => {
    const own = await staff.call.coach.exercises.create({ orgId: orgA, ...squat, name: "Yak Carry" });
    const changed = await staff.call.coach.exercises.update({ orgId: orgA, exerciseId: own.id, difficulty: 2, measure: "time" });
    expect(changed).toMatchObject({ difficulty: 2, measure: "time", name: "Yak Carry" });
    const audit = await database.db.auditEvent.findFirst({ where: { action: "coach.exercise.updated" } });
    expect(audit).toMatchObject({ actorId: staff.id, details: { orgId: orgA, exerciseId: own.id } });
    expect(await database.db.auditEvent.count({ where: { action: "coach.exercise.created" } })).toBeGreaterThan(0);

    const library = coachExerciseId(COACH_LIBRARY_EXERCISES[0]!.key);
    await expect(staff.call.coach.exercises.update({ orgId: orgA, exerciseId: library, name: "Mine now" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(outsider.call.coach.exercises.update({ orgId: orgB, exerciseId: own.id, name: "Mine now" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(a1.call.coach.exercises.update({ orgId: orgA, exerciseId: own.id, name: "Mine now" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(a1.call.coach.exercises.create({ orgId: orgA, ...squat })).rejects.toMatchObject({ code: "FORBIDDEN" });

    await staff.call.coach.exercises.update({ orgId: orgA, exerciseId: own.id, archived: true });
    expect((await a1.call.coach.exercises.list({ orgId: orgA, search: "Yak" })).items).toEqual([]);
    expect((await staff.call.coach.exercises.list({ orgId: orgA, search: "Yak", includeArchived: true })).items).toHaveLength(1);
  });

  it("refuses bad input naming the field", async () => {
    const bad = (input: Record<string, unknown>) =>
      refused(
        staff.call.coach.exercises.create({ orgId: orgA, ...squat, ...input } as Parameters<typeof staff.call.coach.exercises.create>[0]),
      );
    expect((await bad({ contraindications: ["elbow"] })).fields).toEqual(["contraindications.0"]);
    expect((await bad({ difficulty: 4 })).fields).toEqual(["difficulty"]);
    expect((await bad({ muscleGroups: [] })).fields).toEqual(["muscleGroups"]);
    expect((await bad({ name: "Nul\u0000name" })).fields).toEqual(["name"]);
  });
});

describe("exercise videos", () => {
  it("hands out an upload URL under the organization's folder, refusing non-videos and oversized files up front", async () => {
    const url = await staff.call.coach.exercises.uploadUrl({ orgId: orgA, fileName: "box step.mp4", contentType: "video/mp4", size: 1000 });
    expect(url.key).toMatch(new RegExp(`^orgs/${orgA}/exercises/[0-9a-f-]{36}\\.mp4$`));
    expect(url).toMatchObject({ method: "PUT", maxBytes: services.uploads.maxVideoBytes });
    expect(url.expiresAt.getTime()).toBeGreaterThan(Date.now());

    const notVideo = await refused(
      staff.call.coach.exercises.uploadUrl({ orgId: orgA, fileName: "cat.png", contentType: "image/png" as "video/mp4", size: 10 }),
    );
    expect(notVideo.fields).toEqual(["contentType"]);
    expect(notVideo.message).toContain("Only videos");
    const tooBig = await refused(
      staff.call.coach.exercises.uploadUrl({
        orgId: orgA,
        fileName: "huge.mp4",
        contentType: "video/mp4",
        size: services.uploads.maxVideoBytes + 1,
      }),
    );
    expect(tooBig.fields).toEqual(["size"]);
    expect(tooBig.message).toContain("the limit is 50 MB");
    const nul = await refused(
      staff.call.coach.exercises.uploadUrl({ orgId: orgA, fileName: "a\u0000.mp4", contentType: "video/mp4", size: 10 }),
    );
    expect(nul.fields).toEqual(["fileName"]);
    await expect(
      a1.call.coach.exercises.uploadUrl({ orgId: orgA, fileName: "x.mp4", contentType: "video/mp4", size: 10 }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("attaches an uploaded video only when it is under the organization's folder and really a video", async () => {
    const upload = () => staff.call.coach.exercises.uploadUrl({ orgId: orgA, fileName: "v.mp4", contentType: "video/mp4", size: 5000 });
    const real = await upload();
    await services.storage.put(real.key, sampleVideo(), { contentType: "video/mp4" });
    const created = await staff.call.coach.exercises.create({
      orgId: orgA,
      ...squat,
      name: "Video Step",
      videoKey: real.key,
      videoSeconds: 2,
    });
    expect(created).toMatchObject({ hasVideo: true, videoSeconds: 2 });

    const fake = await upload();
    await services.storage.put(fake.key, samplePng(), { contentType: "video/mp4" });
    const png = await refused(staff.call.coach.exercises.create({ orgId: orgA, ...squat, videoKey: fake.key }));
    expect(png.fields).toEqual(["file"]);
    expect(png.message).toContain("not a video");
    expect(await services.storage.head(fake.key)).toBeNull();

    const missing = await upload();
    expect(
      (await refused(staff.call.coach.exercises.update({ orgId: orgA, exerciseId: created.id, videoKey: missing.key }))).fields,
    ).toEqual(["videoKey"]);
    const elsewhere = `orgs/${orgB}/exercises/${randomUUID()}.mp4`;
    await services.storage.put(elsewhere, sampleVideo(), { contentType: "video/mp4" });
    expect((await refused(staff.call.coach.exercises.update({ orgId: orgA, exerciseId: created.id, videoKey: elsewhere }))).fields).toEqual(
      ["videoKey"],
    );
    expect(
      (await refused(staff.call.coach.exercises.update({ orgId: orgA, exerciseId: created.id, videoKey: "library/exercises/legs.mp4" })))
        .fields,
    ).toEqual(["videoKey"]);

    const removed = await staff.call.coach.exercises.update({ orgId: orgA, exerciseId: created.id, videoKey: null });
    expect(removed).toMatchObject({ hasVideo: false, videoSeconds: null });
  });

  it("streams through a 5-minute signed URL; another organization's exercise, or one with no video, is 404", async () => {
    expect((await ensureLibraryVideos(services.storage)).uploaded).toBe(COACH_LIBRARY_VIDEOS.length);
    expect((await ensureLibraryVideos(services.storage)).uploaded).toBe(0);
    const library = coachExerciseId(COACH_LIBRARY_EXERCISES[0]!.key);
    const link = await a1.call.coach.videos.streamUrl({ orgId: orgA, exerciseId: library });
    expect(link.url).toContain("library/exercises/");
    expect(link.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(300_000);
    expect(link.expiresAt.getTime() - Date.now()).toBeGreaterThan(290_000);

    const upload = await staff.call.coach.exercises.uploadUrl({ orgId: orgA, fileName: "v.mp4", contentType: "video/mp4", size: 5000 });
    await services.storage.put(upload.key, sampleVideo(), { contentType: "video/mp4" });
    const own = await staff.call.coach.exercises.create({ orgId: orgA, ...squat, name: "Own Video", videoKey: upload.key });
    expect((await a2.call.coach.videos.streamUrl({ orgId: orgA, exerciseId: own.id })).url).toContain(`orgs/${orgA}/`);
    await expect(outsider.call.coach.videos.streamUrl({ orgId: orgB, exerciseId: own.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(outsider.call.coach.videos.streamUrl({ orgId: orgA, exerciseId: own.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const silent = await staff.call.coach.exercises.create({ orgId: orgA, ...squat, name: "No Video" });
    await expect(a1.call.coach.videos.streamUrl({ orgId: orgA, exerciseId: silent.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("coach.progress.record", () => {
  it("keeps each client's own position; once completed it never goes back", async () => {
    const exerciseId = coachExerciseId(COACH_LIBRARY_EXERCISES[1]!.key);
    const record = (who: Actor, positionSeconds: number, completed: boolean) =>
      who.call.coach.progress.record({ orgId: orgA, exerciseId, positionSeconds, completed });
    expect(await record(a1, 3, false)).toMatchObject({ exerciseId, positionSeconds: 3, completed: false });
    expect(await record(a1, 1, false)).toMatchObject({ positionSeconds: 1, completed: false });
    expect(await record(a1, 5, true)).toMatchObject({ positionSeconds: 5, completed: true });
    expect(await record(a1, 2, false)).toMatchObject({ positionSeconds: 5, completed: true });
    expect(await record(a2, 1, false)).toMatchObject({ positionSeconds: 1, completed: false });
    const rows = await database.db.coachVideoProgress.findMany({ where: { orgId: orgA, exerciseId }, orderBy: { positionSeconds: "asc" } });
    expect(rows.map((r) => [r.clientId, r.positionSeconds, r.completed])).toEqual([
      [a2.id, 1, false],
      [a1.id, 5, true],
    ]);
  });

  it("refuses another organization's exercise (404) and bad positions (400)", async () => {
    const theirs = await outsider.call.coach.exercises.create({ orgId: orgB, ...squat, name: "B only" });
    await expect(
      a1.call.coach.progress.record({ orgId: orgA, exerciseId: theirs.id, positionSeconds: 1, completed: false }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const exerciseId = coachExerciseId(COACH_LIBRARY_EXERCISES[1]!.key);
    expect(
      (await refused(a1.call.coach.progress.record({ orgId: orgA, exerciseId, positionSeconds: -1, completed: false }))).fields,
    ).toEqual(["positionSeconds"]);
  });
});
