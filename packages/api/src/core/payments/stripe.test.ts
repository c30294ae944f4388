// The Stripe provider through the official SDK against a local fake of Stripe's HTTP API:
// checkouts are made once per idempotency key, Stripe's refusals read clearly, and webhooks
// are accepted only when signed with the secret and recent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FAKE_STRIPE_SECRET_KEY, FAKE_STRIPE_WEBHOOK_SECRET, FakeStripe, signStripeEvent } from "../../testing/stripe-fake.ts";
import { StripePayments } from "./stripe.ts";
import { PaymentsRefusedError, WebhookRefusedError } from "./types.ts";

let fake: FakeStripe;
let stripe: StripePayments;
const prices = { basic: "price_basic", pro: "price_pro", business: "price_business", enterprise: "price_enterprise" };

beforeAll(async () => {
  fake = new FakeStripe();
  for (const price of Object.values(prices)) fake.prices.add(price);
  const api = await fake.start();
  stripe = new StripePayments({ secretKey: FAKE_STRIPE_SECRET_KEY, webhookSecret: FAKE_STRIPE_WEBHOOK_SECRET, prices, api });
});
afterAll(() => fake.close());

const checkout = (idempotencyKey: string, plan: "basic" | "pro" = "pro") =>
  stripe.createCheckout({
    orgId: "5b0c3f4e-7d0a-4c33-9b7e-0d9c1d2e3f40",
    plan,
    customerEmail: "owner@example.test",
    successUrl: "https://glow.example/plan?checkout=done",
    cancelUrl: "https://glow.example/plan",
    idempotencyKey,
  });

describe("StripePayments.createCheckout", () => {
  it("opens a subscription checkout for the plan's price, tagged with the organization", async () => {
    const session = await checkout("first-key");
    expect(session.url).toMatch(/^https:\/\/checkout\.stripe\.com\/c\/pay\/cs_test_/);
    const sent = fake.requests.find((r) => r.path === "/v1/checkout/sessions")!;
    expect(sent.form).toMatchObject({
      mode: "subscription",
      line_items: [{ price: "price_pro", quantity: "1" }],
      client_reference_id: "5b0c3f4e-7d0a-4c33-9b7e-0d9c1d2e3f40",
      metadata: { plan: "pro" },
      customer_email: "owner@example.test",
    });
    expect(sent.idempotencyKey).toContain("first-key");
  });

  it("creates one session when the same idempotency key is sent twice", async () => {
    const before = fake.sessions.size;
    const first = await checkout("same-key");
    const second = await checkout("same-key");
    expect(second.externalId).toBe(first.externalId);
    expect(fake.sessions.size).toBe(before + 1);
    expect((await checkout("other-key")).externalId).not.toBe(first.externalId);
  });

  it("turns Stripe's error body into a clear refusal", async () => {
    fake.prices.delete("price_basic");
    try {
      await expect(checkout("missing-price", "basic")).rejects.toThrow(
        new PaymentsRefusedError("Stripe refused: No such price: 'price_basic'"),
      );
    } finally {
      fake.prices.add("price_basic");
    }
  });

  it("refuses a plan without a configured price before calling Stripe", async () => {
    const unpriced = new StripePayments({
      secretKey: FAKE_STRIPE_SECRET_KEY,
      webhookSecret: "x",
      prices: {},
      api: { host: "127.0.0.1", port: fake.port, protocol: "http" },
    });
    const sent = fake.requests.length;
    await expect(
      unpriced.createCheckout({
        orgId: "o",
        plan: "pro",
        customerEmail: null,
        successUrl: "https://a.test",
        cancelUrl: "https://a.test",
        idempotencyKey: "k",
      }),
    ).rejects.toThrow(PaymentsRefusedError);
    expect(fake.requests.length).toBe(sent);
  });
});

describe("StripePayments subscriptions", () => {
  it("moves a subscription to another plan's price and cancels it", async () => {
    const session = await checkout("to-change");
    const { subscription } = fake.completeCheckout(session.externalId);
    const changed = await stripe.changeSubscription({ subscriptionId: subscription.id, plan: "basic", idempotencyKey: "down-1" });
    expect(changed.currentPeriodEnd).toBeInstanceOf(Date);
    expect((subscription.items as { data: Array<{ price: { id: string } }> }).data[0]!.price.id).toBe("price_basic");
    await stripe.cancelSubscription({ subscriptionId: subscription.id, idempotencyKey: "cancel-1" });
    expect(subscription.status).toBe("canceled");
    await expect(stripe.changeSubscription({ subscriptionId: "sub_missing", plan: "pro", idempotencyKey: "x" })).rejects.toThrow(
      "Stripe refused: No such subscription: 'sub_missing'",
    );
  });
});

describe("StripePayments.verifyWebhook", () => {
  it("reads a signed checkout.session.completed as a completed checkout", async () => {
    const session = await checkout("hooked");
    const { session: paid, subscription } = fake.completeCheckout(session.externalId);
    const event = fake.event("checkout.session.completed", paid);
    const { rawBody, headers } = signStripeEvent(event);
    expect(await stripe.verifyWebhook(rawBody, headers)).toMatchObject({
      id: event.id,
      type: "checkout.completed",
      checkoutId: session.externalId,
      orgId: "5b0c3f4e-7d0a-4c33-9b7e-0d9c1d2e3f40",
      subscriptionId: subscription.id,
      providerType: "checkout.session.completed",
    });
  });

  it("reads subscription updates with the plan of their price, and deletions", async () => {
    const session = await checkout("hooked-sub");
    const { subscription } = fake.completeCheckout(session.externalId);
    subscription.status = "past_due";
    const updated = signStripeEvent(fake.event("customer.subscription.updated", subscription));
    expect(await stripe.verifyWebhook(updated.rawBody, updated.headers)).toMatchObject({
      type: "subscription.updated",
      subscriptionId: subscription.id,
      plan: "pro",
      status: "past_due",
    });
    const deleted = signStripeEvent(fake.event("customer.subscription.deleted", subscription));
    expect(await stripe.verifyWebhook(deleted.rawBody, deleted.headers)).toMatchObject({
      type: "subscription.deleted",
      subscriptionId: subscription.id,
    });
  });

  it("refuses a forged signature, a stale timestamp and a missing header", async () => {
    const event = fake.event("customer.subscription.deleted", { id: "sub_1", object: "subscription" });
    const forged = signStripeEvent(event, "whsec_someone_else");
    await expect(stripe.verifyWebhook(forged.rawBody, forged.headers)).rejects.toMatchObject({ reason: "signature" });
    const stale = signStripeEvent(event, FAKE_STRIPE_WEBHOOK_SECRET, Math.floor(Date.now() / 1000) - 301);
    await expect(stripe.verifyWebhook(stale.rawBody, stale.headers)).rejects.toMatchObject({ reason: "stale" });
    await expect(stripe.verifyWebhook(JSON.stringify(event), {})).rejects.toThrow(WebhookRefusedError);
    const tampered = signStripeEvent(event);
    await expect(stripe.verifyWebhook(tampered.rawBody.replace("sub_1", "sub_2"), tampered.headers)).rejects.toMatchObject({
      reason: "signature",
    });
  });
});
