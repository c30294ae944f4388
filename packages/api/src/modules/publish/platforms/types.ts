// What Glow needs of a social platform, one file per platform behind this interface
// (decision 023). Every call is plain HTTP against the platform's documented API; tests point
// `apiBaseUrl`/`authBaseUrl` at a local fake that speaks the same contract.

export type PlatformId = "sandbox" | "x" | "instagram" | "facebook" | "linkedin" | "youtube" | "tiktok";

export const PLATFORM_IDS = [
  "sandbox",
  "x",
  "instagram",
  "facebook",
  "linkedin",
  "youtube",
  "tiktok",
] as const satisfies readonly PlatformId[];

export interface PlatformCredentials {
  clientId: string;
  clientSecret: string;
  /** Where the platform's REST API answers (tests: a local fake). */
  apiBaseUrl?: string;
  /** Where its OAuth authorize and token endpoints answer, when not at apiBaseUrl's defaults. */
  authBaseUrl?: string;
}

/** What a post must satisfy on a platform before it may be scheduled there. */
export interface PlatformRules {
  maxLength: number;
  /** Instagram and TikTok cannot post text alone. */
  requiresMedia: boolean;
  /** YouTube and TikTok take video only. */
  mediaKinds: ReadonlyArray<"image" | "video">;
  maxMedia: number;
}

export interface TokenSet {
  accessToken: string;
  refreshToken: string | null;
  /** Null when the platform's token does not expire. */
  expiresAt: Date | null;
  scopes: string[];
}

export interface PlatformProfile {
  externalId: string;
  handle: string;
  displayName: string;
}

export interface PublishMedia {
  kind: "image" | "video";
  contentType: string;
  bytes: number;
  /** A short-lived signed URL the platform (or the provider) fetches the file from. */
  url: string;
}

export interface PublishRequest {
  text: string;
  media: PublishMedia[];
  /** Stable for the target and attempt: sent where the platform takes an idempotency key. */
  idempotencyKey: string;
}

export interface PublishedPost {
  externalId: string;
  url: string;
}

export interface InboxItem {
  externalId: string;
  kind: "message" | "comment";
  /** For comments: the platform's id of the post commented on. */
  parentExternalId: string | null;
  authorName: string;
  authorHandle: string | null;
  text: string;
  receivedAt: Date;
}

export interface InboxPage {
  items: InboxItem[];
  /** Where the next fetch continues (null: from the start again next time, deduplicated by id). */
  cursor: string | null;
}

/**
 * Why a platform call failed, in the terms the publishing job acts on:
 * - `rate_limited` and `unavailable` (429, 5xx, network) are retried with backoff, after
 *   `retryAfterMs` when the platform said (Retry-After, x-rate-limit-reset);
 * - `rejected` (any other 4xx) fails the target at once with the platform's own message;
 * - `unauthorized` (401, invalid_grant) marks the account `needs_reconnect`.
 */
export class PlatformError extends Error {
  readonly platform: PlatformId;
  readonly kind: "rate_limited" | "unavailable" | "rejected" | "unauthorized";
  readonly status: number | null;
  readonly retryAfterMs: number | null;

  constructor(
    platform: PlatformId,
    kind: PlatformError["kind"],
    message: string,
    status: number | null = null,
    retryAfterMs: number | null = null,
  ) {
    super(message);
    this.name = "PlatformError";
    this.platform = platform;
    this.kind = kind;
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }

  get retryable(): boolean {
    return this.kind === "rate_limited" || this.kind === "unavailable";
  }
}

export interface SocialPlatform {
  readonly id: PlatformId;
  readonly name: string;
  readonly rules: PlatformRules;
  /** Whether authorize uses PKCE (S256); when false `codeVerifier` is ignored. */
  readonly pkce: boolean;

  /** The page the person approves Glow on. */
  authorizeUrl(input: { state: string; codeVerifier: string; redirectUri: string }): URL;
  /** Exchanges the code from the redirect for tokens. */
  exchangeCode(input: { code: string; codeVerifier: string; redirectUri: string }): Promise<TokenSet>;
  /** A fresh token set from a refresh token; PlatformError("unauthorized") when the platform refuses it. */
  refresh(refreshToken: string): Promise<TokenSet>;
  /** Who the token belongs to. */
  profile(accessToken: string): Promise<PlatformProfile>;

  publish(accessToken: string, account: PlatformProfile, request: PublishRequest): Promise<PublishedPost>;
  /**
   * After a crash mid-publish: the post that attempt made, if the platform has it — looked up
   * by the idempotency key where the platform keeps one, otherwise among the account's posts
   * since the attempt started, by the same text.
   */
  findPublished(
    accessToken: string,
    account: PlatformProfile,
    attempt: { idempotencyKey: string; text: string; since: Date },
  ): Promise<PublishedPost | null>;

  /** Messages and comments since `cursor`. */
  fetchInbox(accessToken: string, account: PlatformProfile, cursor: string | null): Promise<InboxPage>;
  reply(
    accessToken: string,
    account: PlatformProfile,
    item: Pick<InboxItem, "externalId" | "kind" | "parentExternalId">,
    text: string,
  ): Promise<{ externalId: string }>;
}
