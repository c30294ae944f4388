// TikTok through Login Kit v2 (with PKCE) and the Content Posting API's direct post: TikTok
// pulls the video from its signed URL (PULL_FROM_URL; the URL's domain must be verified in
// the TikTok developer portal) and Glow polls the publish status until the post exists.
// TikTok's public APIs give apps no comments or messages, so the inbox is always empty.
import { pkceChallenge } from "../../../core/pkce.ts";
import { callPlatform, refusedRefreshMeansReconnect, type ErrorDialect, type PlatformCall } from "./http.ts";
import { PlatformError } from "./types.ts";
import type {
  InboxItem,
  InboxPage,
  PlatformCredentials,
  PlatformProfile,
  PlatformRules,
  PublishedPost,
  PublishRequest,
  SocialPlatform,
  TokenSet,
} from "./types.ts";

const SCOPES = ["user.info.basic", "user.info.profile", "video.publish", "video.list"];

/** API answers carry `error: { code, message, log_id }`, "ok" on success; the OAuth endpoint says `error` and `error_description`. */
interface TikTokEnvelope {
  error?: { code?: string; message?: string } | string;
  error_description?: string;
}

const dialect: ErrorDialect = {
  messageOf(body) {
    if (!body || typeof body !== "object") return typeof body === "string" && body ? body : undefined;
    const { error, error_description } = body as TikTokEnvelope;
    if (typeof error === "string") return error_description ?? error;
    return error?.message || error?.code;
  },
  // TikTok's limits are per one-minute sliding window and it sends no reset header.
  retryAfterMs: () => 60_000,
  classify(status, body) {
    if (status < 200 || status >= 300) return null;
    const { error } = (body ?? {}) as TikTokEnvelope;
    if (typeof error === "string") return "rejected";
    if (error && error.code && error.code !== "ok") return error.code === "rate_limit_exceeded" ? "rate_limited" : "rejected";
    return "ok";
  },
};

interface TikTokTokenAnswer {
  access_token: string;
  refresh_token?: string;
  expires_in?: number;
  open_id?: string;
  scope?: string;
}

interface TikTokVideo {
  id: string;
  title?: string;
  video_description?: string;
  create_time?: number;
  share_url?: string;
}

interface PublishStatus {
  status: "PROCESSING_UPLOAD" | "PROCESSING_DOWNLOAD" | "SEND_TO_USER_INBOX" | "PUBLISH_COMPLETE" | "FAILED";
  fail_reason?: string;
  /** TikTok's spelling. Empty for a post that is not public. */
  publicaly_available_post_id?: Array<number | string>;
}

export interface TikTokOptions {
  /** How long to wait between publish status checks, and how many times. */
  statusPollMs?: number;
  statusPolls?: number;
}

export class TikTokPlatform implements SocialPlatform {
  readonly id = "tiktok" as const;
  readonly name = "TikTok";
  readonly rules: PlatformRules = { maxLength: 2200, requiresMedia: true, mediaKinds: ["video"], maxMedia: 1 };
  readonly pkce = true;

  readonly #credentials: PlatformCredentials;
  readonly #api: string;
  readonly #auth: string;
  readonly #pollMs: number;
  readonly #polls: number;

  constructor(credentials: PlatformCredentials, options: TikTokOptions = {}) {
    this.#credentials = credentials;
    this.#api = (credentials.apiBaseUrl ?? "https://open.tiktokapis.com").replace(/\/+$/, "");
    this.#auth = (credentials.authBaseUrl ?? "https://www.tiktok.com").replace(/\/+$/, "");
    this.#pollMs = options.statusPollMs ?? 3000;
    this.#polls = options.statusPolls ?? 40;
  }

  authorizeUrl(input: { state: string; codeVerifier: string; redirectUri: string }): URL {
    const url = new URL(`${this.#auth}/v2/auth/authorize/`);
    url.search = new URLSearchParams({
      client_key: this.#credentials.clientId,
      response_type: "code",
      scope: SCOPES.join(","),
      redirect_uri: input.redirectUri,
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
    // invalid_grant: the refresh token expired (a year) or the person revoked Glow.
    return refusedRefreshMeansReconnect("tiktok", () => this.#token({ grant_type: "refresh_token", refresh_token: refreshToken }));
  }

  async profile(accessToken: string): Promise<PlatformProfile> {
    const url = new URL(`${this.#api}/v2/user/info/`);
    url.searchParams.set("fields", "open_id,union_id,avatar_url,display_name,username");
    const { body } = await this.#call<{ data: { user: { open_id: string; display_name?: string; username?: string } } }>({
      url,
      accessToken,
    });
    const user = body.data.user;
    return {
      externalId: user.open_id,
      handle: user.username ?? user.open_id,
      displayName: user.display_name ?? user.username ?? user.open_id,
    };
  }

  async publish(accessToken: string, account: PlatformProfile, request: PublishRequest): Promise<PublishedPost> {
    const video = request.media[0];
    if (request.media.length !== 1 || video?.kind !== "video")
      throw new PlatformError("tiktok", "rejected", "A TikTok post is exactly one video.");
    // TikTok requires the privacy level to be one the creator may use now; unaudited apps may only post privately.
    const { body: creator } = await this.#call<{ data: { privacy_level_options?: string[] } }>({
      method: "POST",
      url: `${this.#api}/v2/post/publish/creator_info/query/`,
      accessToken,
      json: {},
    });
    const options = creator.data.privacy_level_options ?? [];
    const privacy = options.includes("PUBLIC_TO_EVERYONE") ? "PUBLIC_TO_EVERYONE" : (options[0] ?? "SELF_ONLY");
    const { body: init } = await this.#call<{ data: { publish_id: string } }>({
      method: "POST",
      url: `${this.#api}/v2/post/publish/video/init/`,
      accessToken,
      json: {
        post_info: { title: request.text, privacy_level: privacy, disable_duet: false, disable_comment: false, disable_stitch: false },
        source_info: { source: "PULL_FROM_URL", video_url: video.url },
      },
    });
    const publishId = init.data.publish_id;
    for (let poll = 0; poll < this.#polls; poll++) {
      const status = await this.#status(accessToken, publishId);
      if (!status) {
        // TikTok has the video already: a failed status check must not make the job post it again.
        await new Promise((resolve) => setTimeout(resolve, this.#pollMs));
        continue;
      }
      if (status.status === "FAILED")
        throw new PlatformError("tiktok", "rejected", `TikTok could not publish the video: ${status.fail_reason ?? "unknown reason"}`);
      if (status.status === "PUBLISH_COMPLETE") {
        const postId = status.publicaly_available_post_id?.[0];
        return postId === undefined
          ? { externalId: publishId, url: profileUrl(account) }
          : { externalId: String(postId), url: videoUrl(account, String(postId)) };
      }
      await new Promise((resolve) => setTimeout(resolve, this.#pollMs));
    }
    // TikTok has the video and will post it; calling init again would post it twice, so its publish id stands for the post.
    return { externalId: publishId, url: profileUrl(account) };
  }

  async findPublished(
    accessToken: string,
    account: PlatformProfile,
    attempt: { idempotencyKey: string; text: string; since: Date },
  ): Promise<PublishedPost | null> {
    let cursor: number | undefined;
    for (let page = 0; page < 10; page++) {
      const url = new URL(`${this.#api}/v2/video/list/`);
      url.searchParams.set("fields", "id,title,video_description,create_time,share_url");
      const { body } = await this.#call<{ data: { videos?: TikTokVideo[]; cursor?: number; has_more?: boolean } }>({
        method: "POST",
        url,
        accessToken,
        json: { max_count: 20, ...(cursor !== undefined ? { cursor } : {}) },
      });
      const videos = body.data.videos ?? [];
      const since = Math.floor(attempt.since.getTime() / 1000) - 1;
      const match = videos.find(
        (video) => (video.video_description ?? video.title) === attempt.text && (video.create_time ?? Infinity) >= since,
      );
      if (match) return { externalId: match.id, url: match.share_url ?? videoUrl(account, match.id) };
      // Newest first: a page that reaches before the attempt ends the search.
      if (!body.data.has_more || videos.some((video) => (video.create_time ?? Infinity) < since)) return null;
      cursor = body.data.cursor;
    }
    return null;
  }

  /** TikTok's Display and Content Posting APIs expose no comments or messages to apps (only the Research API does). */
  async fetchInbox(): Promise<InboxPage> {
    return { items: [], cursor: null };
  }

  async reply(
    _accessToken: string,
    _account: PlatformProfile,
    _item: Pick<InboxItem, "externalId" | "kind" | "parentExternalId">,
  ): Promise<{ externalId: string }> {
    throw new PlatformError("tiktok", "rejected", "TikTok does not let apps answer comments or messages.");
  }

  /** The publish's status, or null when TikTok could not say just now. */
  async #status(accessToken: string, publishId: string): Promise<PublishStatus | null> {
    try {
      const { body } = await this.#call<{ data: PublishStatus }>({
        method: "POST",
        url: `${this.#api}/v2/post/publish/status/fetch/`,
        accessToken,
        json: { publish_id: publishId },
      });
      return body.data;
    } catch (error) {
      if (error instanceof PlatformError && error.retryable) return null;
      throw error;
    }
  }

  async #token(params: Record<string, string>): Promise<TokenSet> {
    const { body } = await this.#call<TikTokTokenAnswer>({
      method: "POST",
      url: `${this.#api}/v2/oauth/token/`,
      form: { ...params, client_key: this.#credentials.clientId, client_secret: this.#credentials.clientSecret },
    });
    return {
      accessToken: body.access_token,
      refreshToken: body.refresh_token ?? null,
      expiresAt: body.expires_in ? new Date(Date.now() + body.expires_in * 1000) : null,
      scopes: (body.scope ?? "").split(/[ ,]+/).filter(Boolean),
    };
  }

  #call<T>(call: PlatformCall) {
    return callPlatform<T>("tiktok", dialect, call);
  }
}

const profileUrl = (account: PlatformProfile): string => `https://www.tiktok.com/@${account.handle}`;
const videoUrl = (account: PlatformProfile, id: string): string => `https://www.tiktok.com/@${account.handle}/video/${id}`;
