// Object keys: slash-separated segments of letters, digits, `.`, `_` and `-`, each starting with a
// letter or digit (so no `.`, `..` or hidden names), at most 128 characters a segment and 512 in
// all. A key never starts with `/`. Anything else — NUL, backslashes, percent signs, spaces —
// is refused before a file system or a bucket sees it, so a key can never name a path outside
// the storage root.
//
// Tenants' files live under `orgs/<orgId>/…`, Glow's shared library under `library/…`.
import { InvalidInputError } from "../errors.ts";

const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;
export const MAX_KEY_LENGTH = 512;

export function isValidKey(key: unknown): key is string {
  return (
    typeof key === "string" && key.length > 0 && key.length <= MAX_KEY_LENGTH && key.split("/").every((segment) => SEGMENT.test(segment))
  );
}

/** The key itself, or an InvalidInputError on field "key" naming what is wrong with it. */
export function validKey(key: unknown): string {
  if (isValidKey(key)) return key;
  const shown = typeof key === "string" ? JSON.stringify(key.slice(0, 80)) : typeof key;
  throw new InvalidInputError(
    `Not a file key: ${shown} (segments of letters, digits, ".", "_" and "-" separated by "/", none starting with ".")`,
    "key",
  );
}

/** A key under an organization's own folder: `orgs/<orgId>/<segments…>`. */
export function orgKey(orgId: string, ...segments: string[]): string {
  return validKey(["orgs", orgId, ...segments].join("/"));
}

/** A key in Glow's shared library, readable by every tenant: `library/<segments…>`. */
export function libraryKey(...segments: string[]): string {
  return validKey(["library", ...segments].join("/"));
}

/**
 * Whether a member of `orgId` may be handed a URL for `key`: its own organization's files and
 * the shared library. The check belongs where the URL is issued; the URL itself is a bearer
 * credential for that one key.
 */
export function keyVisibleTo(key: string, orgId: string): boolean {
  return isValidKey(key) && (key.startsWith(`orgs/${orgId}/`) || key.startsWith("library/"));
}
