// A refusal at a plan limit reaches the client with the limit in its error data, so that
// screens can offer the plan page (PlanLimitNotice in @glow/react); other refusals do not.
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ForbiddenError } from "../errors.ts";
import { createTestServices, testContext } from "../../testing.ts";
import { publicProcedure, router } from "../../trpc.ts";
import { PlanLimitError } from "./allowance.ts";

const limited = router({
  schedule: publicProcedure.mutation(() => {
    throw new PlanLimitError("free", "scheduledPosts", 10);
  }),
  captions: publicProcedure.mutation(() => {
    throw new PlanLimitError("business", "aiCaptions", 2000);
  }),
  notYours: publicProcedure.mutation(() => {
    throw new ForbiddenError("Not yours");
  }),
});

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

async function refusal(path: string) {
  const ctx = testContext(createTestServices(database.db), { caller: null });
  const req = new Request(`http://glow.test/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  const response = await fetchRequestHandler({ endpoint: "/trpc", req, router: limited, createContext: () => ctx });
  const body = (await response.json()) as { error: { json: { message: string; data: Record<string, unknown> } } };
  return { status: response.status, ...body.error.json };
}

describe("plan limits on the wire", () => {
  it("carry the limit and the plan that lifts it in a 403's data, with the message naming both", async () => {
    const answer = await refusal("schedule");
    expect(answer.status).toBe(403);
    expect(answer.message).toBe("Your Free plan allows 10 scheduled posts a month. Upgrade to Basic for 60.");
    expect(answer.data.planLimit).toEqual({ plan: "free", metric: "scheduledPosts", limit: 10, upgradeTo: "basic" });
    expect((await refusal("captions")).data.planLimit).toEqual({
      plan: "business",
      metric: "aiCaptions",
      limit: 2000,
      upgradeTo: "enterprise",
    });
  });

  it("are absent from other refusals", async () => {
    const answer = await refusal("notYours");
    expect(answer.status).toBe(403);
    expect(answer.data).not.toHaveProperty("planLimit");
  });
});
