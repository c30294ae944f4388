// glow:// links, which the OS hands to the app from anywhere (a web page, another app).
// Only one is accepted: the server's return from a provider sign-in,
// glow://auth/callback?code=… or ?error=…; everything else is ignored.

export const PROTOCOL = "glow";
const MAX_LINK_LENGTH = 2_048;
/** The server's one-time codes are base32 (see auth.oauth.exchange's input: 16–128 characters). */
const CODE_SHAPE = /^[A-Za-z0-9_-]{16,128}$/;
const MAX_ERROR_LENGTH = 300;

export type DeepLink = { kind: "oauth-callback"; code: string } | { kind: "oauth-error"; error: string };

/** The callback a glow:// link carries, or null for anything else. */
export function parseDeepLink(input: unknown): DeepLink | null {
  if (typeof input !== "string" || input.length > MAX_LINK_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return null;
  }
  if (url.protocol !== `${PROTOCOL}:` || url.host.toLowerCase() !== "auth" || url.pathname !== "/callback") return null;
  if (url.username || url.password || url.hash) return null;
  const names = [...url.searchParams.keys()];
  // Exactly one parameter, once: code or error.
  if (names.length !== 1) return null;
  const [name] = names;
  const value = url.searchParams.get(name!) ?? "";
  if (name === "code") return CODE_SHAPE.test(value) ? { kind: "oauth-callback", code: value } : null;
  if (name === "error") {
    // Shown to the user: plain text, one line, bounded.
    const error = [...value]
      .map((char) => (char.charCodeAt(0) < 0x20 || char.charCodeAt(0) === 0x7f ? " " : char))
      .join("")
      .trim()
      .slice(0, MAX_ERROR_LENGTH);
    return error ? { kind: "oauth-error", error } : null;
  }
  return null;
}

/** The first glow:// argument on a command line (Windows and Linux pass the link this way). */
export function deepLinkFromArgv(argv: readonly string[]): string | null {
  return argv.find((arg) => arg.toLowerCase().startsWith(`${PROTOCOL}://`)) ?? null;
}

/**
 * Holds links that arrive before the app can act on them (macOS sends `open-url` before
 * the app is ready), and passes them on once a handler is set.
 */
export function createLinkInbox(): { receive(url: string): void; handleWith(handler: (url: string) => void): void } {
  const waiting: string[] = [];
  let handler: ((url: string) => void) | null = null;
  return {
    receive(url) {
      if (handler) handler(url);
      else waiting.push(url);
    },
    handleWith(next) {
      handler = next;
      for (const url of waiting.splice(0)) next(url);
    },
  };
}
