import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestServices, testCaller } from "../../testing.ts";

let database: TestDatabase;
let caller: ReturnType<typeof testCaller>;

beforeAll(async () => {
  database = await createTestDatabase();
  const services = { ...createTestServices(database.db, { version: "1.2.3" }), startedAt: new Date(Date.now() - 5_000) };
  caller = testCaller(services);
});
afterAll(() => database.drop());

describe("system", () => {
  it("info reports the version and uptime", async () => {
    const info = await caller.system.info();
    expect(info.name).toBe("Glow");
    expect(info.version).toBe("1.2.3");
    expect(info.uptimeSeconds).toBeGreaterThanOrEqual(5);
    expect(info.uptimeSeconds).toBeLessThan(60);
  });

  it("ping echoes the message with a timestamp", async () => {
    const pong = await caller.system.ping({ message: "hello" });
    expect(pong).toMatchObject({ pong: true, message: "hello" });
    expect(pong.at).toBeInstanceOf(Date);
    expect((await caller.system.ping()).message).toBeNull();
  });

  it("ping rejects a message of the wrong type as BAD_REQUEST", async () => {
    // @ts-expect-error: the wrong type on purpose
    const attempt = caller.system.ping({ message: 42 });
    await expect(attempt).rejects.toBeInstanceOf(TRPCError);
    await expect(attempt).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});
