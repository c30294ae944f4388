// The local sandbox platform: what the embedded default connects to when no real platform's
// credentials are configured, so a newcomer can connect an account, publish and see messages
// arrive with no network at all. Its OAuth codes and tokens are HMAC-signed strings it checks
// itself (no database); what is published and replied lives in this process's memory; the
// inbox is generated from the clock, the same for every instance that shares the secret.
import { createHash, createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { pkceChallenge } from "../../../core/pkce.ts";
import { PlatformError } from "./types.ts";
import type {
  InboxItem,
  InboxPage,
  PlatformProfile,
  PlatformRules,
  PublishedPost,
  PublishRequest,
  SocialPlatform,
  TokenSet,
} from "./types.ts";

/** Where the server serves the sandbox's consent page and its posts. */
export const SANDBOX_AUTHORIZE_PATH = "/publish/sandbox/authorize";
export const SANDBOX_POSTS_PATH = "/publish/sandbox/posts/";

const ACCESS_TOKEN_MS = 60 * 60 * 1000;
const REFRESH_TOKEN_MS = 90 * 24 * 60 * 60 * 1000;
const CODE_MS = 5 * 60 * 1000;
/** A direct message arrives this often on every sandbox account. */
export const SANDBOX_MESSAGE_INTERVAL_MS = 3 * 60 * 1000;
/** A comment arrives this long after each post. */
export const SANDBOX_COMMENT_DELAY_MS = 5 * 1000;
/** The first sync of an account shows this many earlier messages, so the inbox is not empty. */
const FIRST_SYNC_MESSAGES = 3;
const PAGE_SIZE = 50;

const SCOPES = ["publish", "inbox"];

const PEOPLE = [
  { name: "Maya Lindqvist", handle: "maya.makes" },
  { name: "Tomás Rivera", handle: "tomas_r" },
  { name: "Aiko Tanaka", handle: "aiko.t" },
  { name: "Jordan Blake", handle: "jblake" },
  { name: "Priya Natarajan", handle: "priya.n" },
  { name: "Sam Okafor", handle: "samokafor" },
];
const MESSAGES = [
  "Hi! Do you do collaborations with small brands?",
  "Loved your last post, where did you shoot it?",
  "Quick question: is the workshop still on next week?",
  "Thanks for the tips, they really helped me.",
  "Can I share your post in our newsletter?",
  "What camera do you use?",
];
const COMMENTS = ["This is great 🙌", "So helpful, thank you!", "Saving this for later.", "Love it!", "Where can I learn more?"];

type TokenKind = "code" | "access" | "refresh";

interface Signed {
  kind: TokenKind;
  /** The account's profile, carried by every code and token (the sandbox keeps no accounts). */
  profile: PlatformProfile;
  exp: number;
  /** Codes only: the PKCE challenge and the redirect they were issued for. */
  challenge?: string;
  redirectUri?: string;
  nonce: string;
}

interface SandboxPost {
  id: string;
  accountId: string;
  text: string;
  mediaCount: number;
  idempotencyKey: string;
  at: Date;
}

export interface SandboxOptions {
  /** The server's public URL: the consent page and post pages are served there. */
  publicUrl: string;
  /** Signs codes and tokens: the same on every instance, stable across restarts, or sandbox accounts must reconnect. */
  secret: string | Buffer;
  /** Milliseconds since the epoch (tests move it). */
  now?: () => number;
}

/** A stable external id for a handle: connecting the same handle again finds the same account. */
export function sandboxAccountId(handle: string): string {
  return `sbx_${createHash("sha256").update(handle.toLowerCase()).digest("hex").slice(0, 16)}`;
}

/** A small deterministic number from a string (picks senders and texts). */
function seedOf(value: string): number {
  return createHash("sha256").update(value).digest().readUInt32BE(0);
}

export class SandboxPlatform implements SocialPlatform {
  readonly id = "sandbox" as const;
  readonly name = "Glow Sandbox";
  readonly rules: PlatformRules = { maxLength: 5000, requiresMedia: false, mediaKinds: ["image", "video"], maxMedia: 10 };
  readonly pkce = true;

  readonly #publicUrl: string;
  readonly #secret: Buffer;
  readonly #now: () => number;
  readonly #posts = new Map<string, SandboxPost>();
  readonly #byIdempotencyKey = new Map<string, string>();
  readonly #usedCodes = new Set<string>();
  /** What was replied through the sandbox, in order (the post page and tests read it). */
  readonly replies: Array<{ accountId: string; inReplyTo: string; kind: "message" | "comment"; text: string; at: Date }> = [];

  constructor(options: SandboxOptions) {
    this.#publicUrl = options.publicUrl.replace(/\/$/, "");
    this.#secret = createHmac("sha256", options.secret).update("glow-sandbox-platform").digest();
    this.#now = options.now ?? Date.now;
  }

  #sign(payload: Omit<Signed, "nonce">): string {
    const body = Buffer.from(JSON.stringify({ ...payload, nonce: randomUUID() })).toString("base64url");
    const mac = createHmac("sha256", this.#secret).update(`${payload.kind}.${body}`).digest("base64url");
    return `sbx_${payload.kind}.${body}.${mac}`;
  }

  /** The payload of a code or token of `kind` this sandbox signed, or a PlatformError("unauthorized"). */
  #verify(value: string, kind: TokenKind): Signed {
    const refused = (message: string) => new PlatformError("sandbox", kind === "code" ? "rejected" : "unauthorized", message, 401);
    const [prefix, body, mac] = value.split(".");
    if (prefix !== `sbx_${kind}` || !body || !mac)
      throw refused(`Not a sandbox ${kind === "code" ? "authorization code" : `${kind} token`}`);
    const expected = createHmac("sha256", this.#secret).update(`${kind}.${body}`).digest();
    const given = Buffer.from(mac, "base64url");
    if (given.length !== expected.length || !timingSafeEqual(given, expected))
      throw refused(`The ${kind} token's signature is not the sandbox's`);
    const payload = JSON.parse(Buffer.from(body, "base64url").toString("utf8")) as Signed;
    if (payload.exp <= this.#now()) throw refused(kind === "code" ? "The authorization code has expired" : `The ${kind} token has expired`);
    return payload;
  }

  #tokens(profile: PlatformProfile): TokenSet {
    const now = this.#now();
    return {
      accessToken: this.#sign({ kind: "access", profile, exp: now + ACCESS_TOKEN_MS }),
      refreshToken: this.#sign({ kind: "refresh", profile, exp: now + REFRESH_TOKEN_MS }),
      expiresAt: new Date(now + ACCESS_TOKEN_MS),
      scopes: SCOPES,
    };
  }

  /** Valid tokens for an account without the consent page (the demo workspace's sample accounts). */
  mintTokens(profile: PlatformProfile): TokenSet {
    return this.#tokens(profile);
  }

  authorizeUrl(input: { state: string; codeVerifier: string; redirectUri: string }): URL {
    const url = new URL(`${this.#publicUrl}${SANDBOX_AUTHORIZE_PATH}`);
    url.searchParams.set("response_type", "code");
    url.searchParams.set("client_id", "glow");
    url.searchParams.set("redirect_uri", input.redirectUri);
    url.searchParams.set("state", input.state);
    url.searchParams.set("scope", SCOPES.join(" "));
    url.searchParams.set("code_challenge", pkceChallenge(input.codeVerifier));
    url.searchParams.set("code_challenge_method", "S256");
    return url;
  }

  /**
   * The consent page's answer: where the browser goes next — the redirect URI with a code and
   * the state when allowed, with `error=access_denied` when denied. Null when the request is
   * not one the sandbox's authorize URL makes (the page then says so instead of redirecting).
   */
  consent(query: URLSearchParams, decision: { allow: boolean; handle?: string | undefined }): URL | null {
    const redirectUri = query.get("redirect_uri");
    const state = query.get("state");
    const challenge = query.get("code_challenge");
    if (!redirectUri || !state || !challenge || query.get("code_challenge_method") !== "S256") return null;
    let target: URL;
    try {
      target = new URL(redirectUri);
    } catch {
      return null;
    }
    if (target.protocol !== "http:" && target.protocol !== "https:") return null;
    target.searchParams.set("state", state);
    if (!decision.allow) {
      target.searchParams.set("error", "access_denied");
      return target;
    }
    const handle = (decision.handle ?? "").trim().replace(/^@/, "") || "sandbox_creator";
    const profile: PlatformProfile = { externalId: sandboxAccountId(handle), handle, displayName: `${handle} (Sandbox)` };
    target.searchParams.set("code", this.#sign({ kind: "code", profile, exp: this.#now() + CODE_MS, challenge, redirectUri }));
    return target;
  }

  async exchangeCode(input: { code: string; codeVerifier: string; redirectUri: string }): Promise<TokenSet> {
    const code = this.#verify(input.code, "code");
    if (this.#usedCodes.has(input.code)) throw new PlatformError("sandbox", "rejected", "The authorization code was already used", 400);
    if (code.redirectUri !== input.redirectUri)
      throw new PlatformError("sandbox", "rejected", "redirect_uri does not match the authorize request", 400);
    if (pkceChallenge(input.codeVerifier) !== code.challenge)
      throw new PlatformError("sandbox", "rejected", "The PKCE code verifier does not match the challenge", 400);
    this.#usedCodes.add(input.code);
    return this.#tokens(code.profile);
  }

  async refresh(refreshToken: string): Promise<TokenSet> {
    return this.#tokens(this.#verify(refreshToken, "refresh").profile);
  }

  async profile(accessToken: string): Promise<PlatformProfile> {
    return this.#verify(accessToken, "access").profile;
  }

  #account(accessToken: string, account: PlatformProfile): PlatformProfile {
    const owner = this.#verify(accessToken, "access").profile;
    if (owner.externalId !== account.externalId)
      throw new PlatformError("sandbox", "unauthorized", "The token belongs to another sandbox account", 401);
    return owner;
  }

  #published(post: SandboxPost): PublishedPost {
    return { externalId: post.id, url: `${this.#publicUrl}${SANDBOX_POSTS_PATH}${post.id}` };
  }

  async publish(accessToken: string, account: PlatformProfile, request: PublishRequest): Promise<PublishedPost> {
    this.#account(accessToken, account);
    if (request.text.length > this.rules.maxLength)
      throw new PlatformError("sandbox", "rejected", `Text is longer than ${this.rules.maxLength} characters`, 400);
    // The sandbox keeps idempotency keys: the same key publishes once.
    const earlier = this.#byIdempotencyKey.get(request.idempotencyKey);
    if (earlier) return this.#published(this.#posts.get(earlier)!);
    const post: SandboxPost = {
      id: `sbxp_${randomUUID().replaceAll("-", "").slice(0, 20)}`,
      accountId: account.externalId,
      text: request.text,
      mediaCount: request.media.length,
      idempotencyKey: request.idempotencyKey,
      at: new Date(this.#now()),
    };
    this.#posts.set(post.id, post);
    this.#byIdempotencyKey.set(request.idempotencyKey, post.id);
    return this.#published(post);
  }

  async findPublished(
    accessToken: string,
    account: PlatformProfile,
    attempt: { idempotencyKey: string; text: string; since: Date },
  ): Promise<PublishedPost | null> {
    this.#account(accessToken, account);
    const id = this.#byIdempotencyKey.get(attempt.idempotencyKey);
    return id ? this.#published(this.#posts.get(id)!) : null;
  }

  /** A post published here, for its page. */
  post(id: string): (SandboxPost & { url: string }) | null {
    const post = this.#posts.get(id);
    return post ? { ...post, url: this.#published(post).url } : null;
  }

  /** Everything published through this sandbox, oldest first. */
  posts(): SandboxPost[] {
    return [...this.#posts.values()];
  }

  /**
   * The account's messages and comments after `cursor` (an instant in ms): a direct message
   * every few minutes (senders and words picked by the account and the slot, so every instance
   * generates the same ones) and a comment a few seconds after each of its posts.
   */
  async fetchInbox(accessToken: string, account: PlatformProfile, cursor: string | null): Promise<InboxPage> {
    this.#account(accessToken, account);
    const now = this.#now();
    const parsed = cursor === null ? Number.NaN : Number(cursor);
    const after = Number.isFinite(parsed)
      ? parsed
      : Math.floor(now / SANDBOX_MESSAGE_INTERVAL_MS - FIRST_SYNC_MESSAGES) * SANDBOX_MESSAGE_INTERVAL_MS;
    const items: InboxItem[] = [];
    for (let slot = Math.floor(after / SANDBOX_MESSAGE_INTERVAL_MS) + 1; slot * SANDBOX_MESSAGE_INTERVAL_MS <= now; slot += 1) {
      if (items.length >= PAGE_SIZE) break;
      const seed = seedOf(`${account.externalId}:${slot}`);
      const person = PEOPLE[seed % PEOPLE.length]!;
      items.push({
        externalId: `sbxm_${account.externalId}_${slot}`,
        kind: "message",
        parentExternalId: null,
        authorName: person.name,
        authorHandle: person.handle,
        text: MESSAGES[(seed >>> 8) % MESSAGES.length]!,
        receivedAt: new Date(slot * SANDBOX_MESSAGE_INTERVAL_MS),
      });
    }
    for (const post of this.#posts.values()) {
      const at = post.at.getTime() + SANDBOX_COMMENT_DELAY_MS;
      if (post.accountId !== account.externalId || at <= after || at > now) continue;
      const seed = seedOf(post.id);
      const person = PEOPLE[seed % PEOPLE.length]!;
      items.push({
        externalId: `sbxc_${post.id}_1`,
        kind: "comment",
        parentExternalId: post.id,
        authorName: person.name,
        authorHandle: person.handle,
        text: COMMENTS[(seed >>> 8) % COMMENTS.length]!,
        receivedAt: new Date(at),
      });
    }
    items.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
    const kept = items.slice(0, PAGE_SIZE);
    const newest = kept.at(-1)?.receivedAt.getTime();
    // A full page continues from its newest item; otherwise everything up to now has been seen.
    return { items: kept, cursor: String(kept.length === PAGE_SIZE && newest !== undefined ? newest : Math.max(after, now)) };
  }

  async reply(
    accessToken: string,
    account: PlatformProfile,
    item: Pick<InboxItem, "externalId" | "kind" | "parentExternalId">,
    text: string,
  ): Promise<{ externalId: string }> {
    this.#account(accessToken, account);
    if (!text.trim()) throw new PlatformError("sandbox", "rejected", "A reply needs some text", 400);
    this.replies.push({ accountId: account.externalId, inReplyTo: item.externalId, kind: item.kind, text, at: new Date(this.#now()) });
    return { externalId: `sbxr_${randomUUID().replaceAll("-", "").slice(0, 20)}` };
  }
}
