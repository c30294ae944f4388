// /publish/sandbox/: the local sandbox platform's own pages (the embedded default's stand-in for
// a social network). GET authorize asks "Glow Sandbox wants to connect — Allow / Deny"; POST
// sends the browser back to the web app with a code and the state (or access_denied). The
// posts it "published" have a small page each. Only Glow's own redirect URI is accepted, so the
// page cannot hand codes to another site.
import type { IncomingMessage, ServerResponse } from "node:http";
import { SANDBOX_AUTHORIZE_PATH, SANDBOX_POSTS_PATH, sandboxPlatform, type AppServices } from "@glow/api";
import { readBody } from "./request-body.ts";

export const SANDBOX_PLATFORM_PREFIX = "/publish/sandbox/";
const FORM_LIMIT_BYTES = 4096;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

const STYLE =
  "body{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem}.note{color:#555}" +
  "label{display:block;margin:1rem 0}input{font-size:1rem;padding:.4rem;width:100%;box-sizing:border-box}" +
  "button{font-size:1rem;padding:.6rem 1.2rem;margin-right:.5rem}";

function page(res: ServerResponse, status: number, title: string, body: string, formTargets = ""): void {
  res.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "cache-control": "no-store",
    "content-security-policy": `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${formTargets}; frame-ancestors 'none'`,
    // With the server's no-referrer, Chromium posts the consent form with "Origin: null", which the CSRF check refuses.
    "referrer-policy": "same-origin",
  });
  res.end(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title><style>${STYLE}</style></head>
<body>${body}</body></html>`);
}

export function createSandboxPlatformHandler(services: AppServices) {
  const redirectUri = `${services.config.webUrl.replace(/\/$/, "")}/publish/connected`;

  async function authorize(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const sandbox = sandboxPlatform(services.platforms);
    if (!sandbox) return page(res, 404, "Not found", "<p>The sandbox platform is not enabled on this server.</p>");
    if (url.searchParams.get("redirect_uri") !== redirectUri || !sandbox.consent(url.searchParams, { allow: false })) {
      return page(
        res,
        400,
        "Glow Sandbox",
        "<h1>Glow Sandbox</h1><p>This connection request is not one Glow made. Start again from Glow.</p>",
      );
    }
    if (req.method === "GET" || req.method === "HEAD") {
      return page(
        res,
        200,
        "Glow Sandbox wants to connect",
        `<h1>Glow Sandbox wants to connect</h1>
<p class="note">This is Glow's local sandbox platform: nothing is posted anywhere but here.</p>
<p>Glow asks to publish posts and read messages as the account below.</p>
<form method="post" action="${SANDBOX_AUTHORIZE_PATH}${escapeHtml(url.search)}">
<label>Account handle <input name="handle" value="sandbox_creator" maxlength="30" pattern="[A-Za-z0-9_.]{1,30}" required></label>
<button type="submit" name="decision" value="allow">Allow</button>
<button type="submit" name="decision" value="deny" formnovalidate>Deny</button>
</form>`,
        new URL(redirectUri).origin,
      );
    }
    if (req.method !== "POST") {
      res.writeHead(405, { allow: "GET, POST", "content-type": "text/plain; charset=utf-8" });
      return void res.end("Method not allowed\n");
    }
    const body = await readBody(req, FORM_LIMIT_BYTES);
    if (body === null) {
      res.writeHead(413, { "content-type": "text/plain; charset=utf-8" });
      return void res.end("Request body too large\n");
    }
    const form = new URLSearchParams(body.toString("utf8"));
    const handle = (form.get("handle") ?? "").trim().replace(/^@/, "");
    const allow = form.get("decision") === "allow";
    if (allow && !/^[A-Za-z0-9_.]{1,30}$/.test(handle)) {
      return page(
        res,
        400,
        "Glow Sandbox",
        "<h1>Glow Sandbox</h1><p>A handle is 1 to 30 letters, digits, dots or underscores. Go back and try again.</p>",
      );
    }
    const target = sandbox.consent(url.searchParams, { allow, handle })!;
    res.writeHead(303, { location: target.toString(), "cache-control": "no-store" });
    res.end();
  }

  function post(res: ServerResponse, id: string): void {
    const found = sandboxPlatform(services.platforms)?.post(id);
    if (!found) return page(res, 404, "Not found", "<p>No such sandbox post (posts live in the server's memory until it restarts).</p>");
    page(
      res,
      200,
      "Glow Sandbox post",
      `<h1>Glow Sandbox</h1><p class="note">Posted ${escapeHtml(found.at.toISOString())}${found.mediaCount ? ` with ${found.mediaCount} file(s)` : ""}</p>
<p style="white-space:pre-wrap">${escapeHtml(found.text)}</p>`,
    );
  }

  return async function serveSandboxPlatform(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    if (url.pathname === SANDBOX_AUTHORIZE_PATH) return authorize(req, res, url);
    const postId = url.pathname.startsWith(SANDBOX_POSTS_PATH) ? url.pathname.slice(SANDBOX_POSTS_PATH.length) : null;
    if (postId && /^sbxp_[a-f0-9]{1,40}$/.test(postId) && (req.method === "GET" || req.method === "HEAD")) return post(res, postId);
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
    res.end("Not found\n");
  };
}
