import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "../../context.ts";
import { ADMIN_GRANTS, createTestServices, testCaller } from "../../testing.ts";

let database: TestDatabase;
let services: ReturnType<typeof createTestServices>;
const as = (roles: string[]): Caller => ({
  kind: "session",
  sessionId: `session-${roles.join("-")}`,
  userId: `user-${roles.join("-")}`,
  roles,
  permissions: roles.includes("admin") ? ADMIN_GRANTS : [],
});

beforeAll(async () => {
  database = await createTestDatabase();
  services = { ...createTestServices(database.db, { version: "1.2.3" }), startedAt: new Date(Date.now() - 5_000) };
});
afterAll(() => database.drop());

describe("system", () => {
  it("info tells anyone only that this Glow server answers: no version, no start time", async () => {
    for (const session of [null, as(["user"]), as(["admin"])]) {
      expect(await testCaller(services, { caller: session }).system.info()).toEqual({ name: "Glow", status: "ok" });
    }
  });

  it("status reports the version and uptime to administrators", async () => {
    const status = await testCaller(services, { caller: as(["admin"]) }).system.status();
    expect(status.name).toBe("Glow");
    expect(status.version).toBe("1.2.3");
    expect(status.uptimeSeconds).toBeGreaterThanOrEqual(5);
    expect(status.uptimeSeconds).toBeLessThan(60);
    expect(status.startedAt).toEqual(services.startedAt);
  });

  it("status is refused to anonymous callers and to people without metrics access", async () => {
    await expect(testCaller(services).system.status()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(testCaller(services, { caller: as(["user"]) }).system.status()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("ping echoes the message with a timestamp", async () => {
    const caller = testCaller(services);
    const pong = await caller.system.ping({ message: "hello" });
    expect(pong).toMatchObject({ pong: true, message: "hello" });
    expect(pong.at).toBeInstanceOf(Date);
    expect((await caller.system.ping()).message).toBeNull();
  });

  it("ping rejects a message of the wrong type as BAD_REQUEST", async () => {
    // @ts-expect-error: the wrong type on purpose
    const attempt = testCaller(services).system.ping({ message: 42 });
    await expect(attempt).rejects.toBeInstanceOf(TRPCError);
    await expect(attempt).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
