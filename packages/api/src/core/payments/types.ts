// The payments provider every module charges through (publish plans now; shop checkout and
// booking deposits later): Stripe when configured, the local sandbox by default (decision 025).
import { PreconditionFailedError } from "../errors.ts";
import type { PlanTier } from "../billing/plans.ts";

export type PaymentsProviderId = "sandbox" | "stripe";
export const PAYMENTS_PROVIDER_IDS: readonly PaymentsProviderId[] = ["sandbox", "stripe"];

export interface CheckoutRequest {
  orgId: string;
  plan: PlanTier;
  customerEmail: string | null;
  successUrl: string;
  cancelUrl: string;
  /** The same key gives back the same checkout (a double click, a retried request). */
  idempotencyKey: string;
}

export interface CheckoutSession {
  /** The provider's checkout id (payment_checkouts.external_id). */
  externalId: string;
  /** Where the browser pays. */
  url: string;
}

export interface SubscriptionChange {
  subscriptionId: string;
  plan: PlanTier;
  idempotencyKey: string;
}

export type HeaderBag = Record<string, string | string[] | undefined>;

/** What a webhook said, in Glow's words; `providerType` and `payload` keep the original for payment_events. */
export type PaymentWebhookEvent = {
  id: string;
  providerType: string;
  payload: unknown;
} & (
  | {
      type: "checkout.completed";
      checkoutId: string;
      orgId: string | null;
      customerId: string | null;
      subscriptionId: string | null;
      currentPeriodEnd: Date | null;
    }
  | {
      type: "subscription.updated";
      subscriptionId: string;
      /** The plan its price stands for; null when the price is not one of Glow's plans. */
      plan: PlanTier | null;
      status: "active" | "past_due" | "canceled";
      currentPeriodEnd: Date | null;
    }
  | { type: "subscription.deleted"; subscriptionId: string }
  | { type: "invoice.payment_failed"; subscriptionId: string | null }
  // One-off payments (shop checkout, deposits): processed by the module that asked for them.
  | { type: "payment.succeeded"; paymentId: string; amountCents: number; currency: string; metadata: Record<string, string> }
  | { type: "payment.refunded"; paymentId: string; amountCents: number; currency: string; metadata: Record<string, string> }
  | { type: "other" }
);

export interface PaymentsProvider {
  readonly id: PaymentsProviderId;
  /** A hosted checkout for a subscription to `plan`. */
  createCheckout(request: CheckoutRequest): Promise<CheckoutSession>;
  /** Moves a subscription to another paid plan (prorated by the provider). */
  changeSubscription(change: SubscriptionChange): Promise<{ currentPeriodEnd: Date | null }>;
  /** Ends a subscription now (a downgrade to free). */
  cancelSubscription(cancel: { subscriptionId: string; idempotencyKey: string }): Promise<void>;
  /**
   * The event a webhook carries, once its signature and timestamp are checked; throws
   * WebhookRefusedError when forged, stale (over WEBHOOK_TOLERANCE_SECONDS) or malformed.
   */
  verifyWebhook(rawBody: string, headers: HeaderBag): Promise<PaymentWebhookEvent>;
}

/** How old a signed webhook may be, as Stripe's own default. */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

export type WebhookRefusal = "signature" | "stale" | "malformed";

/** A webhook Glow will not act on. Not a domain error: it never reaches a procedure. */
export class WebhookRefusedError extends Error {
  readonly reason: WebhookRefusal;

  constructor(reason: WebhookRefusal, message: string) {
    super(message);
    this.name = "WebhookRefusedError";
    this.reason = reason;
  }
}

/** The provider said no (a bad price id, a declined card); the message is safe to show. */
export class PaymentsRefusedError extends PreconditionFailedError {}

export function headerValue(headers: HeaderBag, name: string): string | null {
  const value = headers[name.toLowerCase()];
  return (Array.isArray(value) ? value[0] : value) ?? null;
}
