// /payments/: the payments provider's webhooks (POST /payments/webhooks/:provider, verified on the
// raw body and processed once; decision 025) and the sandbox's own checkout page, whose "Pay"
// hands the same webhook code a webhook signed like Stripe's, in process.
import type { IncomingMessage, ServerResponse } from "node:http";
import { PLANS, receivePaymentWebhook, SANDBOX_CHECKOUT_PATH, SandboxPayments, type AppServices } from "@glow/api";
import { readBody } from "./request-body.ts";

export const PAYMENTS_PREFIX = "/payments/";
const WEBHOOK_PATH = /^\/payments\/webhooks\/([a-z]+)$/;
const CHECKOUT_PATH = /^\/payments\/sandbox\/checkout\/(sbx_cs_[A-Za-z0-9_-]+)(?:\/(pay|cancel))?$/;

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json; charset=utf-8", "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

export function createPaymentsHandler(
  services: AppServices,
  options: { bodyLimitBytes: number; clientIp: (req: IncomingMessage) => string },
) {
  const { db, payments, logger } = services;

  async function webhook(req: IncomingMessage, res: ServerResponse, provider: string, requestId: string): Promise<void> {
    if (req.method !== "POST") return sendJson(res, 405, { error: "Method not allowed", requestId });
    if (provider !== payments.id) return sendJson(res, 404, { error: "Not found", requestId });
    const body = await readBody(req, options.bodyLimitBytes);
    if (body === null) return sendJson(res, 413, { error: "Request body too large", requestId });
    const outcome = await receivePaymentWebhook({ db, payments, logger }, body.toString("utf8"), req.headers, {
      ip: options.clientIp(req),
      userAgent: req.headers["user-agent"] ?? null,
    });
    if (outcome.kind === "refused") return sendJson(res, 400, { error: outcome.message, requestId });
    sendJson(res, 200, { received: true, replayed: outcome.kind === "replayed" });
  }

  async function sandboxCheckout(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    externalId: string,
    action: string | undefined,
    requestId: string,
  ) {
    if (!(payments instanceof SandboxPayments)) return sendJson(res, 404, { error: "Not found", requestId });
    const links = await payments.checkoutLinks(externalId, url.searchParams);
    const checkout = links ? await db.paymentCheckout.findUnique({ where: { externalId } }) : null;
    if (!links || !checkout || checkout.provider !== "sandbox") return sendJson(res, 404, { error: "No such checkout", requestId });

    if (!action) {
      if (req.method !== "GET" && req.method !== "HEAD") return sendJson(res, 405, { error: "Method not allowed", requestId });
      const plan = PLANS[checkout.plan];
      const query = url.search;
      const open = checkout.status === "open";
      const targets = [...new Set([new URL(links.successUrl).origin, new URL(links.cancelUrl).origin])].join(" ");
      res.writeHead(200, {
        "content-type": "text/html; charset=utf-8",
        "cache-control": "no-store",
        "content-security-policy": `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${targets}; frame-ancestors 'none'`,
        // With the server's no-referrer, Chromium posts the Pay form with "Origin: null", which the CSRF check refuses.
        "referrer-policy": "same-origin",
      });
      res.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Glow sandbox checkout</title>
<style>body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}.note{color:#555}button{font-size:1rem;padding:.6rem 1.2rem;margin-right:.5rem}</style></head>
<body><h1>Sandbox checkout</h1>
<p class="note">This is Glow's local payments sandbox: no card is charged.</p>
<p><strong>${escapeHtml(plan.name)}</strong> plan: $${(plan.monthlyPriceCents / 100).toFixed(2)} a month</p>
${
  open
    ? `<form method="post" action="${SANDBOX_CHECKOUT_PATH}${externalId}/pay${escapeHtml(query)}"><button type="submit">Pay</button></form>
<form method="post" action="${SANDBOX_CHECKOUT_PATH}${externalId}/cancel${escapeHtml(query)}"><button type="submit">Cancel</button></form>`
    : `<p>This checkout is ${escapeHtml(checkout.status)}.</p>`
}
</body></html>`);
      return;
    }

    if (req.method !== "POST") return sendJson(res, 405, { error: "Method not allowed", requestId });
    if (action === "pay") {
      if (checkout.status === "open") {
        const { rawBody, headers } = await payments.paidWebhook({ externalId, orgId: checkout.orgId });
        const outcome = await receivePaymentWebhook({ db, payments, logger }, rawBody, headers, {
          ip: options.clientIp(req),
          userAgent: null,
        });
        if (outcome.kind === "refused") throw new Error(`The sandbox refused its own webhook: ${outcome.message}`);
      }
      res.writeHead(303, { location: links.successUrl, "cache-control": "no-store" });
      return void res.end();
    }
    await db.paymentCheckout.updateMany({ where: { id: checkout.id, status: "open" }, data: { status: "expired" } });
    res.writeHead(303, { location: links.cancelUrl, "cache-control": "no-store" });
    res.end();
  }

  return async function servePayments(req: IncomingMessage, res: ServerResponse, url: URL, requestId: string): Promise<void> {
    const hook = WEBHOOK_PATH.exec(url.pathname);
    if (hook) return webhook(req, res, hook[1]!, requestId);
    const checkout = CHECKOUT_PATH.exec(url.pathname);
    if (checkout) return sandboxCheckout(req, res, url, checkout[1]!, checkout[2], requestId);
    sendJson(res, 404, { error: "Not found", requestId });
  };
}
