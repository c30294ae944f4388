// Stripe's HTTP API, faked for tests with a real local node:http server: the parts Glow uses
// (checkout sessions, customers, subscriptions), form-encoded bodies, Bearer secret keys,
// Stripe's error bodies, and Idempotency-Key replay. The real `stripe` SDK talks to it unchanged.
import { randomBytes } from "node:crypto";
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { signWebhook } from "../core/payments/signature.ts";

export const FAKE_STRIPE_SECRET_KEY = "sk_test_glow_fake";
export const FAKE_STRIPE_WEBHOOK_SECRET = "whsec_glow_fake";

type StripeObject = Record<string, unknown> & { id: string };
type FormValue = string | FormValue[] | { [key: string]: FormValue };

/** Stripe's form encoding (`a[b][0][c]=1`) back into nested objects and arrays. */
export function parseStripeForm(body: string): Record<string, FormValue> {
  const root: Record<string, FormValue> = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const path = rawKey.replace(/\]/g, "").split("[");
    let node: Record<string, FormValue> = root;
    path.forEach((part, index) => {
      if (index === path.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Record<string, FormValue>;
    });
  }
  // Objects keyed 0, 1, 2... are arrays.
  const arrays = (value: FormValue): FormValue => {
    if (typeof value === "string" || Array.isArray(value)) return value;
    const keys = Object.keys(value);
    const mapped = Object.fromEntries(keys.map((key) => [key, arrays(value[key]!)]));
    return keys.length > 0 && keys.every((key, i) => key === String(i)) ? keys.map((key) => mapped[key]!) : mapped;
  };
  return arrays(root) as Record<string, FormValue>;
}

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString("hex")}`;
const now = () => Math.floor(Date.now() / 1000);

export interface RecordedStripeRequest {
  method: string;
  path: string;
  idempotencyKey: string | null;
  form: Record<string, FormValue>;
}

export class FakeStripe {
  readonly #server = http.createServer((req, res) => void this.#handle(req, res));
  /** The price ids the fake knows (the plan's env values in tests). */
  readonly prices = new Set<string>();
  readonly sessions = new Map<string, StripeObject>();
  readonly customers = new Map<string, StripeObject>();
  readonly subscriptions = new Map<string, StripeObject>();
  readonly requests: RecordedStripeRequest[] = [];
  readonly #idempotent = new Map<string, { status: number; body: string }>();
  port = 0;

  async start(): Promise<{ host: string; port: number; protocol: "http" }> {
    await new Promise<void>((resolve) => this.#server.listen(0, "127.0.0.1", resolve));
    this.port = (this.#server.address() as AddressInfo).port;
    return { host: "127.0.0.1", port: this.port, protocol: "http" };
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  /** What Stripe does when the customer pays: a customer and an active subscription, and the session completed. */
  completeCheckout(sessionId: string): { session: StripeObject; subscription: StripeObject } {
    const session = this.sessions.get(sessionId);
    if (!session) throw new Error(`No such session ${sessionId}`);
    const customer: StripeObject = { id: newId("cus"), object: "customer", email: session.customer_email ?? null };
    this.customers.set(customer.id, customer);
    const price = (session.line_items as Array<{ price: string }>)[0]!.price;
    const subscription = this.#subscription(customer.id, price, session.metadata as Record<string, string>);
    Object.assign(session, { status: "complete", payment_status: "paid", customer: customer.id, subscription: subscription.id });
    return { session, subscription };
  }

  /** A Stripe event envelope around `object`, as webhooks carry it. */
  event(
    type: string,
    object: StripeObject,
  ): { id: string; object: "event"; type: string; created: number; data: { object: StripeObject } } {
    return { id: newId("evt"), object: "event", type, created: now(), data: { object } };
  }

  #subscription(customer: string, price: string, metadata: Record<string, string>): StripeObject {
    const subscription: StripeObject = {
      id: newId("sub"),
      object: "subscription",
      customer,
      status: "active",
      metadata,
      items: {
        object: "list",
        data: [
          {
            id: newId("si"),
            object: "subscription_item",
            price: { id: price, object: "price" },
            quantity: 1,
            current_period_end: now() + 30 * 86400,
          },
        ],
      },
    };
    this.subscriptions.set(subscription.id, subscription);
    return subscription;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const form = parseStripeForm(Buffer.concat(chunks).toString("utf8"));
    const method = req.method ?? "GET";
    const path = new URL(req.url ?? "/", "http://stripe.invalid").pathname;
    const idempotencyKey = (req.headers["idempotency-key"] as string | undefined) ?? null;
    this.requests.push({ method, path, idempotencyKey, form });

    const send = (status: number, body: unknown) => {
      const text = JSON.stringify(body);
      if (idempotencyKey && method === "POST") this.#idempotent.set(idempotencyKey, { status, body: text });
      res.writeHead(status, { "content-type": "application/json", "request-id": newId("req") });
      res.end(text);
    };
    const error = (status: number, type: string, message: string, extra: Record<string, string> = {}) =>
      send(status, { error: { type, message, ...extra } });

    if (req.headers.authorization !== `Bearer ${FAKE_STRIPE_SECRET_KEY}`)
      return error(401, "invalid_request_error", "Invalid API Key provided", { code: "api_key_invalid" });
    const replay = idempotencyKey && method === "POST" ? this.#idempotent.get(idempotencyKey) : undefined;
    if (replay) {
      res.writeHead(replay.status, { "content-type": "application/json", "idempotent-replayed": "true" });
      return void res.end(replay.body);
    }

    const subscriptionPath = /^\/v1\/subscriptions\/([^/]+)$/.exec(path);
    const customerPath = /^\/v1\/customers\/([^/]+)$/.exec(path);
    const sessionPath = /^\/v1\/checkout\/sessions\/([^/]+)$/.exec(path);
    if (method === "POST" && path === "/v1/checkout/sessions") {
      const items = (form.line_items ?? []) as Array<{ price?: string; quantity?: string }>;
      const price = items[0]?.price;
      if (form.mode !== "subscription" && form.mode !== "payment")
        return error(400, "invalid_request_error", "Missing required param: mode.", { code: "parameter_missing", param: "mode" });
      if (!price || !this.prices.has(price))
        return error(400, "invalid_request_error", `No such price: '${price ?? ""}'`, {
          code: "resource_missing",
          param: "line_items[0][price]",
        });
      const id = newId("cs_test");
      const session: StripeObject = {
        id,
        object: "checkout.session",
        mode: form.mode,
        status: "open",
        url: `https://checkout.stripe.com/c/pay/${id}`,
        success_url: form.success_url,
        cancel_url: form.cancel_url,
        client_reference_id: form.client_reference_id ?? null,
        customer_email: form.customer_email ?? null,
        metadata: form.metadata ?? {},
        line_items: items.map((item) => ({ price: item.price, quantity: Number(item.quantity ?? 1) })),
        customer: null,
        subscription: null,
      };
      this.sessions.set(id, session);
      return send(200, session);
    }
    if (method === "GET" && sessionPath) {
      const session = this.sessions.get(sessionPath[1]!);
      return session
        ? send(200, session)
        : error(404, "invalid_request_error", `No such checkout.session: '${sessionPath[1]}'`, { code: "resource_missing" });
    }
    if (method === "POST" && path === "/v1/customers") {
      const customer: StripeObject = { id: newId("cus"), object: "customer", email: form.email ?? null, metadata: form.metadata ?? {} };
      this.customers.set(customer.id, customer);
      return send(200, customer);
    }
    if (method === "GET" && customerPath) {
      const customer = this.customers.get(customerPath[1]!);
      return customer
        ? send(200, customer)
        : error(404, "invalid_request_error", `No such customer: '${customerPath[1]}'`, { code: "resource_missing" });
    }
    if (subscriptionPath) {
      const subscription = this.subscriptions.get(subscriptionPath[1]!);
      if (!subscription)
        return error(404, "invalid_request_error", `No such subscription: '${subscriptionPath[1]}'`, {
          code: "resource_missing",
          param: "id",
        });
      if (method === "GET") return send(200, subscription);
      if (method === "DELETE") {
        if (subscription.status === "canceled")
          return error(400, "invalid_request_error", "This subscription has already been canceled.", { code: "resource_missing" });
        subscription.status = "canceled";
        return send(200, subscription);
      }
      if (method === "POST") {
        const items = (form.items ?? []) as Array<{ id?: string; price?: string }>;
        const list = (subscription.items as { data: Array<{ id: string; price: { id: string } }> }).data;
        for (const change of items) {
          if (change.price && !this.prices.has(change.price))
            return error(400, "invalid_request_error", `No such price: '${change.price}'`, {
              code: "resource_missing",
              param: "items[0][price]",
            });
          const item = list.find((existing) => existing.id === change.id);
          if (!item)
            return error(400, "invalid_request_error", `No such subscription item: '${change.id ?? ""}'`, { code: "resource_missing" });
          if (change.price) item.price = { id: change.price };
        }
        if (form.metadata) subscription.metadata = form.metadata;
        return send(200, subscription);
      }
    }
    return error(404, "invalid_request_error", `Unrecognized request URL (${method}: ${path}).`);
  }
}

/** A webhook body and its Stripe-Signature header, made as Stripe makes them. */
export function signStripeEvent(
  payload: object,
  secret = FAKE_STRIPE_WEBHOOK_SECRET,
  timestamp = Math.floor(Date.now() / 1000),
): { rawBody: string; headers: Record<string, string> } {
  const rawBody = JSON.stringify(payload);
  return { rawBody, headers: { "stripe-signature": signWebhook(rawBody, secret, timestamp), "content-type": "application/json" } };
}
