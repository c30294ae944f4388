import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, SeedRefusedError, seedDemo } from "./seed.ts";
import { verifyPassword } from "./password.ts";
import { createTestDatabase, type TestDatabase } from "./testing.ts";

let test: TestDatabase;
beforeAll(async () => {
  test = await createTestDatabase();
});
afterAll(() => test.drop());

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
