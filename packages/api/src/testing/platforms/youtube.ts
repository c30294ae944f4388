// A local Google OAuth 2.0 server and YouTube Data API v3: the consent page and /token (PKCE,
// offline refresh tokens that Google does not rotate), channels?mine=true, the resumable
// videos.insert upload, the uploads playlist, commentThreads and comments.insert — with
// Google's error bodies (`{ error: { code, message, errors: [{ reason, domain }], status } }`,
// and `{ error, error_description }` at the token endpoint).
import { randomBytes } from "node:crypto";
import {
  paginate,
  startFake,
  type FakeHarness,
  type FakeInboxItem,
  type FakeRequest,
  type FakeResponse,
  type FakeRoute,
} from "./harness.ts";
import type { FakePlatform } from "./types.ts";

export const FAKE_YOUTUBE_CHANNEL = { id: "UCglowFakeChannel0000001", title: "Glow Studio", customUrl: "@glowstudio" };
/** A video on the channel from before Glow, that inbox comments belong to unless told otherwise. */
export const FAKE_YOUTUBE_FIRST_VIDEO = "glowIntro01";
const UPLOADS = `UU${FAKE_YOUTUBE_CHANNEL.id.slice(2)}`;
const CLIENT = { clientId: "fake-google-client.apps.googleusercontent.com", clientSecret: "fake-google-secret" };

const STATUS: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

export function googleError(status: number, message: string, reason: string, domain = "youtube.api", location?: string): FakeResponse {
  return {
    status,
    body: {
      error: {
        code: status,
        message,
        errors: [{ message, domain, reason, ...(location ? { location, locationType: "parameter" } : {}) }],
        ...(STATUS[status] ? { status: STATUS[status] } : {}),
      },
    },
  };
}

function defaultError(status: number, message: string): unknown {
  if (status === 401)
    return googleError(
      401,
      "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential.",
      "authError",
      "global",
    ).body;
  if (status === 403)
    return googleError(
      403,
      'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.',
      "quotaExceeded",
      "youtube.quota",
    ).body;
  if (status === 429) return googleError(429, "Resource has been exhausted (e.g. check quota).", "rateLimitExceeded", "usageLimits").body;
  if (status === 404) return googleError(404, message, "notFound", "global").body;
  if (status >= 500) return googleError(status, "The service is currently unavailable.", "backendError", "global").body;
  return googleError(status, message, "badRequest", "global").body;
}

const videoId = (): string => randomBytes(8).toString("base64url").slice(0, 11);
/** No '<' or '>', as YouTube requires of titles and descriptions. */
const hasAngles = (text: string): boolean => /[<>]/.test(text);

interface Video {
  id: string;
  title: string;
  description: string;
  publishedAt: Date;
}

function pageSize(request: FakeRequest): number | FakeResponse {
  const value = Number(request.url.searchParams.get("maxResults") ?? 5);
  if (!Number.isInteger(value) || value < 1 || value > 100)
    return googleError(400, "Invalid value for parameter maxResults", "invalidParameter", "youtube.parameter", "maxResults");
  return value;
}

function routes(harness: FakeHarness): FakeRoute[] {
  const videos: Video[] = [
    {
      id: FAKE_YOUTUBE_FIRST_VIDEO,
      title: "Welcome",
      description: "Welcome to Glow Studio",
      publishedAt: new Date(Date.now() - 86_400_000),
    },
  ];
  const sessions = new Map<string, { title: string; description: string; contentType: string; length: number }>();
  const comments = () => harness.inbox.filter((item) => item.kind === "comment"); // YouTube has no direct messages
  const author = (item: FakeInboxItem) => {
    const handle = item.authorHandle ?? item.authorName.toLowerCase().replace(/\W+/g, "");
    return {
      authorDisplayName: item.authorHandle ? `@${item.authorHandle}` : item.authorName,
      authorChannelUrl: `http://www.youtube.com/@${handle}`,
      authorChannelId: { value: `UC${Buffer.from(handle).toString("base64url").padEnd(22, "A").slice(0, 22)}` },
    };
  };

  return [
    {
      method: "POST",
      path: "/token",
      kind: "oauth",
      handle(request) {
        const params = request.form();
        const [basicId, basicSecret] = Buffer.from((request.headers.authorization ?? "").replace(/^Basic /, ""), "base64")
          .toString()
          .split(":");
        const client = {
          clientId: params.get("client_id") ?? basicId ?? "",
          clientSecret: params.get("client_secret") ?? basicSecret ?? "",
        };
        const grant = params.get("grant_type");
        const outcome =
          grant === "authorization_code"
            ? harness.redeemCode({
                ...client,
                code: params.get("code") ?? "",
                redirectUri: params.get("redirect_uri") ?? "",
                codeVerifier: params.get("code_verifier"),
              })
            : grant === "refresh_token"
              ? harness.refresh({ ...client, refreshToken: params.get("refresh_token") ?? "" })
              : null;
        if (!outcome)
          return { status: 400, body: { error: "unsupported_grant_type", error_description: `Invalid grant_type: ${grant ?? ""}` } };
        if (!outcome.ok) {
          if (outcome.error === "invalid_client")
            return { status: 401, body: { error: "invalid_client", error_description: "Unauthorized" } };
          const description =
            grant === "refresh_token"
              ? "Token has been expired or revoked."
              : outcome.description.includes("code_verifier")
                ? "Invalid code verifier."
                : "Bad Request";
          return { status: 400, body: { error: "invalid_grant", error_description: description } };
        }
        const { tokens } = outcome;
        return {
          status: 200,
          body: {
            access_token: tokens.accessToken,
            expires_in: tokens.expiresIn,
            scope: tokens.scopes.join(" "),
            token_type: "Bearer",
            // Google hands out a refresh token with the code (offline access), never on refresh.
            ...(grant === "authorization_code" ? { refresh_token: tokens.refreshToken } : {}),
          },
        };
      },
    },
    {
      method: "GET",
      path: "/youtube/v3/channels",
      handle(request) {
        const query = request.url.searchParams;
        if (!query.get("part")) return googleError(400, "Required parameter: part", "required", "global", "part");
        if (query.get("mine") !== "true")
          return googleError(
            400,
            "No filter selected. Expected one of: forUsername, managedByMe, id, mine, forHandle",
            "missingRequiredParameter",
            "youtube.parameter",
          );
        return {
          status: 200,
          body: {
            kind: "youtube#channelListResponse",
            pageInfo: { totalResults: 1, resultsPerPage: 5 },
            items: [
              {
                kind: "youtube#channel",
                id: FAKE_YOUTUBE_CHANNEL.id,
                snippet: {
                  title: FAKE_YOUTUBE_CHANNEL.title,
                  description: "",
                  customUrl: FAKE_YOUTUBE_CHANNEL.customUrl,
                  publishedAt: "2020-01-01T00:00:00Z",
                },
                contentDetails: { relatedPlaylists: { likes: "", uploads: UPLOADS } },
              },
            ],
          },
        };
      },
    },
    {
      method: "POST",
      path: "/upload/youtube/v3/videos",
      handle(request) {
        const query = request.url.searchParams;
        if (query.get("uploadType") !== "resumable" || !(query.get("part") ?? "").includes("snippet"))
          return googleError(400, "Required parameter: part", "required", "global", "part");
        const { snippet } = request.json<{ snippet?: { title?: string; description?: string } }>();
        const title = snippet?.title ?? "";
        const description = snippet?.description ?? "";
        if (!title || [...title].length > 100 || hasAngles(title))
          return googleError(400, "The request metadata specifies an invalid video title.", "invalidTitle", "youtube.video");
        if (Buffer.byteLength(description) > 5000 || hasAngles(description))
          return googleError(400, "The request metadata specifies an invalid video description.", "invalidDescription", "youtube.video");
        const contentType = String(request.headers["x-upload-content-type"] ?? "");
        const length = Number(request.headers["x-upload-content-length"]);
        if (!contentType.startsWith("video/") || !(length > 0))
          return googleError(
            400,
            `Media type '${contentType}' is not supported. Valid media types: [video/*, application/octet-stream]`,
            "mediaBodyRequired",
            "global",
          );
        const uploadId = randomBytes(16).toString("base64url");
        sessions.set(uploadId, { title, description, contentType, length });
        return {
          status: 200,
          body: "",
          headers: {
            location: `${harness.url}/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status&upload_id=${uploadId}`,
            "x-guploader-uploadid": uploadId,
          },
        };
      },
    },
    {
      method: "PUT",
      path: "/upload/youtube/v3/videos",
      kind: "open", // the session URI is the credential
      async handle(request) {
        const uploadId = request.url.searchParams.get("upload_id") ?? "";
        const session = sessions.get(uploadId);
        if (!session) return { status: 404, body: "Not Found" };
        if (request.body.length !== session.length)
          return googleError(
            400,
            `The upload was ${request.body.length} bytes, not the ${session.length} announced.`,
            "uploadInvalid",
            "youtube.video",
          );
        sessions.delete(uploadId);
        const id = videoId();
        harness.uploads.set(id, { contentType: session.contentType, bytes: request.body });
        await harness.recordPublish({
          text: session.description,
          mediaUrls: [`${harness.url}/media/${id}`],
          idempotencyKey: null,
          externalId: id,
        });
        const video: Video = { id, title: session.title, description: session.description, publishedAt: new Date() };
        videos.push(video);
        return {
          status: 200,
          body: {
            kind: "youtube#video",
            id,
            snippet: {
              publishedAt: video.publishedAt.toISOString(),
              channelId: FAKE_YOUTUBE_CHANNEL.id,
              title: video.title,
              description: video.description,
              categoryId: "22",
            },
            status: { uploadStatus: "uploaded", privacyStatus: "public", selfDeclaredMadeForKids: false },
          },
        };
      },
    },
    {
      method: "GET",
      path: "/youtube/v3/playlistItems",
      handle(request) {
        const size = pageSize(request);
        if (typeof size !== "number") return size;
        if (request.url.searchParams.get("playlistId") !== UPLOADS)
          return googleError(
            404,
            "The playlist identified with the request's <code>playlistId</code> parameter cannot be found.",
            "playlistNotFound",
            "youtube.playlistItem",
            "playlistId",
          );
        const { page, next } = paginate(videos, size, request.url.searchParams.get("pageToken"));
        return {
          status: 200,
          body: {
            kind: "youtube#playlistItemListResponse",
            ...(next ? { nextPageToken: next } : {}),
            pageInfo: { totalResults: videos.length, resultsPerPage: size },
            items: page.map((video, index) => ({
              kind: "youtube#playlistItem",
              id: Buffer.from(`${UPLOADS}.${video.id}`).toString("base64url"),
              snippet: {
                publishedAt: video.publishedAt.toISOString(),
                channelId: FAKE_YOUTUBE_CHANNEL.id,
                title: video.title,
                description: video.description,
                playlistId: UPLOADS,
                position: index,
                resourceId: { kind: "youtube#video", videoId: video.id },
              },
            })),
          },
        };
      },
    },
    {
      method: "GET",
      path: "/youtube/v3/commentThreads",
      handle(request) {
        const size = pageSize(request);
        if (typeof size !== "number") return size;
        if (request.url.searchParams.get("allThreadsRelatedToChannelId") !== FAKE_YOUTUBE_CHANNEL.id)
          return googleError(
            403,
            "The comment thread could not be retrieved because you are not permitted to read it.",
            "forbidden",
            "youtube.commentThread",
          );
        const { page, next } = paginate(comments(), size, request.url.searchParams.get("pageToken"));
        return {
          status: 200,
          body: {
            kind: "youtube#commentThreadListResponse",
            ...(next ? { nextPageToken: next } : {}),
            pageInfo: { totalResults: page.length, resultsPerPage: size },
            items: page.map((item) => {
              const video = item.parentExternalId ?? FAKE_YOUTUBE_FIRST_VIDEO;
              return {
                kind: "youtube#commentThread",
                id: item.externalId,
                snippet: {
                  channelId: FAKE_YOUTUBE_CHANNEL.id,
                  videoId: video,
                  topLevelComment: {
                    kind: "youtube#comment",
                    id: item.externalId,
                    snippet: {
                      channelId: FAKE_YOUTUBE_CHANNEL.id,
                      videoId: video,
                      textDisplay: item.text,
                      textOriginal: item.text,
                      ...author(item),
                      canRate: true,
                      viewerRating: "none",
                      likeCount: 0,
                      publishedAt: item.at.toISOString(),
                      updatedAt: item.at.toISOString(),
                    },
                  },
                  canReply: true,
                  totalReplyCount: 0,
                  isPublic: true,
                },
              };
            }),
          },
        };
      },
    },
    {
      method: "POST",
      path: "/youtube/v3/comments",
      handle(request) {
        const { snippet } = request.json<{ snippet?: { parentId?: string; textOriginal?: string } }>();
        const parent = comments().find((item) => item.externalId === snippet?.parentId);
        if (!parent)
          return googleError(
            404,
            "The comment identified by the request's <code>parentId</code> parameter could not be found.",
            "parentCommentNotFound",
            "youtube.comment",
            "parentId",
          );
        if (!snippet?.textOriginal)
          return googleError(400, "The comment's text is empty.", "commentTextRequired", "youtube.comment", "body.snippet.textOriginal");
        harness.replies.push({ inReplyTo: parent.externalId, text: snippet.textOriginal });
        const id = `${parent.externalId}.${randomBytes(12).toString("base64url")}`;
        return {
          status: 200,
          body: {
            kind: "youtube#comment",
            id,
            snippet: {
              parentId: parent.externalId,
              textOriginal: snippet.textOriginal,
              textDisplay: snippet.textOriginal,
              authorDisplayName: FAKE_YOUTUBE_CHANNEL.customUrl,
              publishedAt: new Date().toISOString(),
            },
          },
        };
      },
    },
  ];
}

export async function startFakeYouTube(options: { accessTokenTtlSeconds?: number } = {}): Promise<FakePlatform & { harness: FakeHarness }> {
  const fake = await startFake(
    {
      ...CLIENT,
      pkce: true,
      authorizePath: "/o/oauth2/v2/auth",
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 3599,
      rotateRefreshTokens: false,
      errorBody: defaultError,
      routes,
    },
    (url) => ({ ...CLIENT, apiBaseUrl: url, authBaseUrl: url }),
  );
  return {
    ...fake,
    // Comment ids look like YouTube's (`Ugz…4AaABAg`); YouTube has no direct messages, so those are never listed.
    addInboxItem: (item) => fake.harness.addInboxItem(item, `Ugz${randomBytes(12).toString("base64url")}4AaABAg`),
  };
}
