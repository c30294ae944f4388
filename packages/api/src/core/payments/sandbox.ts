// The embedded default's payments: a checkout page Glow serves itself (/payments/sandbox/checkout/:id)
// whose "Pay" sends a webhook signed as Stripe signs them, through the same webhook route. No network.
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import type { Db } from "@glow/db";
import { z } from "zod";
import { PLAN_TIERS, type PlanTier } from "../billing/plans.ts";
import { serverSecret } from "../storage/secret.ts";
import { signWebhook, verifyWebhookSignature } from "./signature.ts";
import {
  headerValue,
  WebhookRefusedError,
  type CheckoutRequest,
  type CheckoutSession,
  type HeaderBag,
  type PaymentsProvider,
  type PaymentWebhookEvent,
} from "./types.ts";

export const SANDBOX_SECRET_NAME = "payments_sandbox";
export const SANDBOX_SIGNATURE_HEADER = "sandbox-signature";
export const SANDBOX_CHECKOUT_PATH = "/payments/sandbox/checkout/";
const PERIOD_MS = 30 * 24 * 60 * 60 * 1000;

const sandboxEvent = z.discriminatedUnion("type", [
  z.object({
    id: z.string().min(1),
    type: z.literal("checkout.completed"),
    checkoutId: z.string().min(1),
    orgId: z.string().nullable(),
    customerId: z.string().nullable(),
    subscriptionId: z.string().nullable(),
    currentPeriodEnd: z.iso.datetime().nullable(),
  }),
  z.object({
    id: z.string().min(1),
    type: z.literal("subscription.updated"),
    subscriptionId: z.string().min(1),
    plan: z.enum(PLAN_TIERS as [PlanTier, ...PlanTier[]]).nullable(),
    status: z.enum(["active", "past_due", "canceled"]),
    currentPeriodEnd: z.iso.datetime().nullable(),
  }),
  z.object({ id: z.string().min(1), type: z.literal("subscription.deleted"), subscriptionId: z.string().min(1) }),
  z.object({ id: z.string().min(1), type: z.literal("invoice.payment_failed"), subscriptionId: z.string().nullable() }),
]);
export type SandboxEvent = z.input<typeof sandboxEvent>;

export interface SandboxCheckoutLinks {
  successUrl: string;
  cancelUrl: string;
}

export class SandboxPayments implements PaymentsProvider {
  readonly id = "sandbox";
  private readonly db: Db;
  private readonly publicUrl: string;

  constructor(options: { db: Db; publicUrl: string }) {
    this.db = options.db;
    this.publicUrl = options.publicUrl;
  }

  /** One key for every instance sharing the database (made at first use). */
  private secret(): Promise<Buffer> {
    return serverSecret(this.db, SANDBOX_SECRET_NAME);
  }

  private async mac(text: string): Promise<string> {
    return createHmac("sha256", await this.secret())
      .update(text)
      .digest("base64url");
  }

  async createCheckout(request: CheckoutRequest): Promise<CheckoutSession> {
    // Derived from the idempotency key: the same key gives the same checkout without storing anything.
    const externalId = `sbx_cs_${(await this.mac(`checkout:${request.orgId}:${request.idempotencyKey}`)).slice(0, 24)}`;
    const url = new URL(`${SANDBOX_CHECKOUT_PATH}${externalId}`, this.publicUrl);
    url.searchParams.set("success", request.successUrl);
    url.searchParams.set("cancel", request.cancelUrl);
    url.searchParams.set("sig", await this.mac(`links:${externalId}:${request.successUrl}:${request.cancelUrl}`));
    return { externalId, url: url.toString() };
  }

  /** The return links of a checkout page's URL, or null when they were not the ones Glow signed (no open redirect). */
  async checkoutLinks(externalId: string, params: URLSearchParams): Promise<SandboxCheckoutLinks | null> {
    const successUrl = params.get("success");
    const cancelUrl = params.get("cancel");
    const given = Buffer.from(params.get("sig") ?? "");
    if (!successUrl || !cancelUrl) return null;
    const expected = Buffer.from(await this.mac(`links:${externalId}:${successUrl}:${cancelUrl}`));
    return given.length === expected.length && timingSafeEqual(given, expected) ? { successUrl, cancelUrl } : null;
  }

  /** The signed webhook "Pay" sends: the checkout completed and a subscription began. */
  async paidWebhook(checkout: { externalId: string; orgId: string }, now = new Date()): Promise<{ rawBody: string; headers: HeaderBag }> {
    return this.signedWebhook({
      id: `sbx_evt_${randomBytes(12).toString("base64url")}`,
      type: "checkout.completed",
      checkoutId: checkout.externalId,
      orgId: checkout.orgId,
      customerId: `sbx_cus_${checkout.orgId}`,
      subscriptionId: `sbx_sub_${randomBytes(12).toString("base64url")}`,
      currentPeriodEnd: new Date(now.getTime() + PERIOD_MS).toISOString(),
    });
  }

  /** Any sandbox event, signed with this server's key (the tests send their own too). */
  async signedWebhook(event: SandboxEvent, timestamp?: number): Promise<{ rawBody: string; headers: HeaderBag }> {
    const rawBody = JSON.stringify(event);
    return { rawBody, headers: { [SANDBOX_SIGNATURE_HEADER]: signWebhook(rawBody, await this.secret(), timestamp) } };
  }

  // oxlint-disable-next-line require-await -- nothing to wait for in the sandbox, but the interface is async
  async changeSubscription(): Promise<{ currentPeriodEnd: Date | null }> {
    return { currentPeriodEnd: new Date(Date.now() + PERIOD_MS) };
  }

  async cancelSubscription(): Promise<void> {}

  async verifyWebhook(rawBody: string, headers: HeaderBag): Promise<PaymentWebhookEvent> {
    verifyWebhookSignature(rawBody, headerValue(headers, SANDBOX_SIGNATURE_HEADER), await this.secret());
    let parsed: z.infer<typeof sandboxEvent>;
    try {
      parsed = sandboxEvent.parse(JSON.parse(rawBody));
    } catch {
      throw new WebhookRefusedError("malformed", "The webhook is not a sandbox event");
    }
    const base = { providerType: parsed.type, payload: parsed };
    switch (parsed.type) {
      case "checkout.completed":
      case "subscription.updated":
        return { ...parsed, ...base, currentPeriodEnd: parsed.currentPeriodEnd ? new Date(parsed.currentPeriodEnd) : null };
      default:
        return { ...parsed, ...base };
    }
  }
}
