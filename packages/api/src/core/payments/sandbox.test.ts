// The sandbox provider: checkout ids from the idempotency key, return links it signed itself,
// and webhooks accepted only when signed with the database's sandbox key and recent.
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SandboxPayments } from "./sandbox.ts";
import { signWebhook } from "./signature.ts";

let database: TestDatabase;
let sandbox: SandboxPayments;

beforeAll(async () => {
  database = await createTestDatabase();
  sandbox = new SandboxPayments({ db: database.db, publicUrl: "http://127.0.0.1:3000" });
});
afterAll(() => database.drop());

const request = (idempotencyKey: string, orgId = "0b6f7c5e-2f0e-4d7a-9a51-3c4d5e6f7a8b") => ({
  orgId,
  plan: "pro" as const,
  customerEmail: null,
  successUrl: "http://localhost:5173/publish/plan?checkout=success",
  cancelUrl: "http://localhost:5173/publish/plan?checkout=cancelled",
  idempotencyKey,
});

describe("SandboxPayments", () => {
  it("gives the same checkout for the same key and organization, another for another", async () => {
    const first = await sandbox.createCheckout(request("key-one"));
    expect(await sandbox.createCheckout(request("key-one"))).toEqual(first);
    expect((await sandbox.createCheckout(request("key-two"))).externalId).not.toBe(first.externalId);
    expect((await sandbox.createCheckout(request("key-one", "1c7a8d6f-3a1f-4e8b-8b62-4d5e6f7a8b9c"))).externalId).not.toBe(
      first.externalId,
    );
    expect(first.url.startsWith("http://127.0.0.1:3000/payments/sandbox/checkout/sbx_cs_")).toBe(true);
  });

  it("trusts only the return links it signed", async () => {
    const { externalId, url } = await sandbox.createCheckout(request("links"));
    const params = new URL(url).searchParams;
    expect(await sandbox.checkoutLinks(externalId, params)).toEqual({
      successUrl: request("").successUrl,
      cancelUrl: request("").cancelUrl,
    });
    params.set("success", "https://evil.example/");
    expect(await sandbox.checkoutLinks(externalId, params)).toBeNull();
  });

  it("reads its own signed webhook and refuses forged, stale and malformed ones", async () => {
    const paid = await sandbox.paidWebhook({ externalId: "sbx_cs_x", orgId: "0b6f7c5e-2f0e-4d7a-9a51-3c4d5e6f7a8b" });
    expect(await sandbox.verifyWebhook(paid.rawBody, paid.headers)).toMatchObject({ type: "checkout.completed", checkoutId: "sbx_cs_x" });

    const forged = { "sandbox-signature": signWebhook(paid.rawBody, "not the key") };
    await expect(sandbox.verifyWebhook(paid.rawBody, forged)).rejects.toMatchObject({ reason: "signature" });
    const stale = await sandbox.signedWebhook(
      { id: "e1", type: "subscription.deleted", subscriptionId: "s" },
      Math.floor(Date.now() / 1000) - 301,
    );
    await expect(sandbox.verifyWebhook(stale.rawBody, stale.headers)).rejects.toMatchObject({ reason: "stale" });
    const malformed = await sandbox.signedWebhook({ id: "e2", type: "nonsense" } as never);
    await expect(sandbox.verifyWebhook(malformed.rawBody, malformed.headers)).rejects.toMatchObject({ reason: "malformed" });
    await expect(sandbox.verifyWebhook(paid.rawBody, {})).rejects.toMatchObject({ reason: "signature" });
  });
});
