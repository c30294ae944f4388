// Stripe's webhook signature scheme (`Stripe-Signature: t=<unix>,v1=<hex HMAC-SHA256 of "t.body">`),
// for the sandbox provider and the tests' Stripe fake; the Stripe provider itself uses the SDK's.
import { createHmac, timingSafeEqual } from "node:crypto";
import { WEBHOOK_TOLERANCE_SECONDS, WebhookRefusedError } from "./types.ts";

export function signWebhook(rawBody: string, secret: string | Buffer, timestamp = Math.floor(Date.now() / 1000)): string {
  const signature = createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest("hex");
  return `t=${timestamp},v1=${signature}`;
}

/** Throws WebhookRefusedError unless one v1 signature matches and the timestamp is recent. */
export function verifyWebhookSignature(
  rawBody: string,
  header: string | null,
  secret: string | Buffer,
  now = Math.floor(Date.now() / 1000),
  toleranceSeconds = WEBHOOK_TOLERANCE_SECONDS,
): void {
  if (!header) throw new WebhookRefusedError("signature", "No signature header");
  const parts = header.split(",").map((part) => part.trim().split("=", 2) as [string, string | undefined]);
  const timestamp = Number(parts.find(([key]) => key === "t")?.[1]);
  const signatures = parts.filter(([key, value]) => key === "v1" && value).map(([, value]) => value!);
  if (!Number.isInteger(timestamp) || signatures.length === 0) throw new WebhookRefusedError("signature", "Malformed signature header");
  const expected = createHmac("sha256", secret).update(`${timestamp}.${rawBody}`).digest();
  const matches = signatures.some((hex) => {
    const given = Buffer.from(hex, "hex");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  if (!matches) throw new WebhookRefusedError("signature", "The signature does not match");
  // Checked after the signature, so an attacker cannot learn anything from the order of refusals.
  if (Math.abs(now - timestamp) > toleranceSeconds) throw new WebhookRefusedError("stale", "The webhook's timestamp is too old");
}
