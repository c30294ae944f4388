// A local TikTok: Login Kit v2 with PKCE (client_key and client_secret in the body), user
// info, the Content Posting API's direct post from a URL (the fake really downloads it) with
// its publish status, and the video list; errors in TikTok's `{ error: { code, message, log_id } }`.
import { randomBytes } from "node:crypto";
import { startFake, type FakeHarness, type FakeResponse, type FakeRoute } from "./harness.ts";
import type { FakePlatform } from "./types.ts";

export const FAKE_TIKTOK_USER = { open_id: "-000ZeLZHYpVoh8GqTEQ6I_gsy_AaQsxRx5a", username: "glow.fake", display_name: "Glow Fake" };
const PRIVACY_OPTIONS = ["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "SELF_ONLY"];

const CODES: Record<number, string> = {
  400: "invalid_params",
  401: "access_token_invalid",
  403: "spam_risk_too_many_posts",
  404: "not_found",
  429: "rate_limit_exceeded",
  500: "internal_error",
  503: "internal_error",
};

const logId = () => randomBytes(16).toString("hex").toUpperCase();

function tiktokError(status: number, message: string, code = CODES[status] ?? "internal_error"): FakeResponse {
  return { status, body: { data: {}, error: { code, message, log_id: logId() } } };
}

const ok = (data: unknown): FakeResponse => ({ status: 200, body: { data, error: { code: "ok", message: "", log_id: logId() } } });

function routes(harness: FakeHarness): FakeRoute[] {
  const publishes = new Map<string, { postId: string | null; polls: number; failReason: string | null }>();
  const videos: Array<{ id: string; description: string; createTime: number }> = [];

  return [
    {
      method: "POST",
      path: "/v2/oauth/token/",
      kind: "oauth",
      handle(request) {
        const params = request.form();
        const client = { clientId: params.get("client_key") ?? "", clientSecret: params.get("client_secret") ?? "" };
        const outcome =
          params.get("grant_type") === "authorization_code"
            ? harness.redeemCode({
                ...client,
                code: params.get("code") ?? "",
                redirectUri: params.get("redirect_uri") ?? "",
                codeVerifier: params.get("code_verifier"),
              })
            : params.get("grant_type") === "refresh_token"
              ? harness.refresh({ ...client, refreshToken: params.get("refresh_token") ?? "" })
              : ({ ok: false, error: "invalid_grant", description: "Unsupported grant_type" } as const);
        if (!outcome.ok) {
          const description =
            outcome.error === "invalid_client"
              ? "Client key or secret is incorrect."
              : "Authorization code or refresh token is expired or invalid.";
          return {
            status: outcome.error === "invalid_client" ? 401 : 400,
            body: { error: outcome.error, error_description: description, log_id: logId() },
          };
        }
        const { tokens } = outcome;
        return {
          status: 200,
          body: {
            access_token: tokens.accessToken,
            expires_in: tokens.expiresIn,
            open_id: FAKE_TIKTOK_USER.open_id,
            refresh_expires_in: 31_536_000,
            refresh_token: tokens.refreshToken,
            scope: tokens.scopes.join(","),
            token_type: "Bearer",
          },
        };
      },
    },
    {
      method: "GET",
      path: "/v2/user/info/",
      handle(request) {
        const fields = (request.url.searchParams.get("fields") ?? "").split(",");
        if (!fields.includes("open_id")) return tiktokError(400, "fields is required");
        const user = Object.fromEntries(Object.entries(FAKE_TIKTOK_USER).filter(([key]) => fields.includes(key)));
        return ok({ user });
      },
    },
    {
      method: "POST",
      path: "/v2/post/publish/creator_info/query/",
      handle: () =>
        ok({
          creator_avatar_url: "https://p16.tiktokcdn.example/avatar.jpeg",
          creator_username: FAKE_TIKTOK_USER.username,
          creator_nickname: FAKE_TIKTOK_USER.display_name,
          privacy_level_options: PRIVACY_OPTIONS,
          comment_disabled: false,
          duet_disabled: false,
          stitch_disabled: false,
          max_video_post_duration_sec: 600,
        }),
    },
    {
      method: "POST",
      path: "/v2/post/publish/video/init/",
      async handle(request) {
        const body = request.json<{
          post_info?: { title?: string; privacy_level?: string };
          source_info?: { source?: string; video_url?: string };
        }>();
        const title = body.post_info?.title ?? "";
        if (!PRIVACY_OPTIONS.includes(body.post_info?.privacy_level ?? "")) {
          return tiktokError(400, "The privacy level is not one of the creator's options.", "privacy_level_option_mismatch");
        }
        if (title.length > 2200) return tiktokError(400, "The title exceeds 2200 characters.", "invalid_params");
        if (body.source_info?.source !== "PULL_FROM_URL" || !body.source_info.video_url) {
          return tiktokError(400, "source_info.source must be PULL_FROM_URL with a video_url.", "invalid_params");
        }
        const url = body.source_info.video_url;
        const publishId = `v_pub_url~v2-1.${harness.nextId()}`;
        // TikTok downloads the file itself; a URL it cannot read fails the publish, not the init.
        const download = await fetch(url).catch(() => null);
        const bytes = download?.ok ? Buffer.from(await download.arrayBuffer()) : null;
        if (!bytes) {
          publishes.set(publishId, { postId: null, polls: 0, failReason: "file_format_check_failed" });
          return ok({ publish_id: publishId });
        }
        const postId = await harness.recordPublish({ text: title, mediaUrls: [url], idempotencyKey: null });
        harness.uploads.set(publishId, { contentType: download!.headers.get("content-type") ?? "video/mp4", bytes });
        publishes.set(publishId, { postId, polls: 0, failReason: null });
        videos.push({ id: postId, description: title, createTime: Math.floor(Date.now() / 1000) });
        return ok({ publish_id: publishId });
      },
    },
    {
      method: "POST",
      path: "/v2/post/publish/status/fetch/",
      handle(request) {
        const publish = publishes.get(request.json<{ publish_id?: string }>().publish_id ?? "");
        if (!publish) return tiktokError(400, "Invalid publish_id.", "invalid_publish_id");
        if (publish.failReason) return ok({ status: "FAILED", fail_reason: publish.failReason });
        // The first check finds TikTok still downloading, as it usually is.
        if (publish.polls++ === 0) return ok({ status: "PROCESSING_DOWNLOAD", downloaded_bytes: 0 });
        return ok({ status: "PUBLISH_COMPLETE", publicaly_available_post_id: [Number(publish.postId)], uploaded_bytes: 0 });
      },
    },
    {
      method: "POST",
      path: "/v2/video/list/",
      handle(request) {
        const fields = (request.url.searchParams.get("fields") ?? "").split(",");
        const body = request.json<{ max_count?: number; cursor?: number }>();
        const count = Math.min(20, body.max_count ?? 10);
        const offset = body.cursor ?? 0;
        const newest = [...videos].reverse();
        const page = newest.slice(offset, offset + count).map((video) =>
          Object.fromEntries(
            Object.entries({
              id: video.id,
              title: video.description.slice(0, 150),
              video_description: video.description,
              create_time: video.createTime,
              share_url: `https://www.tiktok.com/@${FAKE_TIKTOK_USER.username}/video/${video.id}`,
            }).filter(([key]) => fields.includes(key)),
          ),
        );
        return ok({ videos: page, cursor: offset + page.length, has_more: offset + count < newest.length });
      },
    },
  ];
}

/** TikTok gives apps no comments or messages: items added to the inbox are kept but never returned, as on TikTok. */
export function startFakeTikTok(options: { accessTokenTtlSeconds?: number } = {}): Promise<FakePlatform & { harness: FakeHarness }> {
  return startFake(
    {
      clientId: "fake-tiktok-client-key",
      clientSecret: "fake-tiktok-secret",
      pkce: true,
      clientIdParam: "client_key",
      authorizePath: "/v2/auth/authorize/",
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 86_400,
      rotateRefreshTokens: true,
      errorBody: (status, message) => tiktokError(status, message).body,
      routes,
    },
    (url) => ({ clientId: "fake-tiktok-client-key", clientSecret: "fake-tiktok-secret", apiBaseUrl: url, authBaseUrl: url }),
  );
}
