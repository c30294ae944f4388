// A local X API v2: OAuth 2.0 with PKCE (confidential client, HTTP Basic at the token
// endpoint), /2/users/me, /2/tweets, the chunked media upload, DM events and mentions, with
// X's problem bodies and x-rate-limit-* headers.
import { paginate, startFake, type FakeHarness, type FakeRequest, type FakeResponse, type FakeRoute } from "./harness.ts";
import type { FakePlatform } from "./types.ts";

export const FAKE_X_ACCOUNT = { id: "1500000000000000001", username: "glow_fake", name: "Glow Fake" };

const TITLES: Record<number, string> = {
  400: "Invalid Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found Error",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
};

function problem(status: number, detail: string): FakeResponse {
  return { status, body: { title: TITLES[status] ?? "Error", detail, type: "about:blank", status } };
}

function invalidRequest(parameter: string, message: string): FakeResponse {
  return {
    status: 400,
    body: {
      errors: [{ parameters: { [parameter]: [] }, message }],
      title: "Invalid Request",
      detail: "One or more parameters to your request was invalid.",
      type: "https://api.twitter.com/2/problems/invalid-request",
    },
  };
}

/** A stable user id per author, as X would have one. */
function userIdOf(name: string): string {
  let hash = 0n;
  for (const char of name) hash = (hash * 31n + BigInt(char.codePointAt(0)!)) % 10n ** 17n;
  return `9${hash.toString().padStart(17, "0")}`;
}

function routes(harness: FakeHarness): FakeRoute[] {
  const uploads = new Map<string, { contentType: string; total: number; chunks: Buffer[]; video: boolean; polls: number }>();
  const tweetTexts = new Set<string>();
  const maxResults = (request: FakeRequest, min: number) =>
    Math.min(100, Math.max(min, Number(request.url.searchParams.get("max_results") ?? 100)));
  const author = (item: { authorName: string; authorHandle: string | null }) => ({
    id: userIdOf(item.authorHandle ?? item.authorName),
    name: item.authorName,
    username: item.authorHandle ?? item.authorName.toLowerCase().replace(/\W+/g, ""),
  });
  const conversationOf = (item: { parentExternalId: string | null; authorName: string; authorHandle: string | null }) =>
    item.parentExternalId ?? `${author(item).id}-${FAKE_X_ACCOUNT.id}`;

  return [
    {
      method: "POST",
      path: "/2/oauth2/token",
      kind: "oauth",
      handle(request) {
        const params = request.form();
        const [basicId, basicSecret] = Buffer.from((request.headers.authorization ?? "").replace(/^Basic /, ""), "base64")
          .toString()
          .split(":");
        const client = { clientId: basicId ?? "", clientSecret: basicSecret ?? "" };
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
          return outcome.error === "invalid_client"
            ? { status: 401, body: { error: "unauthorized_client", error_description: "Missing valid authorization header" } }
            : { status: 400, body: { error: "invalid_request", error_description: "Value passed for the token was invalid." } };
        }
        const { tokens } = outcome;
        return {
          status: 200,
          body: {
            token_type: "bearer",
            expires_in: tokens.expiresIn,
            access_token: tokens.accessToken,
            scope: tokens.scopes.join(" "),
            refresh_token: tokens.refreshToken,
          },
        };
      },
    },
    {
      method: "GET",
      path: "/2/users/me",
      handle: () => ({ status: 200, body: { data: FAKE_X_ACCOUNT } }),
    },
    {
      method: "POST",
      path: "/2/tweets",
      async handle(request) {
        const body = request.json<{ text?: string; media?: { media_ids?: string[] }; reply?: { in_reply_to_tweet_id?: string } }>();
        const text = body.text ?? "";
        if (!text && !body.media?.media_ids?.length)
          return invalidRequest("text", "The `text` field is required when no media is attached.");
        if ([...text].length > 280) return problem(403, "You are not permitted to perform this action. Your Tweet text is too long.");
        const mediaIds = body.media?.media_ids ?? [];
        if (mediaIds.length > 4) return invalidRequest("media.media_ids", "The `media.media_ids` field must have at most 4 items.");
        for (const id of mediaIds)
          if (!harness.uploads.has(id)) return invalidRequest("media.media_ids", `Your media IDs are invalid: ${id}`);
        const replyTo = body.reply?.in_reply_to_tweet_id;
        if (replyTo) {
          const id = harness.nextId();
          harness.replies.push({ inReplyTo: replyTo, text });
          return { status: 201, body: { data: { id, text, edit_history_tweet_ids: [id] } } };
        }
        if (tweetTexts.has(text)) return problem(403, "You are not allowed to create a Tweet with duplicate content.");
        tweetTexts.add(text);
        const id = await harness.recordPublish({
          text,
          mediaUrls: mediaIds.map((media) => `${harness.url}/media/${media}`),
          idempotencyKey: null,
        });
        return { status: 201, body: { data: { id, text, edit_history_tweet_ids: [id] } } };
      },
    },
    {
      method: "POST",
      path: "/2/media/upload/initialize",
      handle(request) {
        const body = request.json<{ media_type?: string; total_bytes?: number; media_category?: string }>();
        if (!body.media_type || !body.total_bytes) return invalidRequest("media_type", "media_type and total_bytes are required.");
        const id = harness.nextId();
        uploads.set(id, {
          contentType: body.media_type,
          total: body.total_bytes,
          chunks: [],
          video: body.media_category === "tweet_video",
          polls: 0,
        });
        return { status: 200, body: { data: { id, media_key: `3_${id}`, expires_after_secs: 86_400 } } };
      },
    },
    {
      method: "POST",
      path: /^\/2\/media\/upload\/(\d+)\/append$/,
      async handle(request, match) {
        const upload = uploads.get(match![1]!);
        if (!upload) return invalidRequest("media_id", "Invalid media_id.");
        const form = await request.formData();
        const media = form.get("media");
        const segment = Number(form.get("segment_index"));
        if (!(media instanceof Blob) || !Number.isInteger(segment)) return invalidRequest("media", "media and segment_index are required.");
        upload.chunks[segment] = Buffer.from(await media.arrayBuffer());
        return { status: 200, body: { data: { expires_at: Math.floor(Date.now() / 1000) + 86_400 } } };
      },
    },
    {
      method: "POST",
      path: /^\/2\/media\/upload\/(\d+)\/finalize$/,
      handle(_request, match) {
        const id = match![1]!;
        const upload = uploads.get(id);
        if (!upload) return invalidRequest("media_id", "Invalid media_id.");
        const bytes = Buffer.concat(upload.chunks);
        if (bytes.length !== upload.total)
          return invalidRequest("media_id", `File size mismatch: expected ${upload.total} bytes, got ${bytes.length}.`);
        harness.uploads.set(id, { contentType: upload.contentType, bytes });
        const processing = upload.video ? { processing_info: { state: "pending", check_after_secs: 1 } } : {};
        return { status: 200, body: { data: { id, media_key: `3_${id}`, size: bytes.length, expires_after_secs: 86_400, ...processing } } };
      },
    },
    {
      method: "GET",
      path: "/2/media/upload",
      handle(request) {
        const id = request.url.searchParams.get("media_id") ?? "";
        const upload = uploads.get(id);
        if (!upload || request.url.searchParams.get("command") !== "STATUS") return invalidRequest("media_id", "Invalid media_id.");
        upload.polls++;
        return {
          status: 200,
          body: { data: { id, media_key: `3_${id}`, processing_info: { state: "succeeded", progress_percent: 100 } } },
        };
      },
    },
    {
      method: "GET",
      path: /^\/2\/users\/(\d+)\/tweets$/,
      handle(request, match) {
        if (match![1] !== FAKE_X_ACCOUNT.id) return problem(404, "Could not find user.");
        const since = Date.parse(request.url.searchParams.get("start_time") ?? "") || 0;
        const posts = harness.published.filter((post) => post.at.getTime() >= since);
        const { page, next } = paginate(posts, maxResults(request, 5), request.url.searchParams.get("pagination_token"));
        const data = page.map((post) => ({
          id: post.externalId,
          text: post.text,
          created_at: post.at.toISOString(),
          edit_history_tweet_ids: [post.externalId],
        }));
        return {
          status: 200,
          body: { ...(data.length ? { data } : {}), meta: { result_count: data.length, ...(next ? { next_token: next } : {}) } },
        };
      },
    },
    {
      method: "GET",
      path: "/2/dm_events",
      handle(request) {
        const messages = harness.inbox.filter((item) => item.kind === "message");
        const { page, next } = paginate(messages, maxResults(request, 1), request.url.searchParams.get("pagination_token"));
        const data = page.map((item) => ({
          id: item.externalId,
          event_type: "MessageCreate",
          text: item.text,
          sender_id: author(item).id,
          created_at: item.at.toISOString(),
          dm_conversation_id: conversationOf(item),
        }));
        return {
          status: 200,
          body: {
            ...(data.length ? { data, includes: { users: page.map(author) } } : {}),
            meta: { result_count: data.length, ...(next ? { next_token: next } : {}) },
          },
        };
      },
    },
    {
      method: "GET",
      path: /^\/2\/users\/(\d+)\/mentions$/,
      handle(request, match) {
        if (match![1] !== FAKE_X_ACCOUNT.id) return problem(404, "Could not find user.");
        const comments = harness.inbox.filter((item) => item.kind === "comment");
        const { page, next } = paginate(comments, maxResults(request, 5), request.url.searchParams.get("pagination_token"));
        const data = page.map((item) => ({
          id: item.externalId,
          text: item.text,
          author_id: author(item).id,
          created_at: item.at.toISOString(),
          conversation_id: item.parentExternalId ?? item.externalId,
          ...(item.parentExternalId ? { referenced_tweets: [{ type: "replied_to", id: item.parentExternalId }] } : {}),
        }));
        return {
          status: 200,
          body: {
            ...(data.length ? { data, includes: { users: page.map(author) } } : {}),
            meta: { result_count: data.length, ...(next ? { next_token: next } : {}) },
          },
        };
      },
    },
    {
      method: "POST",
      path: /^\/2\/dm_conversations\/([^/]+)\/messages$/,
      handle(request, match) {
        const conversation = decodeURIComponent(match![1]!);
        const text = request.json<{ text?: string }>().text;
        if (!text) return invalidRequest("text", "The `text` field is required.");
        // Recorded against the latest message of that conversation, the item the reply answers.
        const answered = harness.inbox.filter((item) => item.kind === "message" && conversationOf(item) === conversation).at(-1);
        if (!answered) return problem(403, "You are not permitted to send Direct Messages to this conversation.");
        harness.replies.push({ inReplyTo: answered.externalId, text });
        return { status: 201, body: { data: { dm_conversation_id: conversation, dm_event_id: harness.nextId() } } };
      },
    },
  ];
}

export function startFakeX(options: { accessTokenTtlSeconds?: number } = {}): Promise<FakePlatform & { harness: FakeHarness }> {
  return startFake(
    {
      clientId: "fake-x-client",
      clientSecret: "fake-x-secret",
      pkce: true,
      authorizePath: "/i/oauth2/authorize",
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 7200,
      rotateRefreshTokens: true,
      errorBody: (status, message) => problem(status, message).body,
      errorHeaders: (status): Record<string, string> =>
        status === 429
          ? {
              "x-rate-limit-limit": "100",
              "x-rate-limit-remaining": "0",
              "x-rate-limit-reset": String(Math.floor(Date.now() / 1000) + 900),
            }
          : {},
      routes,
    },
    (url) => ({ clientId: "fake-x-client", clientSecret: "fake-x-secret", apiBaseUrl: url, authBaseUrl: url }),
  );
}
