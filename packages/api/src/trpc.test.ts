import { TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import type { Context, SessionContext } from "./context.ts";
import { adminProcedure, authedProcedure, createCallerFactory, router } from "./trpc.ts";

const guarded = router({
  mine: authedProcedure.query(({ ctx }) => ctx.session.userId),
  admin: adminProcedure.query(() => "secret"),
});

function callerAs(session: SessionContext | null) {
  const ctx = { session, requestId: "test" } as unknown as Context;
  return createCallerFactory(guarded)(ctx);
}

describe("base procedures", () => {
  it("authedProcedure refuses anonymous callers with UNAUTHORIZED", async () => {
    await expect(callerAs(null).mine()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });

  it("authedProcedure passes the session through", async () => {
    expect(await callerAs({ sessionId: "s", userId: "u1", roles: ["user"] }).mine()).toBe("u1");
  });

  it("adminProcedure refuses non-admins with FORBIDDEN and anonymous with UNAUTHORIZED", async () => {
    const user = callerAs({ sessionId: "s", userId: "u1", roles: ["user"] });
    await expect(user.admin()).rejects.toBeInstanceOf(TRPCError);
    await expect(user.admin()).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(callerAs(null).admin()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    expect(await callerAs({ sessionId: "s", userId: "a", roles: ["user", "admin"] }).admin()).toBe("secret");
  });
});
