import type { IncomingMessage, ServerResponse } from "node:http";
import sirv from "sirv";

/**
 * The web app's Content-Security-Policy when the server serves its build: scripts, styles
 * and API calls from this origin only; images may come from https (video thumbnails);
 * videos, images and uploads also from where signed file URLs point (an S3 bucket, or
 * PUBLIC_URL); never framed. (The API's own responses keep `default-src 'none'`.)
 */
export function webAppCsp(fileOrigins: readonly string[] = []): string {
  const files = fileOrigins.map((origin) => ` ${origin}`).join("");
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: https:${files}`,
    `media-src 'self'${files}`,
    "font-src 'self'",
    `connect-src 'self'${files}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

export const WEB_APP_CSP = webAppCsp();

/** A path naming a source map, percent-encoded or not (sirv decodes paths before it looks). */
function isSourceMap(pathname: string): boolean {
  let decoded = pathname;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    // sirv cannot decode it either, and serves nothing for it
  }
  return /\.map$/i.test(pathname) || /\.map$/i.test(decoded);
}

/** Serves the built web app (apps/web/dist) with client-side routes falling back to index.html. */
export function createWebAppHandler(
  dir: string,
  fileOrigins: readonly string[] = [],
): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  const csp = webAppCsp(fileOrigins);
  const serve = sirv(dir, {
    single: true,
    etag: true,
    setHeaders(res, pathname) {
      // Vite fingerprints everything under /assets; the HTML must be revalidated.
      res.setHeader("cache-control", pathname.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
    },
  });
  return (req, res) => {
    // Source maps would hand out the app's full sources; the build makes none, and a stray one stays private.
    if (isSourceMap(new URL(req.url ?? "/", "http://glow.invalid").pathname)) return Promise.resolve(false);
    return new Promise((resolve) => {
      res.setHeader("content-security-policy", csp);
      res.once("finish", () => resolve(true));
      serve(req, res, () => resolve(false));
    });
  };
}
