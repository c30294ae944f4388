// Payments over real HTTP: the sandbox checkout from plan.change to "Pay" and back, and Stripe's
// webhooks against the Stripe provider on a local fake (signed → the plan changes; forged or
// stale → 400 with a warning and an audit entry, nothing changed; replayed → 200, nothing changed).
import { StripePayments } from "@glow/api";
import { FAKE_STRIPE_SECRET_KEY, FAKE_STRIPE_WEBHOOK_SECRET, FakeStripe, signStripeEvent } from "@glow/api/testing";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadEnv, stripeConfig } from "./env.ts";
import { registerUser, type TestUser } from "./security/fixtures.ts";
import { callTrpc, startTestServer, type TestServer } from "./testing.ts";

const trpc = (server: TestServer, user: TestUser, path: string, input: unknown, type: "query" | "mutation" = "query") =>
  callTrpc(server.url, path, { type, input, token: user.token });

async function ownedOrganization(server: TestServer, label: string) {
  const owner = await registerUser(server.url, label);
  const created = await trpc(server, owner, "orgs.create", { name: `${label} studio` }, "mutation");
  return { owner, orgId: (created.data as { id: string }).id };
}
const planOf = async (server: TestServer, user: TestUser, orgId: string) =>
  ((await trpc(server, user, "publish.plan.current", { orgId })).data as { tier: string }).tier;

describe("the sandbox checkout", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ webUrl: "http://localhost:5173" });
  });
  afterAll(() => server.close());

  it("goes from plan.change to the checkout page, and Pay puts the organization on the plan", async () => {
    const { owner, orgId } = await ownedOrganization(server, "sandbox-payer");
    const change = await trpc(server, owner, "publish.plan.change", { orgId, plan: "pro", idempotencyKey: "sandbox-flow-1" }, "mutation");
    const { url } = change.data as { status: string; url: string };
    expect(url.startsWith(`${server.url}/payments/sandbox/checkout/sbx_cs_`)).toBe(true);

    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    const html = await page.text();
    expect(html).toContain("Pro");
    expect(html).toContain(">Pay<");
    const payAction = /<form method="post" action="([^"]+\/pay[^"]*)"/.exec(html)![1]!.replaceAll("&amp;", "&");

    const paid = await fetch(new URL(payAction, server.url), { method: "POST", redirect: "manual", headers: { origin: server.url } });
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe("http://localhost:5173/publish/plan?checkout=success");
    expect(await planOf(server, owner, orgId)).toBe("pro");
    expect(await server.database.db.paymentEvent.count({ where: { provider: "sandbox", processedAt: { not: null } } })).toBe(1);

    // Paying the same checkout again changes nothing.
    await fetch(new URL(payAction, server.url), { method: "POST", redirect: "manual", headers: { origin: server.url } });
    expect(await server.database.db.paymentEvent.count({ where: { provider: "sandbox" } })).toBe(1);
  });

  it("Cancel goes back without a plan, and a page whose links were altered is not served", async () => {
    const { owner, orgId } = await ownedOrganization(server, "sandbox-canceller");
    const change = await trpc(server, owner, "publish.plan.change", { orgId, plan: "basic", idempotencyKey: "sandbox-flow-2" }, "mutation");
    const url = new URL((change.data as { url: string }).url);
    const cancel = new URL(`${url.pathname}/cancel${url.search}`, server.url);
    const cancelled = await fetch(cancel, { method: "POST", redirect: "manual", headers: { origin: server.url } });
    expect(cancelled.status).toBe(303);
    expect(cancelled.headers.get("location")).toBe("http://localhost:5173/publish/plan?checkout=cancelled");
    expect(await planOf(server, owner, orgId)).toBe("free");
    expect((await server.database.db.paymentCheckout.findFirstOrThrow({ where: { orgId } })).status).toBe("expired");

    const altered = new URL(url);
    altered.searchParams.set("success", "https://evil.example/");
    expect((await fetch(altered)).status).toBe(404);
  });

  it("refuses a webhook not signed with this server's sandbox key", async () => {
    const body = JSON.stringify({ id: "sbx_evt_forged", type: "subscription.deleted", subscriptionId: "sbx_sub_x" });
    const response = await fetch(`${server.url}/payments/webhooks/sandbox`, {
      method: "POST",
      headers: { "content-type": "application/json", "sandbox-signature": `t=${Math.floor(Date.now() / 1000)},v1=${"0".repeat(64)}` },
      body,
    });
    expect(response.status).toBe(400);
    expect(await server.database.db.paymentEvent.count({ where: { eventId: "sbx_evt_forged" } })).toBe(0);
  });
});

describe("Stripe webhooks", () => {
  let server: TestServer;
  let fake: FakeStripe;
  const lines: string[] = [];
  const prices = { basic: "price_basic", pro: "price_pro", business: "price_business" };

  beforeAll(async () => {
    fake = new FakeStripe();
    Object.values(prices).forEach((price) => fake.prices.add(price));
    const api = await fake.start();
    server = await startTestServer({
      logger: pino({ level: "warn" }, { write: (line: string) => void lines.push(line) }),
      payments: () => new StripePayments({ secretKey: FAKE_STRIPE_SECRET_KEY, webhookSecret: FAKE_STRIPE_WEBHOOK_SECRET, prices, api }),
    });
  });
  afterAll(async () => {
    await server.close();
    await fake.close();
  });

  const deliver = (signed: { rawBody: string; headers: Record<string, string> }, provider = "stripe") =>
    fetch(`${server.url}/payments/webhooks/${provider}`, { method: "POST", headers: signed.headers, body: signed.rawBody });

  async function paidCheckout(label: string) {
    const { owner, orgId } = await ownedOrganization(server, label);
    const change = await trpc(server, owner, "publish.plan.change", { orgId, plan: "pro", idempotencyKey: `${label}-key` }, "mutation");
    expect(change.data).toMatchObject({ status: "checkout", url: expect.stringMatching(/^https:\/\/checkout\.stripe\.com\//) });
    const checkout = await server.database.db.paymentCheckout.findFirstOrThrow({ where: { orgId } });
    const { session, subscription } = fake.completeCheckout(checkout.externalId);
    return { owner, orgId, session, subscription, event: fake.event("checkout.session.completed", session) };
  }

  it("puts the organization on the plan for a signed checkout.session.completed", async () => {
    const { owner, orgId, event, subscription } = await paidCheckout("stripe-payer");
    const response = await deliver(signStripeEvent(event));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, replayed: false });
    expect(await planOf(server, owner, orgId)).toBe("pro");
    const row = await server.database.db.planSubscription.findUniqueOrThrow({ where: { orgId } });
    expect(row).toMatchObject({ provider: "stripe", subscriptionId: subscription.id, status: "active" });
  });

  it("refuses a forged signature with 400, a warning and an audit entry, and changes nothing", async () => {
    const { owner, orgId, event } = await paidCheckout("stripe-forger");
    const auditsBefore = await server.database.db.auditEvent.count({ where: { action: "payments.webhook.refused" } });
    const response = await deliver(signStripeEvent(event, "whsec_not_glows"));
    expect(response.status).toBe(400);
    expect(await planOf(server, owner, orgId)).toBe("free");
    expect(await server.database.db.paymentEvent.count({ where: { eventId: event.id } })).toBe(0);
    expect(await server.database.db.auditEvent.count({ where: { action: "payments.webhook.refused" } })).toBe(auditsBefore + 1);
    expect(lines.some((line) => line.includes("payments webhook refused") && line.includes('"reason":"signature"'))).toBe(true);
  });

  it("refuses a webhook signed more than 300 seconds ago", async () => {
    const { owner, orgId, event } = await paidCheckout("stripe-late");
    const response = await deliver(signStripeEvent(event, FAKE_STRIPE_WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 301));
    expect(response.status).toBe(400);
    expect(await planOf(server, owner, orgId)).toBe("free");
    expect(lines.some((line) => line.includes('"reason":"stale"'))).toBe(true);
  });

  it("answers the same event delivered twice with 200, and the second changes nothing", async () => {
    const { owner, orgId, event, subscription } = await paidCheckout("stripe-replayed");
    expect((await deliver(signStripeEvent(event))).status).toBe(200);
    subscription.status = "canceled";
    expect((await deliver(signStripeEvent(fake.event("customer.subscription.deleted", subscription)))).status).toBe(200);
    expect(await planOf(server, owner, orgId)).toBe("free");

    const replay = await deliver(signStripeEvent(event));
    expect(replay.status).toBe(200);
    expect(await replay.json()).toEqual({ received: true, replayed: true });
    expect(await planOf(server, owner, orgId)).toBe("free");
    expect(await server.database.db.paymentEvent.count({ where: { eventId: event.id } })).toBe(1);
  });

  it("delivered at once, the same event is processed once", async () => {
    const { orgId, event } = await paidCheckout("stripe-racing");
    const signed = signStripeEvent(event);
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => deliver(signed).then((r) => r.json() as Promise<{ replayed: boolean }>)),
    );
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    expect(
      await server.database.db.auditEvent.count({
        where: { action: "payments.plan.changed", details: { path: ["orgId"], equals: orgId } },
      }),
    ).toBe(1);
  });

  it("has no webhook route for a provider the server does not use, and refuses a body that is not an event", async () => {
    const { event } = await paidCheckout("stripe-wrong-route");
    expect((await deliver(signStripeEvent(event), "sandbox")).status).toBe(404);
    expect((await deliver({ rawBody: "not json", headers: signStripeEvent({}).headers })).status).toBe(400);
  });
});

describe("payments configuration", () => {
  it("runs the sandbox without Stripe keys, Stripe with them, and refuses a secret key without the webhook secret", () => {
    expect(stripeConfig(loadEnv({}))).toBeNull();
    expect(
      stripeConfig(
        loadEnv({
          STRIPE_SECRET_KEY: "sk_live_x",
          STRIPE_WEBHOOK_SECRET: "whsec_y",
          STRIPE_PRICE_PRO: "price_pro",
          STRIPE_PRICE_BASIC: "",
        }),
      ),
    ).toEqual({ secretKey: "sk_live_x", webhookSecret: "whsec_y", prices: { pro: "price_pro" } });
    expect(() => loadEnv({ STRIPE_SECRET_KEY: "sk_live_x" })).toThrow(/STRIPE_WEBHOOK_SECRET: required when STRIPE_SECRET_KEY is set/);
    expect(() => loadEnv({ STRIPE_SECRET_KEY: "pk_live_x", STRIPE_WEBHOOK_SECRET: "whsec_y" })).toThrow(/STRIPE_SECRET_KEY/);
  });
});
