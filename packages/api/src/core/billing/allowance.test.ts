// Plan limits against a real database: monthly counters and gauges stay within the plan's
// limit when many calls arrive at once, and the refusal names the limit and the plan that lifts it.
import { withTenant } from "@glow/db";
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../context.ts";
import { createTestServices, personCalling } from "../../testing.ts";
import { ForbiddenError } from "../errors.ts";
import { checkGauge, currentPlan, lockGauge, releaseAllowance, useAllowance } from "./allowance.ts";
import { planThatLifts, PLANS, usagePeriod } from "./plans.ts";

let database: TestDatabase;
let services: AppServices;

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database.db);
});
afterAll(() => database.drop());

let counter = 0;
async function organization(plan?: "basic" | "pro" | "enterprise") {
  counter += 1;
  const owner = await personCalling(services, `allowance-owner-${counter}`);
  const org = await owner.call.orgs.create({ name: `Studio ${counter}` });
  if (plan) await database.db.planSubscription.create({ data: { orgId: org.id, plan, provider: "sandbox" } });
  return { orgId: org.id, ownerId: owner.id };
}

const counted = async (orgId: string, metric: string, period: string) =>
  (await database.db.usageCounter.findUnique({ where: { orgId_metric_period: { orgId, metric, period } } }))?.count ?? 0;

describe("plans", () => {
  it("names the cheapest plan that lifts a limit, and none past unlimited", () => {
    expect(planThatLifts("scheduledPosts", 10)).toBe("basic");
    expect(planThatLifts("accounts", 10)).toBe("business");
    expect(planThatLifts("members", 25)).toBe("enterprise");
    expect(planThatLifts("members", 0)).toBe("free");
  });

  it("counts monthly metrics per UTC month and gauges for all time", () => {
    expect(usagePeriod("scheduledPosts", new Date("2026-12-31T23:59:59Z"))).toBe("2026-12");
    expect(usagePeriod("aiCaptions", new Date("2027-01-01T00:00:00Z"))).toBe("2027-01");
    expect(usagePeriod("accounts", new Date("2026-12-31T23:59:59Z"))).toBe("all");
  });
});

describe("currentPlan", () => {
  it("is free without a subscription or when it is canceled, and keeps the plan while a payment is past due", async () => {
    const none = await organization();
    expect((await withTenant(database.db, none.orgId, (tx) => currentPlan(tx, none.orgId))).tier).toBe("free");
    const pro = await organization("pro");
    expect((await withTenant(database.db, pro.orgId, (tx) => currentPlan(tx, pro.orgId))).tier).toBe("pro");
    await database.db.planSubscription.update({ where: { orgId: pro.orgId }, data: { status: "past_due" } });
    expect((await withTenant(database.db, pro.orgId, (tx) => currentPlan(tx, pro.orgId))).tier).toBe("pro");
    await database.db.planSubscription.update({ where: { orgId: pro.orgId }, data: { status: "canceled" } });
    expect((await withTenant(database.db, pro.orgId, (tx) => currentPlan(tx, pro.orgId))).tier).toBe("free");
  });
});

describe("useAllowance", () => {
  it("lets 20 parallel uses at the limit count exactly the limit and refuses the rest naming the plan", async () => {
    const { orgId } = await organization();
    const limit = PLANS.free.limits.scheduledPosts!;
    const outcomes = await Promise.allSettled(
      Array.from({ length: limit + 10 }, () => withTenant(database.db, orgId, (tx) => useAllowance(tx, orgId, "scheduledPosts"))),
    );
    const refused = outcomes.filter((o) => o.status === "rejected").map((o) => (o as PromiseRejectedResult).reason as Error);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(limit);
    expect(refused).toHaveLength(10);
    for (const error of refused) {
      expect(error).toBeInstanceOf(ForbiddenError);
      expect(error.message).toBe("Your Free plan allows 10 scheduled posts a month. Upgrade to Basic for 60.");
    }
    expect(await counted(orgId, "scheduledPosts", usagePeriod("scheduledPosts", new Date()))).toBe(limit);
  });

  it("refuses a use larger than the whole limit, and a refused use counts nothing", async () => {
    const { orgId } = await organization();
    await expect(withTenant(database.db, orgId, (tx) => useAllowance(tx, orgId, "aiCaptions", 6))).rejects.toThrow(
      "Your Free plan allows 5 AI captions a month. Upgrade to Basic for 50.",
    );
    await withTenant(database.db, orgId, (tx) => useAllowance(tx, orgId, "aiCaptions", 5));
    await expect(withTenant(database.db, orgId, (tx) => useAllowance(tx, orgId, "aiCaptions"))).rejects.toThrow(ForbiddenError);
    expect(await counted(orgId, "aiCaptions", usagePeriod("aiCaptions", new Date()))).toBe(5);
  });

  it("rolls the use back with the transaction that failed after it", async () => {
    const { orgId } = await organization();
    await expect(
      withTenant(database.db, orgId, async (tx) => {
        await useAllowance(tx, orgId, "scheduledPosts");
        throw new Error("the post could not be saved");
      }),
    ).rejects.toThrow("the post could not be saved");
    expect(await counted(orgId, "scheduledPosts", usagePeriod("scheduledPosts", new Date()))).toBe(0);
  });

  it("starts afresh in a new month and counts without limit on an unlimited plan", async () => {
    const { orgId } = await organization();
    const december = new Date("2026-12-15T12:00:00Z");
    const january = new Date("2027-01-02T12:00:00Z");
    await withTenant(database.db, orgId, (tx) => useAllowance(tx, orgId, "aiCaptions", 5, december));
    await withTenant(database.db, orgId, (tx) => useAllowance(tx, orgId, "aiCaptions", 5, january));
    expect(await counted(orgId, "aiCaptions", "2026-12")).toBe(5);
    expect(await counted(orgId, "aiCaptions", "2027-01")).toBe(5);

    const unlimited = await organization("enterprise");
    await withTenant(database.db, unlimited.orgId, (tx) => useAllowance(tx, unlimited.orgId, "aiCaptions", 5000));
    expect(await counted(unlimited.orgId, "aiCaptions", usagePeriod("aiCaptions", new Date()))).toBe(5000);
  });
});

describe("releaseAllowance", () => {
  it("gives back a use so another fits, and never goes below zero", async () => {
    const { orgId } = await organization();
    await withTenant(database.db, orgId, (tx) => useAllowance(tx, orgId, "aiCaptions", 5));
    await withTenant(database.db, orgId, (tx) => releaseAllowance(tx, orgId, "aiCaptions"));
    await withTenant(database.db, orgId, (tx) => useAllowance(tx, orgId, "aiCaptions"));
    await withTenant(database.db, orgId, (tx) => releaseAllowance(tx, orgId, "aiCaptions", 50));
    expect(await counted(orgId, "aiCaptions", usagePeriod("aiCaptions", new Date()))).toBe(0);
  });
});

describe("gauges", () => {
  it("lets 10 parallel connects on a plan of 2 accounts add exactly 2", async () => {
    const { orgId, ownerId } = await organization();
    const connect = (n: number) =>
      withTenant(database.db, orgId, async (tx) => {
        await lockGauge(tx, orgId, "accounts");
        const current = await tx.publishAccount.count({ where: { orgId } });
        await checkGauge(tx, orgId, "accounts", current);
        await tx.publishAccount.create({
          data: {
            orgId,
            platform: "sandbox",
            externalId: `acct-${n}`,
            handle: `@a${n}`,
            displayName: `A ${n}`,
            accessToken: "x",
            connectedById: ownerId,
          },
        });
      });
    const outcomes = await Promise.allSettled(Array.from({ length: 10 }, (_, n) => connect(n)));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(2);
    const reasons = outcomes.flatMap((o) => (o.status === "rejected" ? [(o.reason as Error).message] : []));
    expect(new Set(reasons)).toEqual(new Set(["Your Free plan allows 2 connected accounts. Upgrade to Basic for 5."]));
    expect(await database.db.publishAccount.count({ where: { orgId } })).toBe(2);
  });

  it("allows up to the limit and refuses past it, also when adding several", async () => {
    const { orgId } = await organization("basic");
    await withTenant(database.db, orgId, (tx) => checkGauge(tx, orgId, "members", 4));
    await expect(withTenant(database.db, orgId, (tx) => checkGauge(tx, orgId, "members", 5))).rejects.toThrow(
      "Your Basic plan allows 5 team members. Upgrade to Pro for 10.",
    );
    await expect(withTenant(database.db, orgId, (tx) => checkGauge(tx, orgId, "accounts", 0, 6))).rejects.toThrow(ForbiddenError);
  });
});
