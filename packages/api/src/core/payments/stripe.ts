// Stripe through its official SDK (decision 025): hosted checkout in subscription mode, price
// ids per plan from the environment, idempotency keys on every create, signed webhooks.
import { Stripe } from "stripe";
import { isPlanTier, type PlanTier } from "../billing/plans.ts";
import {
  headerValue,
  PaymentsRefusedError,
  WEBHOOK_TOLERANCE_SECONDS,
  WebhookRefusedError,
  type CheckoutRequest,
  type CheckoutSession,
  type HeaderBag,
  type PaymentsProvider,
  type PaymentWebhookEvent,
  type SubscriptionChange,
} from "./types.ts";

export interface StripeConfig {
  secretKey: string;
  webhookSecret: string;
  /** Stripe price ids of the paid plans (STRIPE_PRICE_BASIC, ...). */
  prices: Partial<Record<PlanTier, string>>;
  /** Another API host (the tests' fake); Stripe's own by default. */
  api?: { host: string; port: number; protocol: "http" | "https" };
}

type StripeSubscriptionStatus = "active" | "past_due" | "canceled";

function statusOf(stripeStatus: string): StripeSubscriptionStatus {
  if (stripeStatus === "active" || stripeStatus === "trialing") return "active";
  if (stripeStatus === "past_due" || stripeStatus === "unpaid" || stripeStatus === "incomplete" || stripeStatus === "paused")
    return "past_due";
  return "canceled";
}

const idOf = (value: unknown): string | null =>
  typeof value === "string" ? value : value && typeof value === "object" && "id" in value ? String(value.id) : null;

const dateOf = (unixSeconds: unknown): Date | null => (typeof unixSeconds === "number" ? new Date(unixSeconds * 1000) : null);

export class StripePayments implements PaymentsProvider {
  readonly id = "stripe";
  private readonly stripe: Stripe;
  private readonly config: StripeConfig;

  constructor(config: StripeConfig) {
    this.config = config;
    this.stripe = new Stripe(config.secretKey, {
      // Glow retries by idempotency key itself; the SDK's own retries would hide a failing Stripe.
      maxNetworkRetries: 1,
      timeout: 15_000,
      ...(config.api ? { host: config.api.host, port: config.api.port, protocol: config.api.protocol } : {}),
    });
  }

  private priceOf(plan: PlanTier): string {
    const price = this.config.prices[plan];
    if (!price) throw new PaymentsRefusedError(`The ${plan} plan has no Stripe price configured`);
    return price;
  }

  private planOfPrice(price: string | null): PlanTier | null {
    const entry = Object.entries(this.config.prices).find(([, id]) => id === price);
    return entry && isPlanTier(entry[0]) ? entry[0] : null;
  }

  /** Stripe's refusals as Glow's, with Stripe's own message (written to be shown). */
  private async call<T>(work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof Stripe.errors.StripeError) {
        if (error.type === "StripeInvalidRequestError" || error.type === "StripeCardError")
          throw new PaymentsRefusedError(`Stripe refused: ${error.message}`);
      }
      throw error;
    }
  }

  async createCheckout(request: CheckoutRequest): Promise<CheckoutSession> {
    const metadata = { orgId: request.orgId, plan: request.plan };
    const session = await this.call(() =>
      this.stripe.checkout.sessions.create(
        {
          mode: "subscription",
          line_items: [{ price: this.priceOf(request.plan), quantity: 1 }],
          success_url: request.successUrl,
          cancel_url: request.cancelUrl,
          client_reference_id: request.orgId,
          ...(request.customerEmail ? { customer_email: request.customerEmail } : {}),
          metadata,
          subscription_data: { metadata },
        },
        { idempotencyKey: `checkout:${request.orgId}:${request.idempotencyKey}` },
      ),
    );
    if (!session.url) throw new PaymentsRefusedError("Stripe gave no checkout URL");
    return { externalId: session.id, url: session.url };
  }

  async changeSubscription(change: SubscriptionChange): Promise<{ currentPeriodEnd: Date | null }> {
    const current = await this.call(() => this.stripe.subscriptions.retrieve(change.subscriptionId));
    const item = current.items.data[0];
    if (!item) throw new PaymentsRefusedError("The subscription has no item to change");
    const updated = await this.call(() =>
      this.stripe.subscriptions.update(
        change.subscriptionId,
        {
          items: [{ id: item.id, price: this.priceOf(change.plan) }],
          proration_behavior: "create_prorations",
          metadata: { ...current.metadata, plan: change.plan },
        },
        { idempotencyKey: `change:${change.subscriptionId}:${change.idempotencyKey}` },
      ),
    );
    return { currentPeriodEnd: dateOf(updated.items.data[0]?.current_period_end) };
  }

  async cancelSubscription(cancel: { subscriptionId: string; idempotencyKey: string }): Promise<void> {
    await this.call(() =>
      this.stripe.subscriptions.cancel(
        cancel.subscriptionId,
        {},
        { idempotencyKey: `cancel:${cancel.subscriptionId}:${cancel.idempotencyKey}` },
      ),
    );
  }

  // oxlint-disable-next-line require-await -- async so that a refusal is a rejected promise, as the interface says
  async verifyWebhook(rawBody: string, headers: HeaderBag): Promise<PaymentWebhookEvent> {
    let event: Stripe.Event;
    try {
      event = this.stripe.webhooks.constructEvent(
        rawBody,
        headerValue(headers, "stripe-signature") ?? "",
        this.config.webhookSecret,
        WEBHOOK_TOLERANCE_SECONDS,
      );
    } catch (error) {
      const message = (error as Error).message;
      if (/timestamp outside the tolerance/i.test(message)) throw new WebhookRefusedError("stale", "The webhook's timestamp is too old");
      if (error instanceof Stripe.errors.StripeSignatureVerificationError)
        throw new WebhookRefusedError("signature", "The signature does not match");
      throw new WebhookRefusedError("malformed", "The webhook is not a Stripe event");
    }
    return this.normalize(event);
  }

  private normalize(event: Stripe.Event): PaymentWebhookEvent {
    const base = { id: event.id, providerType: event.type, payload: event };
    switch (event.type) {
      case "checkout.session.completed": {
        const session = event.data.object;
        return {
          ...base,
          type: "checkout.completed",
          checkoutId: session.id,
          orgId: session.client_reference_id ?? session.metadata?.orgId ?? null,
          customerId: idOf(session.customer),
          subscriptionId: idOf(session.subscription),
          currentPeriodEnd: null,
        };
      }
      case "customer.subscription.updated":
      case "customer.subscription.created": {
        const subscription = event.data.object;
        const item = subscription.items.data[0];
        return {
          ...base,
          type: "subscription.updated",
          subscriptionId: subscription.id,
          plan: this.planOfPrice(item?.price.id ?? null),
          status: statusOf(subscription.status),
          currentPeriodEnd: dateOf(item?.current_period_end),
        };
      }
      case "customer.subscription.deleted":
        return { ...base, type: "subscription.deleted", subscriptionId: event.data.object.id };
      case "invoice.payment_failed": {
        const invoice = event.data.object as Stripe.Invoice & { subscription?: unknown };
        const subscriptionId = idOf(invoice.parent?.subscription_details?.subscription) ?? idOf(invoice.subscription);
        return { ...base, type: "invoice.payment_failed", subscriptionId };
      }
      case "payment_intent.succeeded": {
        const intent = event.data.object;
        return {
          ...base,
          type: "payment.succeeded",
          paymentId: intent.id,
          amountCents: intent.amount_received,
          currency: intent.currency,
          metadata: intent.metadata,
        };
      }
      case "charge.refunded": {
        const charge = event.data.object;
        return {
          ...base,
          type: "payment.refunded",
          paymentId: idOf(charge.payment_intent) ?? charge.id,
          amountCents: charge.amount_refunded,
          currency: charge.currency,
          metadata: charge.metadata,
        };
      }
      default:
        return { ...base, type: "other" };
    }
  }
}
