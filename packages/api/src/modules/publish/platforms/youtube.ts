// YouTube through Google OAuth 2.0 (PKCE, offline refresh tokens) and the YouTube Data API
// v3: a post is one video uploaded with the resumable protocol (title from the first line,
// the whole text as description); the inbox is the channel's comment threads — YouTube has
// no direct messages.
import { pkceChallenge } from "../../../core/pkce.ts";
import { DateTime } from "luxon";
import { callPlatform, downloadMedia, type ErrorDialect } from "./http.ts";
import {
  PlatformError,
  type InboxItem,
  type InboxPage,
  type PlatformCredentials,
  type PlatformProfile,
  type PlatformRules,
  type PublishRequest,
  type PublishedPost,
  type SocialPlatform,
  type TokenSet,
} from "./types.ts";

const SCOPES = ["https://www.googleapis.com/auth/youtube.upload", "https://www.googleapis.com/auth/youtube.force-ssl"];
/** Quota and per-user throttling reasons, answered with 403 rather than 429. */
const THROTTLING_REASONS = new Set(["quotaExceeded", "rateLimitExceeded", "userRateLimitExceeded", "dailyLimitExceeded"]);

interface GoogleErrorBody {
  error?: string | { code?: number; message?: string; errors?: Array<{ reason?: string; message?: string }>; status?: string };
  error_description?: string;
}

interface GoogleToken {
  access_token: string;
  expires_in?: number;
  refresh_token?: string;
  scope?: string;
}

interface Channel {
  id: string;
  snippet?: { title?: string; customUrl?: string };
  contentDetails?: { relatedPlaylists?: { uploads?: string } };
}

interface CommentThread {
  id: string;
  snippet: {
    videoId?: string;
    topLevelComment: {
      id: string;
      snippet: {
        textOriginal?: string;
        textDisplay?: string;
        authorDisplayName?: string;
        authorChannelUrl?: string;
        authorChannelId?: { value?: string };
        publishedAt: string;
      };
    };
  };
}

/** YouTube refuses `<` and `>` in titles and descriptions. */
const withoutAngles = (text: string): string => text.replace(/[<>]/g, "");

export function youtubeTitle(text: string): string {
  const firstLine = withoutAngles(text.split("\n")[0] ?? "").trim();
  return Array.from(firstLine || "Video")
    .slice(0, 100)
    .join("");
}

export class YouTubePlatform implements SocialPlatform {
  readonly id = "youtube" as const;
  readonly name = "YouTube";
  readonly rules: PlatformRules = { maxLength: 5000, requiresMedia: true, mediaKinds: ["video"], maxMedia: 1 };
  readonly #inboxPageSize: number;
  readonly pkce = true;
  readonly #credentials: PlatformCredentials;
  readonly #api: string;
  readonly #authorizeEndpoint: string;
  readonly #tokenEndpoint: string;

  constructor(credentials: PlatformCredentials, options: { inboxPageSize?: number } = {}) {
    this.#inboxPageSize = options.inboxPageSize ?? 25;
    this.#credentials = credentials;
    this.#api = (credentials.apiBaseUrl ?? "https://www.googleapis.com").replace(/\/+$/, "");
    const auth = credentials.authBaseUrl?.replace(/\/+$/, "");
    this.#authorizeEndpoint = `${auth ?? "https://accounts.google.com"}/o/oauth2/v2/auth`;
    this.#tokenEndpoint = `${auth ?? "https://oauth2.googleapis.com"}/token`;
  }

  /** Offline access with a consent prompt, so Google hands out a refresh token every time. */
  authorizeUrl(input: { state: string; codeVerifier: string; redirectUri: string }): URL {
    const url = new URL(this.#authorizeEndpoint);
    url.search = new URLSearchParams({
      client_id: this.#credentials.clientId,
      redirect_uri: input.redirectUri,
      response_type: "code",
      scope: SCOPES.join(" "),
      state: input.state,
      access_type: "offline",
      prompt: "consent",
      include_granted_scopes: "true",
      code_challenge: pkceChallenge(input.codeVerifier),
      code_challenge_method: "S256",
    }).toString();
    return url;
  }

  async exchangeCode(input: { code: string; codeVerifier: string; redirectUri: string }): Promise<TokenSet> {
    const token = await this.#token({
      grant_type: "authorization_code",
      code: input.code,
      code_verifier: input.codeVerifier,
      redirect_uri: input.redirectUri,
    });
    return tokenSet(token, null);
  }

  /** Google keeps the refresh token (it answers without one), so the old one stays. */
  async refresh(refreshToken: string): Promise<TokenSet> {
    return tokenSet(await this.#token({ grant_type: "refresh_token", refresh_token: refreshToken }), refreshToken);
  }

  async #token(params: Record<string, string>): Promise<GoogleToken> {
    const form = { ...params, client_id: this.#credentials.clientId, client_secret: this.#credentials.clientSecret };
    return (await callPlatform<GoogleToken>("youtube", googleDialect, { method: "POST", url: this.#tokenEndpoint, form })).body;
  }

  async profile(accessToken: string): Promise<PlatformProfile> {
    const channel = await this.#channel(accessToken);
    return {
      externalId: channel.id,
      handle: channel.snippet?.customUrl ?? channel.id,
      displayName: channel.snippet?.title ?? channel.id,
    };
  }

  async #channel(accessToken: string): Promise<Channel> {
    const channels = await this.#get<{ items?: Channel[] }>(accessToken, "/youtube/v3/channels", {
      part: "snippet,contentDetails",
      mine: "true",
    });
    const channel = channels.items?.[0];
    if (!channel) throw new PlatformError("youtube", "rejected", "This Google account has no YouTube channel");
    return channel;
  }

  /** The resumable protocol: a session with the metadata, then the file's bytes in one PUT. */
  async publish(accessToken: string, _account: PlatformProfile, request: PublishRequest): Promise<PublishedPost> {
    const video = request.media.find((media) => media.kind === "video");
    if (!video || request.media.length !== 1) throw new PlatformError("youtube", "rejected", "YouTube takes exactly one video");
    const bytes = await downloadMedia("youtube", video.url);
    const session = await callPlatform("youtube", googleDialect, {
      method: "POST",
      url: `${this.#api}/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status`,
      accessToken,
      headers: { "x-upload-content-type": video.contentType, "x-upload-content-length": String(bytes.length) },
      json: {
        snippet: { title: youtubeTitle(request.text), description: withoutAngles(request.text), categoryId: "22" },
        status: { privacyStatus: "public", selfDeclaredMadeForKids: false },
      },
    });
    const location = session.headers.get("location");
    if (!location) throw new PlatformError("youtube", "unavailable", "YouTube opened no upload session");
    const { body: uploaded } = await callPlatform<{ id: string }>("youtube", googleDialect, {
      method: "PUT",
      url: location,
      accessToken,
      headers: { "content-type": video.contentType },
      body: new Uint8Array(bytes),
    });
    return { externalId: uploaded.id, url: `https://www.youtube.com/watch?v=${uploaded.id}` };
  }

  /** YouTube takes no idempotency key: the channel's uploads since the attempt, by the same description. */
  async findPublished(
    accessToken: string,
    _account: PlatformProfile,
    attempt: { idempotencyKey: string; text: string; since: Date },
  ): Promise<PublishedPost | null> {
    const uploads = (await this.#channel(accessToken)).contentDetails?.relatedPlaylists?.uploads;
    if (!uploads) return null;
    const playlist = await this.#get<{
      items?: Array<{ snippet: { publishedAt: string; description?: string; resourceId?: { videoId?: string } } }>;
    }>(accessToken, "/youtube/v3/playlistItems", { part: "snippet", playlistId: uploads, maxResults: "50" });
    const since = attempt.since.getTime() - 60_000; // a minute of slack for clocks that differ
    const description = withoutAngles(attempt.text);
    const item = (playlist.items ?? []).find(
      (candidate) => candidate.snippet.description === description && new Date(candidate.snippet.publishedAt).getTime() >= since,
    );
    const videoId = item?.snippet.resourceId?.videoId;
    return videoId ? { externalId: videoId, url: `https://www.youtube.com/watch?v=${videoId}` } : null;
  }

  async fetchInbox(accessToken: string, account: PlatformProfile, cursor: string | null): Promise<InboxPage> {
    const threads = await this.#get<{ items?: CommentThread[]; nextPageToken?: string }>(accessToken, "/youtube/v3/commentThreads", {
      part: "snippet",
      allThreadsRelatedToChannelId: account.externalId,
      maxResults: String(this.#inboxPageSize),
      order: "time",
      textFormat: "plainText",
      ...(cursor ? { pageToken: cursor } : {}),
    });
    const items = (threads.items ?? [])
      .filter((thread) => thread.snippet.topLevelComment.snippet.authorChannelId?.value !== account.externalId)
      .map((thread): InboxItem => {
        const comment = thread.snippet.topLevelComment;
        const handle = comment.snippet.authorChannelUrl?.match(/\/(@[^/?#]+)/)?.[1] ?? null;
        return {
          externalId: comment.id,
          kind: "comment",
          parentExternalId: thread.snippet.videoId ?? null,
          authorName: comment.snippet.authorDisplayName ?? handle ?? "YouTube user",
          authorHandle: handle,
          text: comment.snippet.textOriginal ?? comment.snippet.textDisplay ?? "",
          receivedAt: new Date(comment.snippet.publishedAt),
        };
      });
    return { items, cursor: threads.nextPageToken ?? null };
  }

  async reply(
    accessToken: string,
    _account: PlatformProfile,
    item: Pick<InboxItem, "externalId" | "kind" | "parentExternalId">,
    text: string,
  ): Promise<{ externalId: string }> {
    if (item.kind !== "comment") throw new PlatformError("youtube", "rejected", "YouTube has no direct messages to answer");
    const { body: comment } = await callPlatform<{ id: string }>("youtube", googleDialect, {
      method: "POST",
      url: `${this.#api}/youtube/v3/comments?part=snippet`,
      accessToken,
      json: { snippet: { parentId: item.externalId, textOriginal: text } },
    });
    return { externalId: comment.id };
  }

  async #get<T>(accessToken: string, path: string, params: Record<string, string>): Promise<T> {
    const url = new URL(`${this.#api}${path}`);
    url.search = new URLSearchParams(params).toString();
    return (await callPlatform<T>("youtube", googleDialect, { url, accessToken })).body;
  }
}

function tokenSet(token: GoogleToken, previousRefreshToken: string | null): TokenSet {
  return {
    accessToken: token.access_token,
    refreshToken: token.refresh_token ?? previousRefreshToken,
    expiresAt: token.expires_in ? new Date(Date.now() + token.expires_in * 1000) : null,
    scopes: token.scope ? token.scope.split(" ") : SCOPES,
  };
}

/** The Data API's daily quota resets at midnight Pacific time. */
function untilQuotaReset(): number {
  const pacific = DateTime.now().setZone("America/Los_Angeles");
  return Math.max(1000, Math.ceil(pacific.plus({ days: 1 }).startOf("day").diff(pacific).as("milliseconds")));
}

const googleReasons = (body: unknown): string[] =>
  body && typeof body === "object" && typeof (body as GoogleErrorBody).error === "object"
    ? ((body as { error: { errors?: Array<{ reason?: string }> } }).error.errors ?? []).map((entry) => entry.reason ?? "")
    : [];

/** The token endpoint answers `{ error: "invalid_grant", error_description }`; the Data API `{ error: { code, message, errors[] } }`. */
const googleDialect: ErrorDialect = {
  messageOf(body) {
    if (!body || typeof body !== "object") return undefined;
    const { error, error_description } = body as GoogleErrorBody;
    return typeof error === "string" ? (error_description ?? error) : error?.message;
  },
  retryAfterMs: (_headers, body) =>
    googleReasons(body).some((reason) => reason === "quotaExceeded" || reason === "dailyLimitExceeded") ? untilQuotaReset() : null,
  classify(status, body) {
    const error = body && typeof body === "object" ? (body as GoogleErrorBody).error : undefined;
    if (status < 500 && (error === "invalid_grant" || error === "invalid_client")) return "unauthorized";
    if (status === 403 && googleReasons(body).some((reason) => THROTTLING_REASONS.has(reason))) return "rate_limited";
    return null;
  },
};
