// Which URLs are the app's own. Plain functions, so the guards built on them are testable.

export const APP_SCHEME = "app";
export const APP_HOST = "glow";
/** Where the packaged app loads its renderer from (served by app-protocol.ts). */
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/** `scheme://host[:port]` of a URL, or null when it has no host. */
function originOf(url: string): string | null {
  // Node's URL calls app:// origins opaque ("null"), so build the origin from its parts.
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : null;
  } catch {
    return null;
  }
}

/** The origin every trusted page and IPC caller must have. */
export function appOriginOf(rendererUrl: string): string {
  const origin = originOf(rendererUrl);
  // A host-less URL (file:) has no origin that could tell the app apart from other local pages.
  if (!origin) throw new Error(`The renderer URL needs a host: ${rendererUrl}`);
  return origin;
}

export function isAppUrl(url: string, appOrigin: string): boolean {
  return originOf(url) === appOrigin;
}

/** http(s) only: file:, javascript: and custom schemes never leave the app. */
export function isExternalWebUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === "http:" || protocol === "https:";
  } catch {
    return false;
  }
}
