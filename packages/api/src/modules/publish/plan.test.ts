// publish.plan.* in-process against a real database with the sandbox payments provider: the
// plans on offer, an organization's plan and usage, upgrading through checkout and its webhook,
// downgrading (nothing is deleted; new uses wait until under the lower limits), and who may call.
import { withTenant } from "@glow/db";
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../context.ts";
import { checkGauge, lockGauge, useAllowance } from "../../core/billing/allowance.ts";
import { usagePeriod } from "../../core/billing/plans.ts";
import { SandboxPayments } from "../../core/payments/sandbox.ts";
import { receivePaymentWebhook } from "../../core/payments/webhooks.ts";
import { createTestServices, personCalling, refusedFields, testCaller } from "../../testing.ts";

let database: TestDatabase;
let services: AppServices;
let sandbox: SandboxPayments;

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database.db, { webUrl: "https://glow.example" });
  sandbox = services.payments as SandboxPayments;
});
afterAll(() => database.drop());

let counter = 0;
async function organization() {
  counter += 1;
  const owner = await personCalling(services, `plan-owner-${counter}`);
  const org = await owner.call.orgs.create({ name: `Creator studio ${counter}` });
  return { orgId: org.id, owner };
}
async function member(orgId: string, role: "staff" | "client") {
  counter += 1;
  const person = await personCalling(services, `plan-${role}-${counter}`);
  await database.db.orgMembership.create({ data: { orgId, userId: person.id, role } });
  return person;
}
const key = () => `change-${counter}-${Math.random().toString(36).slice(2)}`;

/** What the sandbox's "Pay" does: its signed webhook, through the webhook code. */
async function pay(orgId: string, url: string) {
  const externalId = new URL(url).pathname.split("/").pop()!;
  const { rawBody, headers } = await sandbox.paidWebhook({ externalId, orgId });
  return receivePaymentWebhook(services, rawBody, headers, { ip: null, userAgent: null });
}

async function onPlan(plan: "pro" | "basic") {
  const org = await organization();
  const change = await org.owner.call.publish.plan.change({ orgId: org.orgId, plan, idempotencyKey: key() });
  if (change.status !== "checkout") throw new Error("expected a checkout");
  await pay(org.orgId, change.url);
  return org;
}

describe("publish.plan.list", () => {
  it("shows every plan cheapest first with its limits and price, to anyone", async () => {
    const plans = await testCaller(services).publish.plan.list();
    expect(plans.map((p) => p.tier)).toEqual(["free", "basic", "pro", "business", "enterprise"]);
    expect(plans[2]).toEqual({
      tier: "pro",
      name: "Pro",
      monthlyPriceCents: 2900,
      limits: { accounts: 10, scheduledPosts: 300, aiCaptions: 300, members: 10 },
    });
    expect(plans[4]!.limits.accounts).toBeNull();
  });
});

describe("publish.plan.current and usage", () => {
  it("is the free plan with nothing used for a new organization, to any member", async () => {
    const { orgId } = await organization();
    const client = await member(orgId, "client");
    expect(await client.call.publish.plan.current({ orgId })).toMatchObject({
      tier: "free",
      status: "active",
      provider: null,
      currentPeriodEnd: null,
    });
    const usage = await client.call.publish.plan.usage({ orgId });
    const month = usagePeriod("scheduledPosts", new Date());
    expect(usage).toEqual({
      accounts: { used: 0, limit: 2, period: "all" },
      scheduledPosts: { used: 0, limit: 10, period: month },
      aiCaptions: { used: 0, limit: 5, period: month },
      members: { used: 1, limit: 3, period: "all" },
    });
  });

  it("counts accounts, team members (not clients) and this month's uses", async () => {
    const { orgId, owner } = await organization();
    await member(orgId, "client");
    await database.db.publishAccount.create({
      data: {
        orgId,
        platform: "sandbox",
        externalId: "u1",
        handle: "@u1",
        displayName: "U1",
        accessToken: "sealed",
        connectedById: owner.id,
      },
    });
    await withTenant(database.db, orgId, (tx) => useAllowance(tx, orgId, "scheduledPosts", 3));
    const usage = await owner.call.publish.plan.usage({ orgId });
    expect(usage.accounts.used).toBe(1);
    expect(usage.members.used).toBe(1);
    expect(usage.scheduledPosts.used).toBe(3);
  });
});

describe("publish.plan.change upgrading", () => {
  it("answers a sandbox checkout, the same one for the same key, and the webhook puts the organization on the plan", async () => {
    const { orgId, owner } = await organization();
    const idempotencyKey = key();
    const first = await owner.call.publish.plan.change({ orgId, plan: "pro", idempotencyKey });
    const again = await owner.call.publish.plan.change({ orgId, plan: "pro", idempotencyKey });
    expect(first.status).toBe("checkout");
    expect(again).toEqual(first);
    expect(await database.db.paymentCheckout.count({ where: { orgId } })).toBe(1);
    expect((await owner.call.publish.plan.current({ orgId })).tier).toBe("free");

    expect(await pay(orgId, (first as { url: string }).url)).toMatchObject({ kind: "processed", type: "checkout.completed" });
    const current = await owner.call.publish.plan.current({ orgId });
    expect(current).toMatchObject({ tier: "pro", status: "active", provider: "sandbox" });
    expect(current.currentPeriodEnd!.getTime()).toBeGreaterThan(Date.now());
    expect((await database.db.paymentCheckout.findFirstOrThrow({ where: { orgId } })).status).toBe("completed");
    expect(await owner.call.publish.plan.change({ orgId, plan: "pro", idempotencyKey: key() })).toEqual({
      status: "unchanged",
      plan: "pro",
    });
  });

  it("moves a paying organization to a higher plan at once", async () => {
    const { orgId, owner } = await onPlan("basic");
    expect(await owner.call.publish.plan.change({ orgId, plan: "business", idempotencyKey: key() })).toEqual({
      status: "changed",
      plan: "business",
    });
    expect((await owner.call.publish.plan.current({ orgId })).tier).toBe("business");
  });
});

describe("publish.plan.change downgrading", () => {
  it("keeps accounts and scheduled posts over the lower limits, and refuses new ones until under them", async () => {
    const { orgId, owner } = await onPlan("pro");
    for (let n = 0; n < 4; n += 1)
      await database.db.publishAccount.create({
        data: {
          orgId,
          platform: "sandbox",
          externalId: `d${n}`,
          handle: `@d${n}`,
          displayName: `D ${n}`,
          accessToken: "sealed",
          connectedById: owner.id,
        },
      });
    await withTenant(database.db, orgId, (tx) => useAllowance(tx, orgId, "scheduledPosts", 12));
    const account = await database.db.publishAccount.findFirstOrThrow({ where: { orgId } });
    const post = await database.db.publishPost.create({
      data: { orgId, authorId: owner.id, content: "Launch day", scheduledAt: new Date(Date.now() + 86_400_000) },
    });
    await database.db.publishTarget.create({
      data: { orgId, postId: post.id, accountId: account.id, state: "scheduled", scheduledAt: post.scheduledAt },
    });

    expect(await owner.call.publish.plan.change({ orgId, plan: "free", idempotencyKey: key() })).toEqual({
      status: "changed",
      plan: "free",
    });

    expect((await owner.call.publish.plan.current({ orgId })).tier).toBe("free");
    expect(await database.db.publishAccount.count({ where: { orgId, status: "active" } })).toBe(4);
    expect((await database.db.publishTarget.findFirstOrThrow({ where: { postId: post.id } })).state).toBe("scheduled");
    const usage = await owner.call.publish.plan.usage({ orgId });
    expect(usage.accounts).toMatchObject({ used: 4, limit: 2 });
    expect(usage.scheduledPosts).toMatchObject({ used: 12, limit: 10 });
    await expect(
      withTenant(database.db, orgId, async (tx) => {
        await lockGauge(tx, orgId, "accounts");
        await checkGauge(tx, orgId, "accounts", await tx.publishAccount.count({ where: { orgId } }));
      }),
    ).rejects.toThrow("Your Free plan allows 2 connected accounts. Upgrade to Basic for 5.");
    await expect(withTenant(database.db, orgId, (tx) => useAllowance(tx, orgId, "scheduledPosts"))).rejects.toThrow(
      "Your Free plan allows 10 scheduled posts a month. Upgrade to Basic for 60.",
    );

    // Under the limit again (accounts disconnected), connecting works again.
    await database.db.publishAccount.deleteMany({ where: { orgId, externalId: { in: ["d1", "d2", "d3"] } } });
    await withTenant(database.db, orgId, (tx) => checkGauge(tx, orgId, "accounts", 1));
  });

  it("moves a paying organization to a lower paid plan with the provider", async () => {
    const { orgId, owner } = await onPlan("pro");
    expect(await owner.call.publish.plan.change({ orgId, plan: "basic", idempotencyKey: key() })).toEqual({
      status: "changed",
      plan: "basic",
    });
    expect(await owner.call.publish.plan.current({ orgId })).toMatchObject({ tier: "basic", status: "active" });
  });
});

describe("the team-members limit", () => {
  async function invite(
    inviter: Awaited<ReturnType<typeof organization>>["owner"],
    orgId: string,
    email: string,
    role: "staff" | "client",
  ) {
    await inviter.call.orgs.members.invite({ orgId, email, role });
    const mail = await database.db.outboxEmail.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: "desc" } });
    return /\/invite\/([a-z2-7]+)\n/.exec(mail.text)![1]!;
  }

  it("refuses inviting staff past the plan's team seats, and never counts clients", async () => {
    const { orgId, owner } = await organization();
    // The Free plan's 3 seats: the owner and two staff members.
    for (const n of [1, 2]) {
      const staff = await personCalling(services, `free-seat-${counter}-${n}`);
      await database.db.orgMembership.create({ data: { orgId, userId: staff.id, role: "staff" } });
    }
    await expect(owner.call.orgs.members.invite({ orgId, email: "helper@coach.test", role: "staff" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Your Free plan allows 3 team members. Upgrade to Basic for 5.",
    });
    for (let n = 0; n < 3; n += 1) await owner.call.orgs.members.invite({ orgId, email: `customer${n}@coach.test`, role: "client" });
    expect(await database.db.orgInvitation.count({ where: { orgId } })).toBe(3);
  });

  it("lets exactly as many of several accepted staff invitations through as the plan has seats", async () => {
    const { orgId, owner } = await onPlan("pro");
    const invitees = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => personCalling(services, `seat-${counter}-${n}`)));
    const tokens: string[] = [];
    for (const invitee of invitees) tokens.push(await invite(owner, orgId, invitee.email, "staff"));
    // Basic has 5 seats: the owner and four more.
    await owner.call.publish.plan.change({ orgId, plan: "basic", idempotencyKey: key() });
    const outcomes = await Promise.allSettled(invitees.map((invitee, n) => invitee.call.orgs.invitations.accept({ token: tokens[n]! })));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(4);
    for (const refused of outcomes.filter((o) => o.status === "rejected"))
      expect((refused as PromiseRejectedResult).reason).toMatchObject({
        code: "FORBIDDEN",
        message: "Your Basic plan allows 5 team members. Upgrade to Pro for 10.",
      });
    expect(await database.db.orgMembership.count({ where: { orgId, role: { in: ["owner", "staff"] } } })).toBe(5);
    // A refused invitation stays usable once there is room again.
    expect(await database.db.orgInvitation.count({ where: { orgId, acceptedAt: null } })).toBe(2);
  });
});

describe("publish.plan authorization and input", () => {
  it("refuses anonymous callers, other organizations' members, and non-owners changing the plan", async () => {
    const { orgId } = await organization();
    const anonymous = testCaller(services);
    await expect(anonymous.publish.plan.current({ orgId })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(anonymous.publish.plan.change({ orgId, plan: "pro", idempotencyKey: key() })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    const stranger = await organization();
    await expect(stranger.owner.call.publish.plan.usage({ orgId })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(stranger.owner.call.publish.plan.change({ orgId, plan: "pro", idempotencyKey: key() })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    for (const role of ["staff", "client"] as const) {
      const person = await member(orgId, role);
      await expect(person.call.publish.plan.change({ orgId, plan: "pro", idempotencyKey: key() })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    expect(await database.db.paymentCheckout.count({ where: { orgId } })).toBe(0);
  });

  it("answers bad input with BAD_REQUEST naming the field", async () => {
    const { orgId, owner } = await organization();
    const change = owner.call.publish.plan.change;
    expect(await refusedFields(change({ orgId, plan: "platinum" as never, idempotencyKey: key() }))).toEqual(["plan"]);
    expect(await refusedFields(change({ orgId, plan: "pro", idempotencyKey: "short" }))).toEqual(["idempotencyKey"]);
    expect(await refusedFields(change({ orgId: "not-a-uuid", plan: "pro", idempotencyKey: key() }))).toEqual(["orgId"]);
    expect(await refusedFields(owner.call.publish.plan.current({ orgId: 42 as never }))).toEqual(["orgId"]);
  });
});
