import { seedDemo } from "@glow/db";
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../context.ts";
import { createTestServices, testCaller } from "../../testing.ts";
import { validateSessionToken } from "../auth/sessions.ts";

let database: TestDatabase;
let services: AppServices;
let admin: ReturnType<typeof testCaller>;
let person: ReturnType<typeof testCaller>;

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database.db);
  await seedDemo(database.db, { nodeEnv: "test" });
  const adminLogin = await testCaller(services).auth.login({ email: "admin@glow.dev", password: "glow-demo-password", delivery: "token" });
  admin = testCaller(services, { session: await validateSessionToken(services, adminLogin.token!) });
  const userLogin = await testCaller(services).auth.login({ email: "user@glow.dev", password: "glow-demo-password", delivery: "token" });
  person = testCaller(services, { session: await validateSessionToken(services, userLogin.token!) });
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
    expect((await admin.admin.reset.categories.list({ includeArchived: true })).find((c) => c.id === created.id)?.archivedAt).toBeInstanceOf(Date);
    await admin.admin.reset.categories.archive({ id: created.id, archived: false });
    expect((await person.reset.categories.list()).map((c) => c.id)).toContain(created.id);
  });

  it("creates toxic creators only with a reason, and filters and pages creators", async () => {
    const [category] = await admin.admin.reset.categories.list({});
    await expect(admin.admin.reset.creators.create({ handle: "@rage.bait", displayName: "Rage", categoryId: category!.id, isToxic: true })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    const toxic = await admin.admin.reset.creators.create({ handle: "@rage.bait", displayName: "Rage", categoryId: category!.id, isToxic: true, toxicityReason: "Rage bait" });
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
    const video = await admin.admin.reset.videos.create({ url: "https://www.tiktok.com/@x/video/1", title: "A new one", creatorId: creator.id, durationSeconds: 42 });
    expect(video).toMatchObject({ categoryId: creator.categoryId, creatorHandle: creator.handle, thumbnailUrl: expect.stringMatching(/^\/thumbnails\//) });
    const toxic = (await admin.admin.reset.creators.list({ toxic: true, limit: 1 })).items[0]!;
    await expect(admin.admin.reset.videos.create({ url: "https://x.test/v", title: "Nope", creatorId: toxic.id, durationSeconds: 5 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await expect(admin.admin.reset.videos.create({ url: "javascript:alert(1)", title: "Nope", creatorId: creator.id, durationSeconds: 5 })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
    await admin.admin.reset.videos.archive({ id: video.id });
    expect((await admin.admin.reset.videos.list({ creatorId: creator.id, limit: 50 })).items.map((v) => v.id)).not.toContain(video.id);
    await expect(admin.admin.reset.videos.update({ id: "00000000-0000-4000-8000-000000000000", title: "Ghost" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("is closed to people without the admin role", async () => {
    await expect(person.admin.reset.categories.list({})).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(person.admin.metrics.overview()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
