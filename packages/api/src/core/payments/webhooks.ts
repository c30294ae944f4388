// A payments provider's webhook, processed once: verified, recorded in payment_events by its own
// id, and applied in the same transaction, so a replay finds the row and changes nothing.
import type { Db, Prisma } from "@glow/db";
import { recordAudit } from "../audit.ts";
import type { Logger } from "../logger.ts";
import { WebhookRefusedError, type HeaderBag, type PaymentsProvider, type PaymentWebhookEvent } from "./types.ts";

export interface WebhookDeps {
  db: Db;
  payments: PaymentsProvider;
  logger: Logger;
}

export type WebhookOutcome =
  | { kind: "processed"; eventId: string; type: PaymentWebhookEvent["type"] }
  | { kind: "replayed"; eventId: string }
  | { kind: "refused"; reason: WebhookRefusedError["reason"]; message: string };

/** Who sent a refused webhook, for the warning and the audit entry. */
export interface WebhookSender {
  ip: string | null;
  userAgent: string | null;
}

export async function receivePaymentWebhook(
  deps: WebhookDeps,
  rawBody: string,
  headers: HeaderBag,
  sender: WebhookSender,
): Promise<WebhookOutcome> {
  const provider = deps.payments.id;
  let event: PaymentWebhookEvent;
  try {
    event = await deps.payments.verifyWebhook(rawBody, headers);
  } catch (error) {
    if (!(error instanceof WebhookRefusedError)) throw error;
    deps.logger.warn({ provider, reason: error.reason, ip: sender.ip }, "payments webhook refused");
    await recordAudit(deps.db, {
      action: "payments.webhook.refused",
      ip: sender.ip,
      userAgent: sender.userAgent,
      details: { provider, reason: error.reason },
    });
    return { kind: "refused", reason: error.reason, message: error.message };
  }

  return deps.db.$transaction(async (tx) => {
    // A second delivery waits here for the first's transaction, then finds its row.
    const inserted = await tx.$executeRaw`
      INSERT INTO payment_events (provider, event_id, type, payload)
      VALUES (${provider}, ${event.id}, ${event.providerType}, ${JSON.stringify(event.payload)}::jsonb)
      ON CONFLICT (provider, event_id) DO NOTHING`;
    if (inserted === 0) return { kind: "replayed", eventId: event.id } as const;
    await applyEvent(tx, provider, event, deps.logger);
    await tx.paymentEvent.update({ where: { provider_eventId: { provider, eventId: event.id } }, data: { processedAt: new Date() } });
    return { kind: "processed", eventId: event.id, type: event.type } as const;
  });
}

/** What an event changes, on the owner's connection (plans are not the tenant's to write). */
async function applyEvent(tx: Prisma.TransactionClient, provider: string, event: PaymentWebhookEvent, logger: Logger): Promise<void> {
  switch (event.type) {
    case "checkout.completed": {
      const checkout = await tx.paymentCheckout.findUnique({ where: { externalId: event.checkoutId } });
      // The plan comes from Glow's own record of the checkout, never from the event's metadata.
      if (!checkout || checkout.provider !== provider || (event.orgId && event.orgId !== checkout.orgId)) {
        logger.warn({ provider, checkoutId: event.checkoutId }, "payments webhook for an unknown checkout");
        return;
      }
      if (checkout.status === "completed") return;
      const subscription = {
        plan: checkout.plan,
        status: "active",
        provider,
        customerId: event.customerId,
        subscriptionId: event.subscriptionId,
        currentPeriodEnd: event.currentPeriodEnd,
      };
      await tx.planSubscription.upsert({
        where: { orgId: checkout.orgId },
        create: { orgId: checkout.orgId, ...subscription },
        update: subscription,
      });
      await tx.paymentCheckout.update({ where: { id: checkout.id }, data: { status: "completed", completedAt: new Date() } });
      await recordAudit(tx, {
        action: "payments.plan.changed",
        actorId: checkout.userId,
        details: { orgId: checkout.orgId, plan: checkout.plan, provider },
      });
      return;
    }
    case "subscription.updated":
      await tx.planSubscription.updateMany({
        where: { subscriptionId: event.subscriptionId, provider },
        data: {
          status: event.status,
          ...(event.plan ? { plan: event.plan } : {}),
          ...(event.currentPeriodEnd ? { currentPeriodEnd: event.currentPeriodEnd } : {}),
        },
      });
      return;
    case "subscription.deleted":
      // Back to free; what is over the free limits stays (decision 025).
      await tx.planSubscription.updateMany({
        where: { subscriptionId: event.subscriptionId, provider },
        data: { plan: "free", status: "canceled", subscriptionId: null, currentPeriodEnd: null },
      });
      return;
    case "invoice.payment_failed":
      if (event.subscriptionId)
        await tx.planSubscription.updateMany({ where: { subscriptionId: event.subscriptionId, provider }, data: { status: "past_due" } });
      return;
    default:
      // One-off payments belong to the module that asked for them (shop); recorded, nothing to change here.
      return;
  }
}
