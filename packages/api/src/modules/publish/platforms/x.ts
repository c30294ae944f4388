// X (formerly Twitter) through API v2: OAuth 2.0 with PKCE, posts, chunked media upload,
// direct messages and mentions. X keeps no idempotency key for posts, so a lost answer is
// found again among the account's recent posts by its text.
import { pkceChallenge } from "../../../core/pkce.ts";
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

const SCOPES = ["tweet.read", "tweet.write", "users.read", "offline.access", "dm.read", "dm.write", "media.write"];
/** X takes appended media in segments of at most 5 MB. */
const SEGMENT_BYTES = 4 * 1024 * 1024;

/** X's problem body: `{ title, detail, type, status }`, with `errors[]` on validation failures. */
interface XProblem {
  title?: string;
  detail?: string;
  errors?: Array<{ message?: string }>;
  error?: string;
  error_description?: string;
}

const dialect: ErrorDialect = {
  messageOf(body) {
    if (!body || typeof body !== "object") return typeof body === "string" && body ? body : undefined;
    const problem = body as XProblem;
    const details = (problem.errors ?? []).map((error) => error.message).filter(Boolean);
    const first = problem.detail ?? problem.error_description ?? problem.title ?? problem.error;
    return [first, ...details.filter((detail) => detail !== first)].filter(Boolean).join(" ") || undefined;
  },
  // X says when the 15-minute window resets, as epoch seconds.
  retryAfterMs(headers) {
    const reset = Number(headers.get("x-rate-limit-reset"));
    return Number.isFinite(reset) && reset > 0 ? Math.max(0, reset * 1000 - Date.now()) : null;
  },
};

interface XUser {
  id: string;
  name: string;
  username: string;
}

interface XPage<T> {
  data?: T[];
  includes?: { users?: XUser[] };
  meta?: { result_count?: number; next_token?: string };
}

interface XTweet {
  id: string;
  text: string;
  created_at?: string;
  author_id?: string;
  conversation_id?: string;
  referenced_tweets?: Array<{ type: string; id: string }>;
}

interface XDmEvent {
  id: string;
  event_type: string;
  text?: string;
  sender_id?: string;
  created_at?: string;
  dm_conversation_id?: string;
}

interface XTokenAnswer {
  access_token: string;
  refresh_token?: string;
  expires_in?: number;
  scope?: string;
}

interface XInboxCursor {
  dm: string | null;
  mentions: string | null;
  dmDone: boolean;
  mentionsDone: boolean;
}

export class XPlatform implements SocialPlatform {
  readonly id = "x" as const;
  readonly name = "X";
  readonly rules: PlatformRules = { maxLength: 280, requiresMedia: false, mediaKinds: ["image", "video"], maxMedia: 4 };
  readonly pkce = true;

  readonly #credentials: PlatformCredentials;
  readonly #api: string;
  readonly #auth: string;
  readonly #pageSize: number;

  constructor(credentials: PlatformCredentials, options: { inboxPageSize?: number } = {}) {
    this.#credentials = credentials;
    this.#api = (credentials.apiBaseUrl ?? "https://api.x.com").replace(/\/+$/, "");
    this.#auth = (credentials.authBaseUrl ?? "https://twitter.com").replace(/\/+$/, "");
    this.#pageSize = options.inboxPageSize ?? 100;
  }

  authorizeUrl(input: { state: string; codeVerifier: string; redirectUri: string }): URL {
    const url = new URL(`${this.#auth}/i/oauth2/authorize`);
    url.search = new URLSearchParams({
      response_type: "code",
      client_id: this.#credentials.clientId,
      redirect_uri: input.redirectUri,
      scope: SCOPES.join(" "),
      state: input.state,
      code_challenge: pkceChallenge(input.codeVerifier),
      code_challenge_method: "S256",
    }).toString();
    return url;
  }

  exchangeCode(input: { code: string; codeVerifier: string; redirectUri: string }): Promise<TokenSet> {
    return this.#token({
      grant_type: "authorization_code",
      code: input.code,
      redirect_uri: input.redirectUri,
      code_verifier: input.codeVerifier,
    });
  }

  refresh(refreshToken: string): Promise<TokenSet> {
    // X answers a spent or revoked refresh token with 400 invalid_request: the person must connect again.
    return refusedRefreshMeansReconnect("x", () => this.#token({ grant_type: "refresh_token", refresh_token: refreshToken }));
  }

  async profile(accessToken: string): Promise<PlatformProfile> {
    const { body } = await this.#call<{ data: XUser }>({ url: `${this.#api}/2/users/me`, accessToken });
    return { externalId: body.data.id, handle: body.data.username, displayName: body.data.name };
  }

  async publish(accessToken: string, account: PlatformProfile, request: PublishRequest): Promise<PublishedPost> {
    const mediaIds: string[] = [];
    for (const media of request.media) mediaIds.push(await this.#upload(accessToken, media));
    const { body } = await this.#call<{ data: { id: string } }>({
      method: "POST",
      url: `${this.#api}/2/tweets`,
      accessToken,
      json: { text: request.text, ...(mediaIds.length ? { media: { media_ids: mediaIds } } : {}) },
    });
    return { externalId: body.data.id, url: postUrl(account, body.data.id) };
  }

  async findPublished(
    accessToken: string,
    account: PlatformProfile,
    attempt: { idempotencyKey: string; text: string; since: Date },
  ): Promise<PublishedPost | null> {
    let next: string | undefined;
    do {
      const url = new URL(`${this.#api}/2/users/${encodeURIComponent(account.externalId)}/tweets`);
      url.search = new URLSearchParams({
        max_results: "100",
        // X takes second precision; a second earlier misses nothing and the text decides.
        start_time: new Date(Math.floor(attempt.since.getTime() / 1000) * 1000 - 1000).toISOString().replace(/\.\d{3}Z$/, "Z"),
        "tweet.fields": "created_at",
        ...(next ? { pagination_token: next } : {}),
      }).toString();
      const { body } = await this.#call<XPage<XTweet>>({ url, accessToken });
      const match = (body.data ?? []).find((tweet) => tweet.text === attempt.text);
      if (match) return { externalId: match.id, url: postUrl(account, match.id) };
      next = body.meta?.next_token;
    } while (next);
    return null;
  }

  /** A page of direct messages and a page of mentions, each with its own pagination token in the cursor. */
  async fetchInbox(accessToken: string, account: PlatformProfile, cursor: string | null): Promise<InboxPage> {
    const state = decodeCursor<XInboxCursor>(cursor, { dm: null, mentions: null, dmDone: false, mentionsDone: false });
    const items: InboxItem[] = [];
    const users = new Map<string, XUser>();
    if (!state.dmDone) {
      const url = new URL(`${this.#api}/2/dm_events`);
      url.search = new URLSearchParams({
        event_types: "MessageCreate",
        max_results: String(this.#pageSize),
        "dm_event.fields": "id,text,event_type,sender_id,created_at,dm_conversation_id",
        expansions: "sender_id",
        "user.fields": "username,name",
        ...(state.dm ? { pagination_token: state.dm } : {}),
      }).toString();
      const { body } = await this.#call<XPage<XDmEvent>>({ url, accessToken });
      for (const user of body.includes?.users ?? []) users.set(user.id, user);
      for (const event of body.data ?? []) {
        if (event.event_type !== "MessageCreate" || event.sender_id === account.externalId) continue; // our own side of the conversation
        const author = users.get(event.sender_id ?? "");
        items.push({
          externalId: event.id,
          kind: "message",
          parentExternalId: event.dm_conversation_id ?? null, // where a reply goes
          authorName: author?.name ?? event.sender_id ?? "",
          authorHandle: author?.username ?? null,
          text: event.text ?? "",
          receivedAt: new Date(event.created_at ?? Date.now()),
        });
      }
      state.dm = body.meta?.next_token ?? null;
      state.dmDone = !state.dm;
    }
    if (!state.mentionsDone) {
      const url = new URL(`${this.#api}/2/users/${encodeURIComponent(account.externalId)}/mentions`);
      url.search = new URLSearchParams({
        max_results: String(Math.max(5, this.#pageSize)), // X's minimum for mentions
        "tweet.fields": "created_at,author_id,conversation_id,referenced_tweets",
        expansions: "author_id",
        "user.fields": "username,name",
        ...(state.mentions ? { pagination_token: state.mentions } : {}),
      }).toString();
      const { body } = await this.#call<XPage<XTweet>>({ url, accessToken });
      for (const user of body.includes?.users ?? []) users.set(user.id, user);
      for (const tweet of body.data ?? []) {
        const author = users.get(tweet.author_id ?? "");
        const repliedTo = tweet.referenced_tweets?.find((reference) => reference.type === "replied_to")?.id;
        items.push({
          externalId: tweet.id,
          kind: "comment",
          parentExternalId: repliedTo ?? tweet.conversation_id ?? null,
          authorName: author?.name ?? tweet.author_id ?? "",
          authorHandle: author?.username ?? null,
          text: tweet.text,
          receivedAt: new Date(tweet.created_at ?? Date.now()),
        });
      }
      state.mentions = body.meta?.next_token ?? null;
      state.mentionsDone = !state.mentions;
    }
    return { items, cursor: state.dmDone && state.mentionsDone ? null : encodeCursor(state) };
  }

  async reply(
    accessToken: string,
    _account: PlatformProfile,
    item: Pick<InboxItem, "externalId" | "kind" | "parentExternalId">,
    text: string,
  ): Promise<{ externalId: string }> {
    if (item.kind === "message") {
      if (!item.parentExternalId) throw new PlatformError("x", "rejected", "This message has no conversation to answer in.");
      const { body } = await this.#call<{ data: { dm_event_id: string } }>({
        method: "POST",
        url: `${this.#api}/2/dm_conversations/${encodeURIComponent(item.parentExternalId)}/messages`,
        accessToken,
        json: { text },
      });
      return { externalId: body.data.dm_event_id };
    }
    const { body } = await this.#call<{ data: { id: string } }>({
      method: "POST",
      url: `${this.#api}/2/tweets`,
      accessToken,
      json: { text, reply: { in_reply_to_tweet_id: item.externalId } },
    });
    return { externalId: body.data.id };
  }

  /** INITIALIZE, APPEND in segments, FINALIZE, then wait while X processes a video. */
  async #upload(accessToken: string, media: PublishMedia): Promise<string> {
    const bytes = await downloadMedia("x", media.url);
    const { body: init } = await this.#call<{ data: { id: string } }>({
      method: "POST",
      url: `${this.#api}/2/media/upload/initialize`,
      accessToken,
      json: {
        media_type: media.contentType,
        total_bytes: bytes.length,
        media_category: media.kind === "video" ? "tweet_video" : "tweet_image",
      },
    });
    const mediaId = init.data.id;
    for (let offset = 0, segment = 0; offset < bytes.length; offset += SEGMENT_BYTES, segment++) {
      const form = new FormData();
      form.set("segment_index", String(segment));
      form.set(
        "media",
        new Blob([new Uint8Array(bytes.subarray(offset, offset + SEGMENT_BYTES))], { type: "application/octet-stream" }),
        "media",
      );
      await this.#call({ method: "POST", url: `${this.#api}/2/media/upload/${mediaId}/append`, accessToken, body: form });
    }
    const { body: finalized } = await this.#call<{ data: MediaState }>({
      method: "POST",
      url: `${this.#api}/2/media/upload/${mediaId}/finalize`,
      accessToken,
    });
    let processing = finalized.data.processing_info;
    for (let polls = 0; processing && processing.state !== "succeeded"; polls++) {
      if (processing.state === "failed" || polls > 60) {
        throw new PlatformError("x", "rejected", processing.error?.message ?? "X could not process the media file.");
      }
      await new Promise((resolve) => setTimeout(resolve, (processing?.check_after_secs ?? 1) * 1000));
      const url = new URL(`${this.#api}/2/media/upload`);
      url.search = new URLSearchParams({ command: "STATUS", media_id: mediaId }).toString();
      const { body: status } = await this.#call<{ data: MediaState }>({ url, accessToken });
      processing = status.data.processing_info;
    }
    return mediaId;
  }

  async #token(params: Record<string, string>): Promise<TokenSet> {
    // A confidential client authenticates with HTTP Basic; client_id in the body as well, as X's docs show.
    const basic = Buffer.from(`${this.#credentials.clientId}:${this.#credentials.clientSecret}`).toString("base64");
    const { body } = await this.#call<XTokenAnswer>({
      method: "POST",
      url: `${this.#api}/2/oauth2/token`,
      headers: { authorization: `Basic ${basic}` },
      form: { ...params, client_id: this.#credentials.clientId },
    });
    return {
      accessToken: body.access_token,
      refreshToken: body.refresh_token ?? null,
      expiresAt: body.expires_in ? new Date(Date.now() + body.expires_in * 1000) : null,
      scopes: (body.scope ?? "").split(" ").filter(Boolean),
    };
  }

  #call<T>(call: PlatformCall) {
    return callPlatform<T>("x", dialect, call);
  }
}

interface MediaState {
  id?: string;
  processing_info?: { state: "pending" | "in_progress" | "succeeded" | "failed"; check_after_secs?: number; error?: { message?: string } };
}

const postUrl = (account: PlatformProfile, id: string): string => `https://x.com/${account.handle}/status/${id}`;
