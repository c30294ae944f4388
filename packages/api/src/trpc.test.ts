import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Caller } from "./context.ts";
import {
  ConflictError,
  FieldError,
  ForbiddenError,
  InvalidInputError,
  LimitReachedError,
  NotFoundError,
  PreconditionFailedError,
  UnauthorizedError,
} from "./core/errors.ts";
import { DEFAULT_RATE_LIMITS } from "./core/rate-limit.ts";
import { ADMIN_GRANTS, createTestServices, testContext } from "./testing.ts";
import { authedProcedure, createCallerFactory, permittedProcedure, publicProcedure, router } from "./trpc.ts";

const guarded = router({
  mine: authedProcedure.query(({ ctx }) => ctx.caller.userId),
  audit: permittedProcedure({ action: "read", entity: "audit" }).query(() => "audit"),
  read: publicProcedure.query(() => "read"),
  write: publicProcedure.mutation(() => "written"),
});

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.drop());

function callerAs(session: Caller | null, services = createTestServices(database.db)) {
  const ctx = testContext(services, { caller: session });
  return { caller: createCallerFactory(guarded)(ctx), ctx };
}

describe("base procedures", () => {
  it("authedProcedure refuses anonymous callers with UNAUTHORIZED", async () => {
    await expect(callerAs(null).caller.mine()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("authedProcedure passes the session through", async () => {
    expect(await callerAs({ kind: "session", sessionId: "s", userId: "u1", roles: ["user"], permissions: [] }).caller.mine()).toBe("u1");
  });

  it("permittedProcedure refuses callers whose roles do not grant it with FORBIDDEN and anonymous with UNAUTHORIZED", async () => {
    const { caller: user } = callerAs({ kind: "session", sessionId: "s", userId: "u1", roles: ["user"], permissions: [] });
    await expect(user.audit()).rejects.toBeInstanceOf(TRPCError);
    await expect(user.audit()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(null).caller.audit()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    const { caller: admin } = callerAs({
      kind: "session",
      sessionId: "s",
      userId: "a",
      roles: ["user", "admin"],
      permissions: ADMIN_GRANTS,
    });
    expect(await admin.audit()).toBe("audit");
  });

  it("permittedProcedure goes by the permissions roles grant, not by role names", async () => {
    const auditor = callerAs({ kind: "session", sessionId: "s", userId: "u2", roles: ["auditor"], permissions: ["read:audit:any"] });
    expect(await auditor.caller.audit()).toBe("audit");
    const ownOnly = callerAs({ kind: "session", sessionId: "s", userId: "u3", roles: ["user"], permissions: ["read:audit:own"] });
    await expect(ownOnly.caller.audit()).rejects.toMatchObject({ code: "FORBIDDEN" });
    const bareAdmin = callerAs({ kind: "session", sessionId: "s", userId: "u4", roles: ["admin"], permissions: [] });
    await expect(bareAdmin.caller.audit()).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("rate limits", () => {
  it("allows 20 writes a minute per caller, then TOO_MANY_REQUESTS with RateLimit headers", async () => {
    const services = createTestServices(database.db, { rateLimits: DEFAULT_RATE_LIMITS });
    const { caller, ctx } = callerAs({ kind: "session", sessionId: "s", userId: "writer", roles: ["user"], permissions: [] }, services);
    for (let i = 0; i < 20; i++) await caller.write();
    expect(ctx.recorded.headers.get("ratelimit-remaining")).toEqual(["0"]);
    expect(ctx.recorded.headers.get("ratelimit-limit")).toEqual(["20"]);
    await expect(caller.write()).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    expect(Number(ctx.recorded.headers.get("retry-after")?.[0])).toBeGreaterThan(0);
    // Reads have their own, larger budget; another user has their own counters.
    expect(await caller.read()).toBe("read");
    expect(
      await callerAs({ kind: "session", sessionId: "t", userId: "other", roles: ["user"], permissions: [] }, services).caller.write(),
    ).toBe("written");
  });

  it("applies to authed and permitted procedures too", async () => {
    const services = createTestServices(database.db, { rateLimits: { ...DEFAULT_RATE_LIMITS, read: { points: 2, durationSeconds: 60 } } });
    const { caller } = callerAs(
      { kind: "session", sessionId: "s", userId: "admin-reader", roles: ["admin"], permissions: ADMIN_GRANTS },
      services,
    );
    await caller.mine();
    await caller.audit();
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

const refusing = router({
  invalid: publicProcedure.query(() => {
    throw new InvalidInputError("You cannot deactivate your own account");
  }),
  field: publicProcedure.mutation(() => {
    throw new FieldError("currentPassword", "Your current password is incorrect");
  }),
  unauthorized: publicProcedure.query(() => {
    throw new UnauthorizedError("Email or password is incorrect");
  }),
  forbidden: publicProcedure.query(() => {
    throw new ForbiddenError("Not yours");
  }),
  notFound: authedProcedure.query(() => {
    throw new NotFoundError("No such plan");
  }),
  conflict: publicProcedure.query(() => {
    throw new ConflictError("An account with this email already exists");
  }),
  precondition: publicProcedure.query(() => {
    throw new PreconditionFailedError("Pick the categories you want more of first");
  }),
  limit: publicProcedure.mutation(() => {
    throw new LimitReachedError("Too many attempts. Try again in 1 minute.", {
      policy: { points: 10, durationSeconds: 60 },
      msBeforeNext: 30_000,
    });
  }),
  duplicateSlug: publicProcedure.mutation(async ({ ctx }) => {
    await ctx.db.category.create({ data: { slug: "twice", name: "Twice" } });
    await ctx.db.category.create({ data: { slug: "twice", name: "Twice again" } });
  }),
  missingRow: publicProcedure.mutation(({ ctx }) =>
    ctx.db.category.update({ where: { id: "00000000-0000-4000-8000-000000000000" }, data: { name: "Gone" } }),
  ),
  unknownCategory: publicProcedure.mutation(({ ctx }) =>
    ctx.db.curatedCreator.create({ data: { handle: "nobody", displayName: "Nobody", categoryId: "00000000-0000-4000-8000-000000000000" } }),
  ),
  broken: publicProcedure.query(() => {
    throw new Error("connection reset by peer at 10.0.0.3");
  }),
});

/** Calls a procedure of `refusing` over HTTP (tRPC's fetch adapter): the status and the error body a client reads. */
async function refusal(path: keyof typeof refusing, type: "query" | "mutation", session: Caller | null = null) {
  const ctx = testContext(createTestServices(database.db), { caller: session });
  const url = `http://glow.test/trpc/${path}`;
  const request =
    type === "query" ? new Request(url) : new Request(url, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  const response = await fetchRequestHandler({ endpoint: "/trpc", req: request, router: refusing, createContext: () => ctx });
  const body = (await response.json()) as {
    error: { json: { message: string; data: { code: string; httpStatus: number; fieldErrors: Record<string, string[]> | null } } };
  };
  return { status: response.status, ...body.error.json, headers: ctx.recorded.headers };
}

describe("domain errors", () => {
  it("become the tRPC code of their kind, with their message and HTTP status", async () => {
    const expected = [
      ["invalid", "query", 400, "BAD_REQUEST", "You cannot deactivate your own account"],
      ["unauthorized", "query", 401, "UNAUTHORIZED", "Email or password is incorrect"],
      ["forbidden", "query", 403, "FORBIDDEN", "Not yours"],
      ["conflict", "query", 409, "CONFLICT", "An account with this email already exists"],
      ["precondition", "query", 412, "PRECONDITION_FAILED", "Pick the categories you want more of first"],
      ["limit", "mutation", 429, "TOO_MANY_REQUESTS", "Too many attempts. Try again in 1 minute."],
    ] as const;
    for (const [path, type, status, code, message] of expected) {
      const answer = await refusal(path, type);
      expect({
        path,
        status: answer.status,
        code: answer.data.code,
        message: answer.message,
        fieldErrors: answer.data.fieldErrors,
      }).toEqual({ path, status, code, message, fieldErrors: null });
    }
    const notFound = await refusal("notFound", "query", {
      kind: "session",
      sessionId: "s",
      userId: "u1",
      roles: ["user"],
      permissions: [],
    });
    expect([notFound.status, notFound.data.code, notFound.message]).toEqual([404, "NOT_FOUND", "No such plan"]);
  });

  it("name their field in fieldErrors, as a zod failure does", async () => {
    const answer = await refusal("field", "mutation");
    expect(answer.status).toBe(400);
    expect(answer.data.fieldErrors).toEqual({ currentPassword: ["Your current password is incorrect"] });
  });

  it("a reached limit answers the RateLimit headers of the limit that refused", async () => {
    const answer = await refusal("limit", "mutation");
    expect(answer.headers.get("ratelimit-limit")).toEqual(["10"]);
    expect(answer.headers.get("ratelimit-remaining")).toEqual(["0"]);
    expect(answer.headers.get("retry-after")).toEqual(["30"]);
  });

  it("Prisma's unique, missing-record and foreign-key errors are a conflict, a not found and a field error, not a 500", async () => {
    const duplicate = await refusal("duplicateSlug", "mutation");
    expect([duplicate.status, duplicate.data.code, duplicate.data.fieldErrors]).toEqual([
      409,
      "CONFLICT",
      { slug: ["Another record has this slug"] },
    ]);
    const missing = await refusal("missingRow", "mutation");
    expect([missing.status, missing.data.code, missing.message]).toEqual([404, "NOT_FOUND", "No such record"]);
    const dangling = await refusal("unknownCategory", "mutation");
    expect([dangling.status, dangling.data.code, dangling.data.fieldErrors]).toEqual([
      400,
      "BAD_REQUEST",
      { categoryId: ["Refers to a record that does not exist"] },
    ]);
  });

  it("any other error stays internal: a 500 that tells the caller nothing of ours", async () => {
    const answer = await refusal("broken", "query");
    expect([answer.status, answer.data.code, answer.message]).toEqual([500, "INTERNAL_SERVER_ERROR", "Internal server error"]);
  });

  it("in-process callers get the mapped TRPCError too", async () => {
    const caller = createCallerFactory(refusing)(testContext(createTestServices(database.db)));
    const attempt = caller.conflict();
    await expect(attempt).rejects.toBeInstanceOf(TRPCError);
    await expect(attempt).rejects.toMatchObject({
      code: "CONFLICT",
      message: "An account with this email already exists",
      cause: expect.any(ConflictError),
    });
  });
});
