// LinkedIn, posting as the member who connects: OAuth 2.0 (no PKCE for web apps), OpenID
// userinfo, the versioned Posts, Images and Videos APIs, and comments through socialActions.
// LinkedIn's messaging API is closed to apps like Glow, so the inbox holds comments only, and
// posts take no idempotency key, so a lost answer is found among recent posts by its text.
import {
  callPlatform,
  decodeCursor,
  downloadMedia,
  encodeCursor,
  refusedRefreshMeansReconnect,
  type ErrorDialect,
  type PlatformCall,
} from "./http.ts";
import { PlatformError } from "./types.ts";
import type {
  InboxItem,
  InboxPage,
  PlatformCredentials,
  PlatformProfile,
  PlatformRules,
  PublishedPost,
  PublishMedia,
  PublishRequest,
  SocialPlatform,
  TokenSet,
} from "./types.ts";

/** The monthly version of LinkedIn's REST API this code was written against (YYYYMM). */
export const LINKEDIN_VERSION = "202505";
const SCOPES = ["openid", "profile", "email", "w_member_social"];
/** How many recent posts the inbox reads comments on. */
const RECENT_POSTS = 10;

const dialect: ErrorDialect = {
  // REST errors are `{ status, serviceErrorCode, code, message }`; the OAuth endpoints use `error_description`.
  messageOf(body) {
    if (!body || typeof body !== "object") return typeof body === "string" && body ? body : undefined;
    const error = body as { message?: string; error_description?: string; error?: string };
    return error.message ?? error.error_description ?? error.error;
  },
  // LinkedIn sends no reset header; its application and member limits are daily and reset at midnight UTC.
  retryAfterMs() {
    const now = new Date();
    return Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1) - now.getTime();
  },
};

interface LinkedInPost {
  id: string;
  commentary?: string;
  createdAt?: number;
}

interface LinkedInComment {
  id: string;
  commentUrn?: string;
  actor: string;
  message?: { text?: string };
  created?: { time?: number };
  object?: string;
}

interface Collection<T> {
  elements: T[];
  paging?: { start?: number; count?: number; total?: number };
}

interface InboxCursor {
  /** The post whose comments are being read, and how far. */
  post: string | null;
  start: number;
}

export class LinkedInPlatform implements SocialPlatform {
  readonly id = "linkedin" as const;
  readonly name = "LinkedIn";
  readonly rules: PlatformRules = { maxLength: 3000, requiresMedia: false, mediaKinds: ["image", "video"], maxMedia: 20 };
  readonly pkce = false;

  readonly #credentials: PlatformCredentials;
  readonly #api: string;
  readonly #auth: string;
  readonly #pageSize: number;

  constructor(credentials: PlatformCredentials, options: { inboxPageSize?: number } = {}) {
    this.#credentials = credentials;
    this.#api = (credentials.apiBaseUrl ?? "https://api.linkedin.com").replace(/\/+$/, "");
    this.#auth = (credentials.authBaseUrl ?? "https://www.linkedin.com").replace(/\/+$/, "");
    this.#pageSize = options.inboxPageSize ?? 50;
  }

  authorizeUrl(input: { state: string; codeVerifier: string; redirectUri: string }): URL {
    const url = new URL(`${this.#auth}/oauth/v2/authorization`);
    url.search = new URLSearchParams({
      response_type: "code",
      client_id: this.#credentials.clientId,
      redirect_uri: input.redirectUri,
      state: input.state,
      scope: SCOPES.join(" "),
    }).toString();
    return url;
  }

  exchangeCode(input: { code: string; codeVerifier: string; redirectUri: string }): Promise<TokenSet> {
    return this.#token({ grant_type: "authorization_code", code: input.code, redirect_uri: input.redirectUri });
  }

  refresh(refreshToken: string): Promise<TokenSet> {
    // A refused refresh token (expired after a year, or revoked) cannot come back: the member must connect again.
    return refusedRefreshMeansReconnect("linkedin", () => this.#token({ grant_type: "refresh_token", refresh_token: refreshToken }));
  }

  async profile(accessToken: string): Promise<PlatformProfile> {
    const { body } = await this.#call<{ sub: string; name?: string; email?: string }>({ url: `${this.#api}/v2/userinfo`, accessToken });
    const name = body.name ?? body.sub;
    // LinkedIn shows members by name; the email is the handle a person recognises as theirs.
    return { externalId: body.sub, handle: body.email ?? name, displayName: name };
  }

  async publish(accessToken: string, account: PlatformProfile, request: PublishRequest): Promise<PublishedPost> {
    const author = personUrn(account);
    const kinds = new Set(request.media.map((media) => media.kind));
    if (kinds.size > 1 || (kinds.has("video") && request.media.length > 1)) {
      throw new PlatformError("linkedin", "rejected", "A LinkedIn post takes either images or one video.");
    }
    const mediaUrns: string[] = [];
    for (const media of request.media) mediaUrns.push(await this.#upload(accessToken, author, media));
    const content =
      mediaUrns.length === 0
        ? {}
        : mediaUrns.length === 1
          ? { content: { media: { id: mediaUrns[0] } } }
          : { content: { multiImage: { images: mediaUrns.map((id) => ({ id })) } } };
    const { headers } = await this.#call({
      method: "POST",
      url: `${this.#api}/rest/posts`,
      accessToken,
      json: {
        author,
        commentary: escapeCommentary(request.text),
        visibility: "PUBLIC",
        distribution: { feedDistribution: "MAIN_FEED", targetEntities: [], thirdPartyDistributionChannels: [] },
        lifecycleState: "PUBLISHED",
        isReshareDisabledByAuthor: false,
        ...content,
      },
    });
    const urn = headers.get("x-restli-id");
    if (!urn) throw new PlatformError("linkedin", "unavailable", "LinkedIn created the post but did not say its id.");
    return { externalId: urn, url: postUrl(urn) };
  }

  async findPublished(
    accessToken: string,
    account: PlatformProfile,
    attempt: { idempotencyKey: string; text: string; since: Date },
  ): Promise<PublishedPost | null> {
    const commentary = escapeCommentary(attempt.text);
    for (let start = 0; ; start += 50) {
      const page = await this.#recentPosts(accessToken, account, start, 50);
      const match = page.elements.find(
        (post) => post.commentary === commentary && (post.createdAt ?? Infinity) >= attempt.since.getTime() - 1000,
      );
      if (match) return { externalId: match.id, url: postUrl(match.id) };
      // Newest first: once a page reaches before the attempt, nothing older can be it.
      const oldest = page.elements.at(-1)?.createdAt;
      if (page.elements.length < 50 || (oldest !== undefined && oldest < attempt.since.getTime())) return null;
    }
  }

  /** Comments on the member's recent posts, one post at a time, `start` along LinkedIn's paging. */
  async fetchInbox(accessToken: string, account: PlatformProfile, cursor: string | null): Promise<InboxPage> {
    const state = decodeCursor<InboxCursor>(cursor, { post: null, start: 0 });
    const posts = (await this.#recentPosts(accessToken, account, 0, RECENT_POSTS)).elements.map((post) => post.id);
    let index = state.post ? posts.indexOf(state.post) : 0;
    let start = index < 0 ? 0 : state.start;
    if (index < 0) index = 0; // the post fell out of the recent ones: start over, deduplicated by id
    for (; index < posts.length; index++, start = 0) {
      const post = posts[index]!;
      const url = new URL(`${this.#api}/rest/socialActions/${encodeURIComponent(post)}/comments`);
      url.search = new URLSearchParams({ start: String(start), count: String(this.#pageSize) }).toString();
      const { body } = await this.#call<Collection<LinkedInComment>>({ url, accessToken });
      const items = body.elements
        .filter((comment) => comment.actor !== personUrn(account))
        .map((comment): InboxItem => ({
          externalId: comment.commentUrn ?? `urn:li:comment:(${post},${comment.id})`,
          kind: "comment",
          parentExternalId: post,
          // Comments name their author by URN only; names need the People API, closed to apps like Glow.
          authorName: comment.actor,
          authorHandle: comment.actor,
          text: comment.message?.text ?? "",
          receivedAt: new Date(comment.created?.time ?? Date.now()),
        }));
      const read = start + body.elements.length;
      const more = body.elements.length > 0 && read < (body.paging?.total ?? read);
      if (more) return { items, cursor: encodeCursor({ post, start: read }) };
      const next = posts[index + 1];
      if (items.length > 0) return { items, cursor: next ? encodeCursor({ post: next, start: 0 }) : null };
    }
    return { items: [], cursor: null };
  }

  async reply(
    accessToken: string,
    account: PlatformProfile,
    item: Pick<InboxItem, "externalId" | "kind" | "parentExternalId">,
    text: string,
  ): Promise<{ externalId: string }> {
    if (item.kind !== "comment" || !item.parentExternalId)
      throw new PlatformError("linkedin", "rejected", "LinkedIn replies go to comments on a post.");
    const { body, headers } = await this.#call<{ commentUrn?: string; id?: string } | null>({
      method: "POST",
      url: `${this.#api}/rest/socialActions/${encodeURIComponent(item.externalId)}/comments`,
      accessToken,
      json: { actor: personUrn(account), object: item.parentExternalId, parentComment: item.externalId, message: { text } },
    });
    const externalId = body?.commentUrn ?? headers.get("x-restli-id") ?? body?.id;
    if (!externalId) throw new PlatformError("linkedin", "unavailable", "LinkedIn took the reply but did not say its id.");
    return { externalId };
  }

  #recentPosts(accessToken: string, account: PlatformProfile, start: number, count: number): Promise<Collection<LinkedInPost>> {
    const url = new URL(`${this.#api}/rest/posts`);
    url.search = new URLSearchParams({
      q: "author",
      author: personUrn(account),
      sortBy: "CREATED",
      start: String(start),
      count: String(count),
    }).toString();
    return this.#call<Collection<LinkedInPost>>({ url, accessToken, headers: { "x-restli-method": "FINDER" } }).then(
      (answer) => answer.body,
    );
  }

  /** Images: one PUT to the upload URL. Videos: PUT each part LinkedIn asks for, then finalize with the parts' ETags. */
  async #upload(accessToken: string, owner: string, media: PublishMedia): Promise<string> {
    const bytes = await downloadMedia("linkedin", media.url);
    if (media.kind === "image") {
      const { body } = await this.#call<{ value: { uploadUrl: string; image: string } }>({
        method: "POST",
        url: `${this.#api}/rest/images?action=initializeUpload`,
        accessToken,
        json: { initializeUploadRequest: { owner } },
      });
      await this.#call({
        method: "PUT",
        url: body.value.uploadUrl,
        accessToken,
        headers: { "content-type": media.contentType },
        body: new Uint8Array(bytes),
      });
      return body.value.image;
    }
    const { body } = await this.#call<{
      value: { video: string; uploadToken?: string; uploadInstructions: Array<{ uploadUrl: string; firstByte: number; lastByte: number }> };
    }>({
      method: "POST",
      url: `${this.#api}/rest/videos?action=initializeUpload`,
      accessToken,
      json: { initializeUploadRequest: { owner, fileSizeBytes: bytes.length, uploadCaptions: false, uploadThumbnail: false } },
    });
    const partIds: string[] = [];
    for (const part of body.value.uploadInstructions) {
      const { headers } = await this.#call({
        method: "PUT",
        url: part.uploadUrl,
        accessToken,
        headers: { "content-type": "application/octet-stream" },
        body: new Uint8Array(bytes.subarray(part.firstByte, part.lastByte + 1)),
      });
      partIds.push(headers.get("etag") ?? "");
    }
    await this.#call({
      method: "POST",
      url: `${this.#api}/rest/videos?action=finalizeUpload`,
      accessToken,
      json: { finalizeUploadRequest: { video: body.value.video, uploadToken: body.value.uploadToken ?? "", uploadedPartIds: partIds } },
    });
    return body.value.video;
  }

  async #token(params: Record<string, string>): Promise<TokenSet> {
    const { body } = await this.#call<{ access_token: string; expires_in?: number; refresh_token?: string; scope?: string }>({
      method: "POST",
      url: `${this.#auth}/oauth/v2/accessToken`,
      form: { ...params, client_id: this.#credentials.clientId, client_secret: this.#credentials.clientSecret },
    });
    return {
      accessToken: body.access_token,
      // Only LinkedIn's approved partners get refresh tokens; others reconnect when the 60 days run out.
      refreshToken: body.refresh_token ?? null,
      expiresAt: body.expires_in ? new Date(Date.now() + body.expires_in * 1000) : null,
      scopes: (body.scope ?? "").split(/[ ,]+/).filter(Boolean),
    };
  }

  #call<T>(call: PlatformCall) {
    const versioned = call.url.toString().startsWith(`${this.#api}/rest/`);
    const headers = versioned
      ? { "linkedin-version": LINKEDIN_VERSION, "x-restli-protocol-version": "2.0.0", ...call.headers }
      : call.headers;
    return callPlatform<T>("linkedin", dialect, { ...call, headers });
  }
}

const personUrn = (account: PlatformProfile): string => `urn:li:person:${account.externalId}`;
const postUrl = (urn: string): string => `https://www.linkedin.com/feed/update/${urn}/`;

/** The Posts API reads commentary as "little text": these characters must be escaped to appear as themselves. */
function escapeCommentary(text: string): string {
  return text.replace(/[\\|{}@[\]()<>#*_~]/g, (char) => `\\${char}`);
}
