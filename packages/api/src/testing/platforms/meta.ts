// A local Meta Graph API (v21.0) for the Facebook and Instagram fakes: Facebook Login's code
// and fb_exchange_token grants, /me/accounts with Page tokens, Page posts, photos and videos,
// Instagram media containers and media_publish, conversations, comments and replies — with
// Meta's `{ error: { message, type, code, fbtrace_id } }` bodies and usage headers. Meta
// fetches media from the URLs it is given, and so does the fake.
import { createHmac, randomBytes } from "node:crypto";
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

export const FAKE_META_PAGE = { id: "104000000000001", name: "Glow Studio", username: "glowstudio" };
export const FAKE_META_INSTAGRAM = { id: "17841400000000001", username: "glow.studio", name: "Glow Studio" };
const V = "/v21\\.0";

type Surface = "facebook" | "instagram";

interface MetaPost {
  id: string;
  text: string;
  at: Date;
  mediaUrls: string[];
}

interface Container {
  kind: "image" | "video" | "carousel";
  urls: string[];
  caption: string;
  carouselItem: boolean;
  polls: number;
}

/** Meta's error body; `code` says more than the status (190: token, 4/17/32: throttled, 100: parameter). */
export function graphError(status: number, message: string, code: number, extra: Record<string, unknown> = {}): FakeResponse {
  return {
    status,
    body: { error: { message, type: "OAuthException", code, ...extra, fbtrace_id: randomBytes(8).toString("base64url") } },
  };
}

function defaultError(status: number, message: string): unknown {
  if (status === 401)
    return graphError(401, "Error validating access token: Session has expired on Tuesday, 01-Dec-26 12:00:00 PST.", 190, {
      error_subcode: 463,
    }).body;
  if (status === 429) return graphError(status, "(#4) Application request limit reached", 4, { is_transient: true }).body;
  if (status === 403) return graphError(status, "(#10) Permission denied", 10).body;
  if (status === 404) return graphError(status, `(#803) ${message}`, 803).body;
  if (status >= 500)
    return graphError(status, "An unexpected error has occurred. Please retry your request later.", 2, { is_transient: true }).body;
  return graphError(status, `(#100) ${message}`, 100).body;
}

/** Meta's timestamps: ISO 8601 with a +0000 offset. */
const graphTime = (date: Date): string => date.toISOString().replace(/\.\d{3}Z$/, "+0000");

/** A stable page-scoped id per author, as Meta gives one to each person who writes to the Page. */
function scopedIdOf(name: string): string {
  let hash = 0n;
  for (const char of name) hash = (hash * 31n + BigInt(char.codePointAt(0)!)) % 10n ** 15n;
  return `7${hash.toString().padStart(15, "0")}`;
}

/** Graph takes parameters in the query string or the form body, alike. */
function params(request: FakeRequest): URLSearchParams {
  const merged = new URLSearchParams(request.url.searchParams);
  if (request.method === "POST") for (const [key, value] of request.form()) merged.set(key, value);
  return merged;
}

/** Meta downloads the media itself and refuses what it cannot fetch or is not an image or video. */
async function reachable(url: string | null, kind: "image" | "video"): Promise<boolean> {
  if (!url) return false;
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(5000) });
    await response.arrayBuffer();
    return response.ok && (response.headers.get("content-type") ?? "").startsWith(`${kind}/`);
  } catch {
    return false;
  }
}

function page<T>(harness: FakeHarness, path: string, items: T[], request: FakeRequest, size: number) {
  const limit = Math.min(100, Number(request.url.searchParams.get("limit") ?? size) || size);
  const { page: data, next } = paginate(items, limit, request.url.searchParams.get("after"));
  const cursors = {
    before: Buffer.from("0").toString("base64url"),
    after: next ?? Buffer.from(String(items.length)).toString("base64url"),
  };
  return { data, paging: { cursors, ...(next ? { next: `${harness.url}/v21.0${path}?after=${next}&limit=${limit}` } : {}) } };
}

function routes(surface: Surface, harness: FakeHarness, exchangeable: Map<string, string>): FakeRoute[] {
  const owner = surface === "instagram" ? FAKE_META_INSTAGRAM.id : FAKE_META_PAGE.id;
  // A post that was there before Glow, so inbox comments have something to belong to.
  const posts: MetaPost[] = [
    {
      id: surface === "instagram" ? "17900000000000001" : `${FAKE_META_PAGE.id}_1000`,
      text: "Hello",
      at: new Date(Date.now() - 86_400_000),
      mediaUrls: [],
    },
  ];
  const containers = new Map<string, Container>();
  const unpublishedPhotos = new Map<string, string>();
  const postIdOf = (id: string) => (surface === "facebook" ? `${FAKE_META_PAGE.id}_${id}` : id);
  const messages = () => harness.inbox.filter((item) => item.kind === "message");
  const commentsOn = (post: MetaPost) =>
    harness.inbox.filter((item) => item.kind === "comment" && (item.parentExternalId ?? posts[0]!.id) === post.id);
  const commentNode = (item: FakeInboxItem) =>
    surface === "instagram"
      ? {
          id: item.externalId,
          text: item.text,
          username: item.authorHandle ?? item.authorName,
          timestamp: graphTime(item.at),
          from: { id: scopedIdOf(item.authorName), username: item.authorHandle ?? item.authorName },
        }
      : {
          id: item.externalId,
          message: item.text,
          created_time: graphTime(item.at),
          from: { id: scopedIdOf(item.authorName), name: item.authorName },
        };
  const messageNode = (item: FakeInboxItem) => ({
    id: item.externalId,
    message: item.text,
    created_time: graphTime(item.at),
    from: { id: scopedIdOf(item.authorName), name: item.authorName, ...(item.authorHandle ? { username: item.authorHandle } : {}) },
  });
  const publish = async (text: string, mediaUrls: string[]) => {
    const id = postIdOf(harness.nextId());
    await harness.recordPublish({ text, mediaUrls, idempotencyKey: null, externalId: id });
    posts.push({ id, text, at: new Date(), mediaUrls });
    return id;
  };
  const since = (request: FakeRequest) => Number(request.url.searchParams.get("since") ?? 0) * 1000;

  const common: FakeRoute[] = [
    {
      method: "GET",
      path: new RegExp(`^${V}/oauth/access_token$`),
      kind: "oauth",
      handle(request) {
        const query = request.url.searchParams;
        const client = { clientId: query.get("client_id") ?? "", clientSecret: query.get("client_secret") ?? "" };
        if (query.get("grant_type") === "fb_exchange_token") {
          const refreshToken = exchangeable.get(query.get("fb_exchange_token") ?? "");
          const outcome = refreshToken ? harness.refresh({ ...client, refreshToken }) : null;
          if (!outcome?.ok) {
            return outcome?.error === "invalid_client"
              ? graphError(400, "Error validating client secret.", 1)
              : graphError(
                  400,
                  "Error validating access token: The session has been invalidated because the user changed their password.",
                  190,
                  { error_subcode: 460 },
                );
          }
          exchangeable.set(outcome.tokens.accessToken, refreshToken!);
          return {
            status: 200,
            body: { access_token: outcome.tokens.accessToken, token_type: "bearer", expires_in: outcome.tokens.expiresIn },
          };
        }
        const outcome = harness.redeemCode({ ...client, code: query.get("code") ?? "", redirectUri: query.get("redirect_uri") ?? "" });
        if (!outcome.ok) {
          return outcome.error === "invalid_client"
            ? graphError(400, "Error validating client secret.", 1)
            : graphError(
                400,
                "Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request",
                100,
                { error_subcode: 36008 },
              );
        }
        exchangeable.set(outcome.tokens.accessToken, outcome.tokens.refreshToken);
        return { status: 200, body: { access_token: outcome.tokens.accessToken, token_type: "bearer", expires_in: 5400 } };
      },
    },
    {
      method: "GET",
      path: new RegExp(`^${V}/me/accounts$`),
      // The fake hands out the person's own token as the Page token: it is live exactly as long.
      handle: (request) => ({
        status: 200,
        body: {
          data: [
            {
              ...FAKE_META_PAGE,
              access_token: request.bearer,
              category: "Creator",
              tasks: ["ADVERTISE", "ANALYZE", "CREATE_CONTENT", "MESSAGING", "MODERATE", "MANAGE"],
              ...(surface === "instagram" ? { instagram_business_account: FAKE_META_INSTAGRAM } : {}),
            },
          ],
          paging: { cursors: { before: "MA", after: "MA" } },
        },
      }),
    },
    {
      method: "GET",
      path: new RegExp(`^${V}/${FAKE_META_PAGE.id}/conversations$`),
      handle(request) {
        const platform = request.url.searchParams.get("platform") ?? "messenger";
        if (platform !== (surface === "instagram" ? "instagram" : "messenger")) return { status: 200, body: { data: [] } };
        const byAuthor = new Map<string, FakeInboxItem[]>();
        for (const item of messages()) byAuthor.set(item.authorName, [...(byAuthor.get(item.authorName) ?? []), item]);
        const conversations = [...byAuthor.entries()].map(([author, items]) => ({
          id: `t_${scopedIdOf(author)}`,
          updated_time: graphTime(items.at(-1)!.at),
          messages: { data: items.toReversed().map(messageNode) },
        }));
        return { status: 200, body: page(harness, `/${FAKE_META_PAGE.id}/conversations`, conversations, request, 25) };
      },
    },
    {
      method: "POST",
      path: new RegExp(`^${V}/${FAKE_META_PAGE.id}/messages$`),
      handle(request) {
        const query = params(request);
        const recipient = JSON.parse(query.get("recipient") ?? "{}") as { id?: string };
        const message = JSON.parse(query.get("message") ?? "{}") as { text?: string };
        const answered = messages().findLast((item) => scopedIdOf(item.authorName) === recipient.id);
        if (!answered) return graphError(400, "(#100) No matching user found", 100, { error_subcode: 2018001 });
        if (!message.text) return graphError(400, "(#100) Param message must be non-empty", 100);
        harness.replies.push({ inReplyTo: answered.externalId, text: message.text });
        return { status: 200, body: { recipient_id: recipient.id, message_id: `m_${harness.nextId()}` } };
      },
    },
    {
      method: "POST",
      path: new RegExp(`^${V}/([\\w-]+)/(comments|replies)$`),
      handle(request, match) {
        const [, commentId, edge] = match!;
        const comment = harness.inbox.find((item) => item.kind === "comment" && item.externalId === commentId);
        if (!comment || edge !== (surface === "instagram" ? "replies" : "comments"))
          return graphError(400, `(#100) Unsupported post request. Object with ID '${commentId}' does not exist`, 100, {
            error_subcode: 33,
          });
        const text = params(request).get("message") ?? "";
        if (!text) return graphError(400, "(#100) Missing message", 100);
        harness.replies.push({ inReplyTo: comment.externalId, text });
        return {
          status: 200,
          body: { id: surface === "facebook" ? `${comment.parentExternalId ?? posts[0]!.id}_${harness.nextId()}` : harness.nextId() },
        };
      },
    },
  ];

  const facebook: FakeRoute[] = [
    {
      method: "POST",
      path: new RegExp(`^${V}/${FAKE_META_PAGE.id}/feed$`),
      async handle(request) {
        const query = params(request);
        const attached = [...query.keys()]
          .filter((key) => key.startsWith("attached_media["))
          .map((key) => (JSON.parse(query.get(key)!) as { media_fbid?: string }).media_fbid ?? "");
        if (attached.some((id) => !unpublishedPhotos.has(id)))
          return graphError(400, "(#100) param attached_media must be an array of unpublished photos", 100);
        const message = query.get("message") ?? "";
        if (!message && attached.length === 0) return graphError(400, "(#100) Missing message or attachment", 100);
        if (message.length > 63_206) return graphError(400, "(#100) The message is too long", 100);
        return {
          status: 200,
          body: {
            id: await publish(
              message,
              attached.map((id) => unpublishedPhotos.get(id)!),
            ),
          },
        };
      },
    },
    {
      method: "POST",
      path: new RegExp(`^${V}/${FAKE_META_PAGE.id}/photos$`),
      async handle(request) {
        const query = params(request);
        const url = query.get("url");
        if (!(await reachable(url, "image"))) return graphError(400, "(#324) Missing or invalid image file", 324);
        const photoId = harness.nextId();
        if (query.get("published") === "false") {
          unpublishedPhotos.set(photoId, url!);
          return { status: 200, body: { id: photoId } };
        }
        return { status: 200, body: { id: photoId, post_id: await publish(query.get("message") ?? query.get("caption") ?? "", [url!]) } };
      },
    },
    {
      method: "POST",
      path: new RegExp(`^${V}/${FAKE_META_PAGE.id}/videos$`),
      async handle(request) {
        const query = params(request);
        const url = query.get("file_url");
        if (!(await reachable(url, "video")))
          return graphError(400, "(#352) Sorry, the video file you selected is in a format that we don't support.", 352);
        const postId = await publish(query.get("description") ?? "", [url!]);
        return { status: 200, body: { id: postId.split("_")[1] } };
      },
    },
    {
      method: "GET",
      path: new RegExp(`^${V}/${FAKE_META_PAGE.id}/(posts|feed|published_posts)$`),
      handle(request) {
        const listed = posts
          .filter((post) => post.at.getTime() >= since(request))
          .map((post) => ({
            id: post.id,
            message: post.text,
            created_time: graphTime(post.at),
            permalink_url: `https://www.facebook.com/${post.id}`,
            comments: { data: commentsOn(post).toReversed().map(commentNode) },
          }));
        return { status: 200, body: page(harness, `/${FAKE_META_PAGE.id}/posts`, listed, request, 25) };
      },
    },
  ];

  const instagram: FakeRoute[] = [
    {
      method: "POST",
      path: new RegExp(`^${V}/${FAKE_META_INSTAGRAM.id}/media$`),
      async handle(request) {
        const query = params(request);
        const caption = query.get("caption") ?? "";
        if (caption.length > 2200)
          return graphError(400, "(#100) The caption is too long. It must be 2,200 characters or fewer.", 100, { error_subcode: 2207010 });
        const id = harness.nextId();
        const carouselItem = query.get("is_carousel_item") === "true";
        if (query.get("media_type") === "CAROUSEL") {
          const children = (query.get("children") ?? "").split(",").filter(Boolean);
          if (children.length < 2 || children.length > 10 || children.some((child) => !containers.get(child)?.carouselItem))
            return graphError(400, "(#100) The carousel must have between 2 and 10 carousel items", 100, { error_subcode: 2207004 });
          containers.set(id, {
            kind: "carousel",
            urls: children.flatMap((child) => containers.get(child)!.urls),
            caption,
            carouselItem: false,
            polls: 0,
          });
          return { status: 200, body: { id } };
        }
        const video = ["REELS", "VIDEO"].includes(query.get("media_type") ?? "");
        const url = video ? query.get("video_url") : query.get("image_url");
        if (!(await reachable(url, video ? "video" : "image")))
          return graphError(400, "Only photo or video can be accepted as media type.", 9004, { error_subcode: 2207052 });
        containers.set(id, { kind: video ? "video" : "image", urls: [url!], caption, carouselItem, polls: 0 });
        return { status: 200, body: { id } };
      },
    },
    {
      method: "POST",
      path: new RegExp(`^${V}/${FAKE_META_INSTAGRAM.id}/media_publish$`),
      async handle(request) {
        const container = containers.get(params(request).get("creation_id") ?? "");
        if (!container || container.carouselItem) return graphError(400, "(#100) Invalid creation_id", 100);
        // A video is processed asynchronously: publishing it before FINISHED fails as on Instagram.
        if (container.kind === "video" && container.polls < 2)
          return graphError(400, "Media ID is not available", 9007, { error_subcode: 2207027 });
        const id = await publish(container.caption, container.urls);
        containers.delete(params(request).get("creation_id")!);
        return { status: 200, body: { id } };
      },
    },
    {
      method: "GET",
      path: new RegExp(`^${V}/${FAKE_META_INSTAGRAM.id}/media$`),
      handle(request) {
        const listed = posts
          .filter((post) => post.at.getTime() >= since(request))
          .map((post) => ({
            id: post.id,
            caption: post.text,
            timestamp: graphTime(post.at),
            permalink: `https://www.instagram.com/p/${Buffer.from(post.id).toString("base64url").slice(0, 11)}/`,
            comments: { data: commentsOn(post).toReversed().map(commentNode) },
          }));
        return { status: 200, body: page(harness, `/${FAKE_META_INSTAGRAM.id}/media`, listed, request, 25) };
      },
    },
  ];

  const node: FakeRoute = {
    method: "GET",
    path: new RegExp(`^${V}/([\\w-]+)$`),
    handle(request, match) {
      const id = match![1]!;
      if (id === FAKE_META_PAGE.id) return { status: 200, body: { id, access_token: request.bearer } };
      if (id === owner) return { status: 200, body: { ...FAKE_META_INSTAGRAM } };
      const container = containers.get(id);
      if (container) {
        container.polls += 1;
        const status_code = container.kind === "video" && container.polls === 1 ? "IN_PROGRESS" : "FINISHED";
        return {
          status: 200,
          body: {
            id,
            status_code,
            status: status_code === "FINISHED" ? "Finished: Media has been uploaded and it is ready to be published." : "In Progress",
          },
        };
      }
      const message = messages().find((item) => item.externalId === id);
      if (message) return { status: 200, body: messageNode(message) };
      const post = posts.find((candidate) => candidate.id === id);
      if (post)
        return {
          status: 200,
          body:
            surface === "instagram"
              ? { id, caption: post.text, permalink: `https://www.instagram.com/p/${Buffer.from(id).toString("base64url").slice(0, 11)}/` }
              : { id, message: post.text, permalink_url: `https://www.facebook.com/${id}` },
        };
      return graphError(
        400,
        `(#100) Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
        100,
        { error_subcode: 33 },
      );
    },
  };

  return [...common, ...(surface === "facebook" ? facebook : instagram), node];
}

/** The app requires appsecret_proof (HMAC-SHA256 of the token with the app secret) on every call made with a token. */
function withAppSecretProof(route: FakeRoute): FakeRoute {
  if (route.kind === "oauth") return route;
  return {
    ...route,
    handle(request, match) {
      const expected = createHmac("sha256", FAKE_META_CLIENT.clientSecret)
        .update(request.bearer ?? "")
        .digest("hex");
      if (params(request).get("appsecret_proof") !== expected)
        return graphError(400, "Invalid appsecret_proof provided in the API argument", 100);
      return route.handle(request, match);
    },
  };
}

export const FAKE_META_CLIENT = { clientId: "fake-meta-app", clientSecret: "fake-meta-secret" };

export async function startFakeMeta(
  surface: Surface,
  options: { accessTokenTtlSeconds?: number } = {},
): Promise<FakePlatform & { harness: FakeHarness }> {
  // Meta has no refresh tokens: which harness grant each issued user token can be exchanged under.
  const exchangeable = new Map<string, string>();
  const fake = await startFake(
    {
      ...FAKE_META_CLIENT,
      pkce: false,
      authorizePath: "/v21.0/dialog/oauth",
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 5_184_000, // a long-lived token's 60 days
      rotateRefreshTokens: false,
      errorBody: defaultError,
      errorHeaders: (status): Record<string, string> =>
        status === 429 ? { "x-app-usage": JSON.stringify({ call_count: 100, total_cputime: 12, total_time: 20 }) } : {},
      routes: (harness) => routes(surface, harness, exchangeable).map((route) => withAppSecretProof(route)),
    },
    (url) => ({ ...FAKE_META_CLIENT, apiBaseUrl: url, authBaseUrl: url }),
  );
  const { harness } = fake;
  return {
    ...fake,
    // Meta's ids: messages `m_…`, Page comments `<post id>_<comment id>`.
    addInboxItem(item) {
      const id = harness.nextId();
      const parent = item.parentExternalId ?? (surface === "facebook" ? `${FAKE_META_PAGE.id}_1000` : "17900000000000001");
      const externalId = item.kind === "message" ? `m_${id}` : surface === "facebook" ? `${parent.split("_")[1]}_${id}` : id;
      return harness.addInboxItem({ ...item, parentExternalId: item.kind === "comment" ? parent : undefined }, externalId);
    },
  };
}
