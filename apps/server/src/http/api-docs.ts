// A human-readable API reference at /docs, rendered on the server from the same OpenAPI
// document as /openapi.json. No scripts; its one stylesheet is allowed by hash in its CSP.
import { createHash } from "node:crypto";
import type { OpenAPIObject } from "@glow/api";

const STYLE = `body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1e293b}
h1{color:#86198f}h2{margin-top:2rem;border-bottom:1px solid #e2e8f0}code,pre{font:13px ui-monospace,monospace;background:#f8fafc}
pre{padding:.75rem;overflow:auto;border:1px solid #e2e8f0;border-radius:6px}.method{font-weight:700;color:#a21caf}.lock{color:#64748b}`;

export const DOCS_CSP = `default-src 'none'; style-src 'sha256-${createHash("sha256").update(STYLE).digest("base64")}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'`;

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const json = (value: unknown) => escape(JSON.stringify(value, null, 2));

export function renderApiDocs(document: OpenAPIObject): string {
  const base = document.servers?.[0]?.url ?? "/api";
  const sections: string[] = [];
  for (const [path, operations] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(operations as Record<string, Record<string, unknown>>)) {
      if (!operation || typeof operation !== "object" || !("responses" in operation)) continue;
      const security = Array.isArray(operation.security) ? (operation.security as object[]) : [];
      const credential =
        security.length === 0
          ? ""
          : security.some((requirement) => Object.keys(requirement).length === 0)
            ? "token optional"
            : "bearer token";
      const parameters =
        (operation.parameters as Array<{ name: string; in: string; required?: boolean; schema?: unknown }> | undefined) ?? [];
      const body = (operation.requestBody as { content?: Record<string, { schema?: unknown }> } | undefined)?.content?.["application/json"]
        ?.schema;
      const ok = (operation.responses as Record<string, { content?: Record<string, { schema?: unknown }> }>)["200"]?.content?.[
        "application/json"
      ]?.schema;
      sections.push(`<section id="${escape(String(operation.operationId ?? path))}">
<h3><span class="method">${method.toUpperCase()}</span> <code>${escape(base + path)}</code>${credential ? ` <span class="lock">(${credential})</span>` : ""}</h3>
<p>${escape(String(operation.summary ?? ""))}</p>
${parameters.length ? `<p>Parameters: ${parameters.map((p) => `<code>${escape(p.name)}</code> (${escape(p.in)}${p.required ? ", required" : ""})`).join(", ")}</p>` : ""}
${body ? `<details><summary>Request body</summary><pre>${json(body)}</pre></details>` : ""}
${ok ? `<details><summary>Response</summary><pre>${json(ok)}</pre></details>` : ""}
</section>`);
    }
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escape(document.info.title)} reference</title><style>${STYLE}</style></head><body>
<h1>${escape(document.info.title)} <small>${escape(document.info.version)}</small></h1>
<p>${escape(document.info.description ?? "")}</p>
<p>Machine-readable: <a href="/openapi.json">/openapi.json</a> (OpenAPI ${escape(document.openapi)}). Errors answer with <code>{ "message", "code", "issues"? }</code> and the HTTP status of their code (400 bad input, 401 no or bad token, 403 not allowed, 404, 429 rate limited).</p>
<pre>curl -H "Authorization: Bearer $GLOW_TOKEN" ${escape(base)}/reset/plan/today</pre>
<h2>Endpoints</h2>
${sections.join("\n")}
</body></html>`;
}
