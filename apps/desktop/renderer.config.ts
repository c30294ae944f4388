// The renderer's Vite setup, shared by electron.vite.config.ts and the Chromium test so
// both build the page the same way.
import { createHash } from "node:crypto";
import path from "node:path";
import tailwindcss from "@tailwindcss/vite";
import react from "@vitejs/plugin-react";
import type { Plugin, PluginOption } from "vite";

export const rendererRoot = path.join(import.meta.dirname, "src/renderer");

const cspMeta = /(<meta\s+http-equiv="Content-Security-Policy"\s+content=")([^"]*)(")/;

/** Adds `sources` to one directive of a CSP string. */
function allow(csp: string, directive: string, sources: string[]): string {
  return csp
    .split(";")
    .map((part) => part.trim())
    .map((part) => (part.split(/\s+/)[0] === directive ? [part, ...sources].join(" ") : part))
    .join("; ");
}

/**
 * The dev server needs what index.html's CSP forbids: the inline React Refresh preamble
 * (allowed by its hash, not 'unsafe-inline'), the <style> tags Vite injects for CSS, and
 * http(s) connections for the Chromium tests, whose stand-in bridge calls the server from
 * the page (in the app, main makes those calls). The production build keeps the CSP as written.
 */
function devContentSecurityPolicy(): Plugin {
  let base = "/";
  return {
    name: "glow:dev-csp",
    apply: "serve",
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml(html) {
      if (!cspMeta.test(html)) throw new Error("index.html lost its Content-Security-Policy meta tag");
      const preamble = react.preambleCode.replace("__BASE__", base);
      const preambleHash = `'sha256-${createHash("sha256").update(preamble).digest("base64")}'`;
      return html.replace(cspMeta, (_match, start: string, csp: string, end: string) => {
        const relaxed = allow(allow(allow(csp, "script-src", [preambleHash]), "style-src", ["'unsafe-inline'"]), "connect-src", [
          "http:",
          "https:",
        ]);
        return `${start}${relaxed}${end}`;
      });
    },
  };
}

export function rendererConfig(): { root: string; plugins: PluginOption[] } {
  return { root: rendererRoot, plugins: [react(), tailwindcss(), devContentSecurityPolicy()] };
}
