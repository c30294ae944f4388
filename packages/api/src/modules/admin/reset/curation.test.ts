import { seedDemo } from "@glow/db";
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../../context.ts";
import { createTestServices, refusedFields, testCaller } from "../../../testing.ts";
import { validateSessionToken } from "../../auth/sessions.ts";

let database: TestDatabase;
let services: AppServices;
let admin: ReturnType<typeof testCaller>;
let person: ReturnType<typeof testCaller>;

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database.db);
  await seedDemo(database.db, { nodeEnv: "test" });
  const adminLogin = await testCaller(services).auth.login({ email: "admin@glow.dev", password: "glow-demo-password", delivery: "token" });
  admin = testCaller(services, { caller: await validateSessionToken(services, adminLogin.token!) });
  const userLogin = await testCaller(services).auth.login({ email: "user@glow.dev", password: "glow-demo-password", delivery: "token" });
  person = testCaller(services, { caller: await validateSessionToken(services, userLogin.token!) });
});
afterAll(() => database.drop());

describe("admin.reset curation", () => {
  it("creates, renames and archives a category; archived ones disappear for people", async () => {
    const created = await admin.admin.reset.categories.create({ name: "Gardening & plants", emoji: "🌱" });
    expect(created).toMatchObject({ slug: "gardening-plants", creatorCount: 0, archivedAt: null });
    await expect(admin.admin.reset.categories.create({ name: "Gardening & plants" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    expect((await admin.admin.reset.categories.update({ id: created.id, name: "Gardening" })).name).toBe("Gardening");
    expect((await person.reset.categories.list()).map((c) => c.id)).toContain(created.id);
    await admin.admin.reset.categories.archive({ id: created.id });
    expect((await person.reset.categories.list()).map((c) => c.id)).not.toContain(created.id);
    expect(
      (await admin.admin.reset.categories.list({ includeArchived: true })).find((c) => c.id === created.id)?.archivedAt,
    ).toBeInstanceOf(Date);
    await admin.admin.reset.categories.archive({ id: created.id, archived: false });
    expect((await person.reset.categories.list()).map((c) => c.id)).toContain(created.id);
  });

  it("creates toxic creators only with a reason, and filters and pages creators", async () => {
    const [category] = await admin.admin.reset.categories.list({});
    await expect(
      admin.admin.reset.creators.create({ handle: "@rage.bait", displayName: "Rage", categoryId: category!.id, isToxic: true }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    const toxic = await admin.admin.reset.creators.create({
      handle: "@rage.bait",
      displayName: "Rage",
      categoryId: category!.id,
      isToxic: true,
      toxicityReason: "Rage bait",
    });
    expect(toxic.handle).toBe("rage.bait");
    expect((await admin.admin.reset.creators.list({ toxic: true, limit: 100 })).items).toHaveLength(21);
    const first = await admin.admin.reset.creators.list({ limit: 25 });
    const second = await admin.admin.reset.creators.list({ limit: 25, cursor: first.nextCursor! });
    const third = await admin.admin.reset.creators.list({ limit: 25, cursor: second.nextCursor! });
    expect(first.items.length + second.items.length + third.items.length).toBe(61);
    expect((await admin.admin.reset.creators.list({ search: "RAGE", limit: 5 })).items.map((c) => c.id)).toEqual([toxic.id]);
  });

  it("adds videos to curated creators only, filed under the creator's category", async () => {
    const creators = await admin.admin.reset.creators.list({ toxic: false, limit: 1 });
    const creator = creators.items[0]!;
    const video = await admin.admin.reset.videos.create({
      url: "https://www.tiktok.com/@x/video/1",
      title: "A new one",
      creatorId: creator.id,
      durationSeconds: 42,
    });
    expect(video).toMatchObject({
      categoryId: creator.categoryId,
      creatorHandle: creator.handle,
      thumbnailUrl: expect.stringMatching(/^\/thumbnails\//),
    });
    const toxic = (await admin.admin.reset.creators.list({ toxic: true, limit: 1 })).items[0]!;
    await expect(
      admin.admin.reset.videos.create({ url: "https://x.test/v", title: "Nope", creatorId: toxic.id, durationSeconds: 5 }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(
      admin.admin.reset.videos.create({ url: "javascript:alert(1)", title: "Nope", creatorId: creator.id, durationSeconds: 5 }),
    ).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await admin.admin.reset.videos.archive({ id: video.id });
    expect((await admin.admin.reset.videos.list({ creatorId: creator.id, limit: 50 })).items.map((v) => v.id)).not.toContain(video.id);
    await expect(admin.admin.reset.videos.update({ id: "00000000-0000-4000-8000-000000000000", title: "Ghost" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("is closed to people without the admin role", async () => {
    await expect(person.admin.reset.categories.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(person.admin.metrics.overview()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("bulk curation", () => {
  it("archives many at once", async () => {
    const videos = (await admin.admin.reset.videos.list({ limit: 3 })).items;
    expect(await admin.admin.reset.videos.archiveMany({ ids: videos.map((v) => v.id) })).toEqual({ updated: 3 });
    const remaining = (await admin.admin.reset.videos.list({ limit: 100 })).items.map((v) => v.id);
    expect(videos.every((v) => !remaining.includes(v.id))).toBe(true);
    await admin.admin.reset.videos.archiveMany({ ids: videos.map((v) => v.id), archived: false });
  });

  it("previews a creators CSV with a per-row error report, then imports only the valid rows", async () => {
    const rows = [
      { handle: "@fresh.face", displayName: "Fresh Face", category: "fitness", isToxic: "no" },
      { handle: "bad handle!", displayName: "", category: "fitness", isToxic: "no" },
      { handle: "fresh.face", displayName: "Twice", category: "fitness", isToxic: "no" },
      { handle: "loud.one", displayName: "Loud", category: "nope", isToxic: "yes" },
      { handle: "quiet.one", displayName: "Quiet", category: "books", isToxic: "maybe" },
      { handle: "spam.king", displayName: "Spam", category: "money", isToxic: "yes", toxicityReason: "Fake giveaways" },
    ];
    const preview = await admin.admin.reset.creators.import({ mode: "preview", rows });
    expect(preview).toMatchObject({ mode: "preview", accepted: 2, rejected: 4 });
    expect(preview.rows[1]!.errors).toHaveProperty("handle");
    expect(preview.rows[1]!.errors).toHaveProperty("displayName");
    expect(preview.rows[2]!.errors.handle).toEqual(["Appears twice in this file"]);
    expect(preview.rows[3]!.errors).toMatchObject({ category: ['No category "nope"'] });
    expect(preview.rows[3]!.errors).toHaveProperty("toxicityReason");
    expect(preview.rows[4]!.errors.isToxic).toEqual(["Use yes or no"]);
    expect(await database.db.curatedCreator.count({ where: { handle: "fresh.face" } })).toBe(0);

    const committed = await admin.admin.reset.creators.import({ mode: "commit", rows });
    expect(committed.accepted).toBe(2);
    expect(committed.rows[0]!.id).toEqual(expect.any(String));
    expect(await database.db.curatedCreator.findUnique({ where: { handle: "spam.king" } })).toMatchObject({
      isToxic: true,
      toxicityReason: "Fake giveaways",
    });
    const again = await admin.admin.reset.creators.import({ mode: "preview", rows: [rows[0]!] });
    expect(again.rows[0]!.errors.handle).toEqual(["Already in the catalog"]);
  });

  it("imports videos by creator handle, coercing spreadsheet numbers", async () => {
    const result = await admin.admin.reset.videos.import({
      mode: "commit",
      rows: [
        { url: "https://www.tiktok.com/@fresh.face/video/1", title: "First upload", creatorHandle: "@fresh.face", durationSeconds: "42" },
        { url: "http://insecure.example/v", title: "Nope", creatorHandle: "fresh.face", durationSeconds: "x" },
        { url: "https://www.tiktok.com/@spam.king/video/2", title: "Spam", creatorHandle: "spam.king", durationSeconds: "10" },
      ],
    });
    expect(result).toMatchObject({ accepted: 1, rejected: 2 });
    expect(Object.keys(result.rows[1]!.errors).sort()).toEqual(["durationSeconds", "url"]);
    expect(result.rows[2]!.errors.creatorHandle).toEqual(["Videos of creators flagged as toxic are never recommended"]);
    expect(await database.db.curatedVideo.findUniqueOrThrow({ where: { id: result.rows[0]!.id! } })).toMatchObject({ durationSeconds: 42 });
  });
});

describe("curation input the database would refuse", () => {
  it("refuses import cells that are not text or numbers, or are huge, naming the cell, and stores nothing", async () => {
    const deep = JSON.parse("[".repeat(100_000) + "]".repeat(100_000)) as unknown;
    // Typed as text: the typed client would refuse them, a raw HTTP caller need not.
    for (const cell of [{ nested: "object" }, deep, "x".repeat(5_000)] as string[]) {
      expect(
        await refusedFields(
          admin.admin.reset.creators.import({ mode: "commit", rows: [{ handle: cell, displayName: "Odd cell", category: "fitness" }] }),
        ),
      ).toEqual(["rows.0.handle"]);
      expect(
        await refusedFields(
          admin.admin.reset.videos.import({
            mode: "commit",
            rows: [{ url: "https://x.test/v", title: "Odd cell", creatorHandle: cell, durationSeconds: "5" }],
          }),
        ),
      ).toEqual(["rows.0.creatorHandle"]);
    }
    expect(await database.db.curatedCreator.count({ where: { displayName: "Odd cell" } })).toBe(0);
    expect(await database.db.curatedVideo.count({ where: { title: "Odd cell" } })).toBe(0);
  });

  it("refuses a NUL in curation fields and import cells, naming the field", async () => {
    expect(await refusedFields(admin.admin.reset.categories.create({ name: "Nul\u0000category" }))).toEqual(["name"]);
    const rows = [{ handle: "nul.cell", displayName: "Nul\u0000cell", category: "fitness" }];
    expect(await refusedFields(admin.admin.reset.creators.import({ mode: "commit", rows }))).toEqual(["rows.0.displayName"]);
    expect(await refusedFields(admin.admin.reset.creators.list({ search: "\u0000", limit: 5 }))).toEqual(["search"]);
    expect(await database.db.curatedCreator.count({ where: { handle: "nul.cell" } })).toBe(0);
  });

  it("searches creators and videos taking % and _ literally", async () => {
    const [category] = await admin.admin.reset.categories.list({});
    const creator = await admin.admin.reset.creators.create({
      handle: "half_off",
      displayName: "Half off: 50% today",
      categoryId: category!.id,
    });
    const video = await admin.admin.reset.videos.create({
      url: "https://x.test/percent",
      title: "100% honest_review",
      creatorId: creator.id,
      durationSeconds: 30,
    });
    expect((await admin.admin.reset.creators.list({ search: "%", limit: 100 })).items.map((c) => c.id)).toEqual([creator.id]);
    const underscored = (await admin.admin.reset.creators.list({ search: "f_o", limit: 100 })).items;
    expect(underscored.map((c) => c.id)).toContain(creator.id);
    expect(underscored.every((c) => `${c.handle} ${c.displayName}`.toLowerCase().includes("f_o"))).toBe(true);
    expect((await admin.admin.reset.videos.list({ search: "%", limit: 100 })).items.map((v) => v.id)).toEqual([video.id]);
    expect((await admin.admin.reset.videos.list({ search: "0_ h", limit: 100 })).items).toEqual([]); // "_" is no wildcard: "0% h" does not match
  });
});
