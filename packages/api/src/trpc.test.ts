import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionContext } from "./context.ts";
import { DEFAULT_RATE_LIMITS } from "./core/rate-limit.ts";
import { createTestServices, testContext } from "./testing.ts";
import { adminProcedure, authedProcedure, createCallerFactory, permittedProcedure, publicProcedure, router } from "./trpc.ts";

const guarded = router({
  mine: authedProcedure.query(({ ctx }) => ctx.session.userId),
  admin: adminProcedure.query(() => "secret"),
  audit: permittedProcedure("audit:read").query(() => "audit"),
  read: publicProcedure.query(() => "read"),
  write: publicProcedure.mutation(() => "written"),
});

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

function callerAs(session: SessionContext | null, services = createTestServices(database.db)) {
  const ctx = testContext(services, { session });
  return { caller: createCallerFactory(guarded)(ctx), ctx };
}

describe("base procedures", () => {
  it("authedProcedure refuses anonymous callers with UNAUTHORIZED", async () => {
    await expect(callerAs(null).caller.mine()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("authedProcedure passes the session through", async () => {
    expect(await callerAs({ kind: "session", sessionId: "s", userId: "u1", roles: ["user"] }).caller.mine()).toBe("u1");
  });

  it("adminProcedure refuses non-admins with FORBIDDEN and anonymous with UNAUTHORIZED", async () => {
    const { caller: user } = callerAs({ kind: "session", sessionId: "s", userId: "u1", roles: ["user"] });
    await expect(user.admin()).rejects.toBeInstanceOf(TRPCError);
    await expect(user.admin()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(user.audit()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(null).caller.admin()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const { caller: admin } = callerAs({ kind: "session", sessionId: "s", userId: "a", roles: ["user", "admin"] });
    expect(await admin.admin()).toBe("secret");
    expect(await admin.audit()).toBe("audit");
  });
});

describe("rate limits", () => {
  it("allows 20 writes a minute per caller, then TOO_MANY_REQUESTS with RateLimit headers", async () => {
    const services = createTestServices(database.db, { rateLimits: DEFAULT_RATE_LIMITS });
    const { caller, ctx } = callerAs({ kind: "session", sessionId: "s", userId: "writer", roles: ["user"] }, services);
    for (let i = 0; i < 20; i++) await caller.write();
    expect(ctx.recorded.headers.get("ratelimit-remaining")).toEqual(["0"]);
    expect(ctx.recorded.headers.get("ratelimit-limit")).toEqual(["20"]);
    await expect(caller.write()).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    expect(Number(ctx.recorded.headers.get("retry-after")?.[0])).toBeGreaterThan(0);
    // Reads have their own, larger budget; another user has their own counters.
    expect(await caller.read()).toBe("read");
    expect(await callerAs({ kind: "session", sessionId: "t", userId: "other", roles: ["user"] }, services).caller.write()).toBe("written");
  });

  it("applies to authed and admin procedures too", async () => {
    const services = createTestServices(database.db, { rateLimits: { ...DEFAULT_RATE_LIMITS, read: { points: 2, durationSeconds: 60 } } });
    const { caller } = callerAs({ kind: "session", sessionId: "s", userId: "admin-reader", roles: ["admin"] }, services);
    await caller.mine();
    await caller.admin();
    await expect(caller.audit()).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
  });

  it("counts anonymous callers per IP, and the window resets", async () => {
    const services = createTestServices(database.db, {
      rateLimits: { ...DEFAULT_RATE_LIMITS, read: { points: 3, durationSeconds: 1 } },
    });
    const fromIp = (ip: string) => createCallerFactory(guarded)(testContext(services, { ip }));
    const caller = fromIp("198.51.100.1");
    for (let i = 0; i < 3; i++) await caller.read();
    await expect(caller.read()).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    expect(await fromIp("198.51.100.2").read()).toBe("read");
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect(await caller.read()).toBe("read");
  });
});
