// Serves the built renderer on app://glow/. Unlike file:// this is a real origin, so the
// server's CORS allow-list and the page's CSP 'self' can name it.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { net, protocol } from "electron";
import { APP_HOST, APP_SCHEME } from "./app-url.ts";

/** Must run before the app is ready. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** The file inside `rendererDir` that an app:// URL names, or null for anything else. */
export function resolveAppFile(rendererDir: string, requestUrl: string): string | null {
  let pathname: string;
  try {
    const url = new URL(requestUrl);
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null;
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (pathname.includes("\0")) return null;
  const file = path.resolve(rendererDir, `.${pathname === "/" ? "/index.html" : pathname}`);
  const relative = path.relative(rendererDir, file);
  // Encoded "../" (or "..\" on Windows) must not reach files outside the renderer.
  const inside = relative !== "" && relative.split(path.sep)[0] !== ".." && !path.isAbsolute(relative);
  return inside ? file : null;
}

export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => {
    const file = resolveAppFile(rendererDir, request.url);
    return file ? net.fetch(pathToFileURL(file).toString()) : new Response("Not found", { status: 404 });
  });
}
