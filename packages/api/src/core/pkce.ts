// PKCE (RFC 7636): the S256 challenge of a code verifier, for Glow's own sign-in flows and the
// social platforms' connect flows alike.
import { createHash } from "node:crypto";

export function pkceChallenge(verifier: string): string {
  return createHash("sha256").update(verifier).digest("base64url");
}
