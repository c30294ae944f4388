export class InvalidUrlError extends Error {}

/** An http(s) base URL (the Glow server, the dev renderer), without a trailing slash; throws InvalidUrlError. */
export function parseHttpUrl(input: unknown): string {
  if (typeof input !== "string" || input.trim() === "") throw new InvalidUrlError("Enter a URL");
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new InvalidUrlError(`Not a URL: ${input}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new InvalidUrlError("Use an http:// or https:// URL");
  // Credentials in a URL end up in logs and settings files; sessions will carry them instead.
  if (url.username || url.password) throw new InvalidUrlError("Leave the user name and password out of the URL");
  if (url.search || url.hash) throw new InvalidUrlError("Use a URL without a query or fragment");
  return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
}
