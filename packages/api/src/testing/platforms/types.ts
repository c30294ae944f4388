// The shape every local fake of a social platform returns, so publishing tests can drive any of them.
import type { PlatformCredentials } from "../../modules/publish/platforms/types.ts";

export type { PlatformCredentials };

export interface FakePlatform {
  readonly url: string; // base URL of the fake
  readonly credentials: PlatformCredentials; // pass to the provider constructor (apiBaseUrl/authBaseUrl point at the fake)
  /** Everything published, in order. */
  readonly published: Array<{ externalId: string; text: string; mediaUrls: string[]; idempotencyKey: string | null; at: Date }>;
  /** Replies sent through the API. */
  readonly replies: Array<{ inReplyTo: string; text: string }>;
  /** The next `count` API calls (not OAuth) answer with this status, body (default: the platform's own error body for it) and headers (e.g. 429 with its rate-limit headers). */
  failNext(count: number, failure: { status: number; body?: unknown; headers?: Record<string, string> }): void;
  /** The next publish call waits this long before it creates the post (to kill a worker mid-call). */
  delayNextPublish(ms: number): void;
  /** A message or comment that the next inbox fetch returns. */
  addInboxItem(item: {
    kind: "message" | "comment";
    text: string;
    authorName: string;
    authorHandle?: string;
    parentExternalId?: string;
  }): string; // returns its external id
  /** Access tokens issued so far stop working (401 with the platform's body); refresh still works. */
  expireAccessTokens(): void;
  /** Refresh tokens stop working (invalid_grant or the platform's equivalent). */
  revokeRefreshTokens(): void;
  /** Follows the authorize URL as a person who approves: returns the code and state the redirect carries (checks PKCE params are present when the platform uses PKCE). */
  approve(authorizeUrl: URL): Promise<{ code: string; state: string }>;
  close(): Promise<void>;
}
