import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, SeedRefusedError, seedDemo } from "./seed.ts";
import { verifyPassword } from "./password.ts";
import { createTestDatabase, type TestDatabase } from "./testing.ts";

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

describe("the reset catalog", () => {
  it("has at least 8 categories, 60 creators (some toxic, with reasons) and 200 videos, all consistent", async () => {
    await seedDemo(test.db, { nodeEnv: "development" });
    const categories = await test.db.category.findMany({ include: { _count: { select: { videos: true, creators: true } } } });
    expect(categories.length).toBeGreaterThanOrEqual(8);
    expect(categories.every((c) => c._count.videos === 20 && c._count.creators === 6)).toBe(true);
    const toxic = await test.db.curatedCreator.findMany({ where: { isToxic: true } });
    expect(toxic).toHaveLength(20);
    expect(toxic.every((c) => c.toxicityReason)).toBe(true);
    const videos = await test.db.curatedVideo.findMany({ include: { creator: true } });
    expect(videos).toHaveLength(200);
    expect(videos.every((v) => !v.creator.isToxic && v.creator.categoryId === v.categoryId)).toBe(true);
    expect(new Set(videos.map((v) => v.url)).size).toBe(200);
  });
});

describe("seedDemo", () => {
  it("creates the demo admin and user with their roles and the demo password", async () => {
    await seedDemo(test.db, { nodeEnv: "development" });

    const admin = await test.db.user.findUniqueOrThrow({
      where: { email: "admin@glow.dev" },
      include: { roles: { include: { role: true } } },
    });
    expect(admin.roles.map((r) => r.role.name).sort()).toEqual(["admin", "user"]);
    expect(await verifyPassword(admin.passwordHash!, DEMO_PASSWORD)).toBe(true);
    expect(await verifyPassword(admin.passwordHash!, "wrong-password")).toBe(false);

    const user = await test.db.user.findUniqueOrThrow({
      where: { email: "user@glow.dev" },
      include: { roles: { include: { role: true } } },
    });
    expect(user.roles.map((r) => r.role.name)).toEqual(["user"]);
  });

  it("is idempotent", async () => {
    await seedDemo(test.db, { nodeEnv: "development" });
    await seedDemo(test.db, { nodeEnv: "development" });
    expect(await test.db.user.count()).toBe(DEMO_ACCOUNTS.length);
    expect(await test.db.userRole.count()).toBe(3);
    expect(await test.db.role.count()).toBe(2);
    expect(await test.db.category.count()).toBe(10);
    expect(await test.db.curatedCreator.count()).toBe(60);
    expect(await test.db.curatedVideo.count()).toBe(200);
  });

  it("refuses to create demo accounts in production", async () => {
    const fresh = await createTestDatabase();
    try {
      await expect(seedDemo(fresh.db, { nodeEnv: "production" })).rejects.toBeInstanceOf(SeedRefusedError);
      expect(await fresh.db.user.count()).toBe(0);
    } finally {
      await fresh.drop();
    }
  });
});
