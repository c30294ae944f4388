// A local LinkedIn: OAuth 2.0 at /oauth/v2 (client secret in the body, no PKCE), OpenID
// userinfo, the versioned REST Posts, Images and Videos APIs and socialActions comments, with
// LinkedIn's `{ status, serviceErrorCode, code, message }` error bodies.
import { startFake, type FakeHarness, type FakeRequest, type FakeResponse, type FakeRoute } from "./harness.ts";
import type { FakePlatform } from "./types.ts";

export const FAKE_LINKEDIN_MEMBER = { sub: "782bbtaQ", name: "Glow Fake", email: "glow.fake@example.com" };
const AUTHOR = `urn:li:person:${FAKE_LINKEDIN_MEMBER.sub}`;

const CODES: Record<number, [string, number]> = {
  400: ["INVALID_REQUEST", 100],
  401: ["INVALID_ACCESS_TOKEN", 65600],
  403: ["ACCESS_DENIED", 100],
  404: ["NOT_FOUND", 100],
  422: ["UNPROCESSABLE_ENTITY", 100],
  429: ["TOO_MANY_REQUESTS", 101],
  500: ["INTERNAL_SERVER_ERROR", 100],
  503: ["SERVICE_UNAVAILABLE", 100],
};

function linkedInError(status: number, message: string): FakeResponse {
  const [code, serviceErrorCode] = CODES[status] ?? ["ERROR", 100];
  return { status, body: { status, serviceErrorCode, code, message } };
}

const unescape = (commentary: string): string => commentary.replace(/\\(.)/g, "$1");

interface StoredComment {
  urn: string;
  id: string;
  post: string;
  actor: string;
  text: string;
  at: Date;
}

function routes(harness: FakeHarness, comments: StoredComment[]): FakeRoute[] {
  const uploads = new Map<string, { contentType: string; parts: Buffer[]; size: number; kind: "image" | "video"; etags: string[] }>();
  const posts = new Map<string, { commentary: string; createdAt: number }>();

  /** The REST API refuses calls without a LinkedIn-Version header. */
  const versioned = (request: FakeRequest, answer: () => FakeResponse | Promise<FakeResponse>): FakeResponse | Promise<FakeResponse> =>
    /^\d{6}$/.test(String(request.headers["linkedin-version"] ?? ""))
      ? answer()
      : {
          status: 400,
          body: {
            status: 400,
            code: "VERSION_MISSING",
            message: "A version must be present. Please specify a version by adding the LinkedIn-Version header.",
          },
        };

  const uploadOf = (request: FakeRequest, kind: "image" | "video", size: number) => {
    const id = harness.nextId();
    const urn = `urn:li:${kind}:C4E10AQ${id}`;
    uploads.set(urn, { contentType: "", parts: [], size, kind, etags: [] });
    return { urn, uploadUrl: `${harness.url}/dms-uploads/${encodeURIComponent(urn)}/0` };
  };

  return [
    {
      method: "POST",
      path: "/oauth/v2/accessToken",
      kind: "oauth",
      handle(request) {
        const params = request.form();
        const client = { clientId: params.get("client_id") ?? "", clientSecret: params.get("client_secret") ?? "" };
        const outcome =
          params.get("grant_type") === "authorization_code"
            ? harness.redeemCode({ ...client, code: params.get("code") ?? "", redirectUri: params.get("redirect_uri") ?? "" })
            : params.get("grant_type") === "refresh_token"
              ? harness.refresh({ ...client, refreshToken: params.get("refresh_token") ?? "" })
              : ({ ok: false, error: "invalid_grant", description: "Unsupported grant_type" } as const);
        if (!outcome.ok) {
          return outcome.error === "invalid_client"
            ? { status: 401, body: { error: "invalid_client", error_description: "Client authentication failed" } }
            : {
                status: 400,
                body: {
                  error: "invalid_request",
                  error_description: "The provided authorization grant or refresh token is invalid, expired or revoked",
                },
              };
        }
        const { tokens } = outcome;
        return {
          status: 200,
          body: {
            access_token: tokens.accessToken,
            expires_in: tokens.expiresIn,
            refresh_token: tokens.refreshToken,
            refresh_token_expires_in: 31_536_000,
            scope: tokens.scopes.join(","),
            token_type: "Bearer",
          },
        };
      },
    },
    {
      method: "GET",
      path: "/v2/userinfo",
      handle: () => ({
        status: 200,
        body: {
          ...FAKE_LINKEDIN_MEMBER,
          given_name: "Glow",
          family_name: "Fake",
          email_verified: true,
          locale: { country: "US", language: "en" },
        },
      }),
    },
    {
      method: "POST",
      path: "/rest/images",
      handle: (request) =>
        versioned(request, () => {
          if (request.url.searchParams.get("action") !== "initializeUpload") return linkedInError(400, "Unknown action");
          const owner = request.json<{ initializeUploadRequest?: { owner?: string } }>().initializeUploadRequest?.owner;
          if (owner !== AUTHOR) return linkedInError(403, `Not enough permissions to access: images for owner ${owner}`);
          const { urn, uploadUrl } = uploadOf(request, "image", 0);
          return { status: 200, body: { value: { uploadUrlExpiresAt: Date.now() + 3_600_000, uploadUrl, image: urn } } };
        }),
    },
    {
      method: "POST",
      path: "/rest/videos",
      handle: (request) =>
        versioned(request, () => {
          const action = request.url.searchParams.get("action");
          if (action === "initializeUpload") {
            const body = request.json<{ initializeUploadRequest?: { owner?: string; fileSizeBytes?: number } }>().initializeUploadRequest;
            if (body?.owner !== AUTHOR) return linkedInError(403, `Not enough permissions to access: videos for owner ${body?.owner}`);
            const size = body.fileSizeBytes ?? 0;
            const { urn, uploadUrl } = uploadOf(request, "video", size);
            // Parts of at most 4 MB, as LinkedIn splits them.
            const partSize = 4 * 1024 * 1024;
            const uploadInstructions = [];
            for (let first = 0, part = 0; first < size; first += partSize, part++) {
              uploadInstructions.push({
                uploadUrl: uploadUrl.replace(/\/0$/, `/${part}`),
                firstByte: first,
                lastByte: Math.min(size, first + partSize) - 1,
              });
            }
            return {
              status: 200,
              body: { value: { uploadUrlsExpireAt: Date.now() + 3_600_000, video: urn, uploadInstructions, uploadToken: "" } },
            };
          }
          if (action === "finalizeUpload") {
            const body = request.json<{ finalizeUploadRequest?: { video?: string; uploadedPartIds?: string[] } }>().finalizeUploadRequest;
            const upload = uploads.get(body?.video ?? "");
            if (!upload) return linkedInError(404, "Video not found");
            const bytes = Buffer.concat(upload.parts);
            if (bytes.length !== upload.size || JSON.stringify(body?.uploadedPartIds) !== JSON.stringify(upload.etags)) {
              return linkedInError(400, "Uploaded parts do not match the upload instructions");
            }
            harness.uploads.set(body!.video!, { contentType: "video/mp4", bytes });
            return { status: 200, body: {} };
          }
          return linkedInError(400, "Unknown action");
        }),
    },
    {
      method: "PUT",
      path: /^\/dms-uploads\/([^/]+)\/(\d+)$/,
      handle(request, match) {
        const urn = decodeURIComponent(match![1]!);
        const upload = uploads.get(urn);
        if (!upload) return linkedInError(404, "Upload not found");
        const part = Number(match![2]);
        upload.parts[part] = request.body;
        upload.etags[part] = `/ambry-video/signedId/${part}-${request.body.length}`;
        if (upload.kind === "image")
          harness.uploads.set(urn, { contentType: String(request.headers["content-type"] ?? ""), bytes: request.body });
        return { status: 201, headers: { etag: upload.etags[part]! } };
      },
    },
    {
      method: "POST",
      path: "/rest/posts",
      handle: (request) =>
        versioned(request, async () => {
          const body = request.json<{
            author?: string;
            commentary?: string;
            lifecycleState?: string;
            visibility?: string;
            content?: { media?: { id?: string }; multiImage?: { images?: Array<{ id?: string }> } };
          }>();
          if (body.author !== AUTHOR)
            return linkedInError(403, `Not enough permissions to access: partnerApiPostsExternal.CREATE for ${body.author}`);
          if (body.lifecycleState !== "PUBLISHED" || !body.visibility)
            return linkedInError(422, "/lifecycleState and /visibility are required");
          const commentary = body.commentary ?? "";
          if ([...unescape(commentary)].length > 3000)
            return linkedInError(422, "/commentary :: length of commentary exceeds 3000 characters");
          const mediaIds = body.content?.media?.id
            ? [body.content.media.id]
            : (body.content?.multiImage?.images ?? []).map((image) => image.id ?? "");
          for (const id of mediaIds)
            if (!harness.uploads.has(id)) return linkedInError(422, `/content/media/id :: ${id} is not an uploaded asset`);
          const urn = `urn:li:share:${harness.nextId()}`;
          await harness.recordPublish({
            externalId: urn,
            text: unescape(commentary),
            mediaUrls: mediaIds.map((id) => `${harness.url}/media/${id}`),
            idempotencyKey: null,
          });
          posts.set(urn, { commentary, createdAt: Date.now() });
          return { status: 201, headers: { "x-restli-id": urn, "x-linkedin-id": urn } };
        }),
    },
    {
      method: "GET",
      path: "/rest/posts",
      handle: (request) =>
        versioned(request, () => {
          const query = request.url.searchParams;
          if (query.get("q") !== "author" || request.headers["x-restli-method"] !== "FINDER")
            return linkedInError(400, "Unsupported finder");
          if (query.get("author") !== AUTHOR) return linkedInError(403, "Not enough permissions to access: posts of another author");
          const start = Number(query.get("start") ?? 0);
          const count = Math.min(100, Number(query.get("count") ?? 10));
          const all = [...posts].reverse();
          const elements = all.slice(start, start + count).map(([id, post]) => ({
            id,
            author: AUTHOR,
            commentary: post.commentary,
            createdAt: post.createdAt,
            publishedAt: post.createdAt,
            lastModifiedAt: post.createdAt,
            lifecycleState: "PUBLISHED",
            visibility: "PUBLIC",
          }));
          return { status: 200, body: { elements, paging: { start, count, total: all.length, links: [] } } };
        }),
    },
    {
      method: "GET",
      path: /^\/rest\/socialActions\/([^/]+)\/comments$/,
      handle: (request, match) =>
        versioned(request, () => {
          const post = decodeURIComponent(match![1]!);
          const start = Number(request.url.searchParams.get("start") ?? 0);
          const count = Math.min(100, Number(request.url.searchParams.get("count") ?? 10));
          const all = comments.filter((comment) => comment.post === post);
          const elements = all.slice(start, start + count).map((comment) => ({
            actor: comment.actor,
            commentUrn: comment.urn,
            id: comment.id,
            message: { text: comment.text, attributes: [] },
            created: { actor: comment.actor, time: comment.at.getTime() },
            lastModified: { actor: comment.actor, time: comment.at.getTime() },
            object: post,
          }));
          return { status: 200, body: { elements, paging: { start, count, total: all.length, links: [] } } };
        }),
    },
    {
      method: "POST",
      path: /^\/rest\/socialActions\/([^/]+)\/comments$/,
      handle: (request, match) =>
        versioned(request, () => {
          const target = decodeURIComponent(match![1]!);
          const body = request.json<{ actor?: string; object?: string; parentComment?: string; message?: { text?: string } }>();
          if (body.actor !== AUTHOR) return linkedInError(403, "Not enough permissions to comment as this actor");
          if (!body.message?.text) return linkedInError(422, "/message/text is required");
          const known = posts.has(target) || comments.some((comment) => comment.urn === target);
          if (!known || !body.object) return linkedInError(404, `Not found: ${target}`);
          harness.replies.push({ inReplyTo: target, text: body.message.text });
          const id = harness.nextId();
          const urn = `urn:li:comment:(${body.object},${id})`;
          return {
            status: 201,
            headers: { "x-restli-id": urn },
            body: {
              actor: AUTHOR,
              commentUrn: urn,
              id,
              message: { text: body.message.text },
              object: body.object,
              parentComment: body.parentComment,
            },
          };
        }),
    },
  ];
}

export async function startFakeLinkedIn(
  options: { accessTokenTtlSeconds?: number } = {},
): Promise<FakePlatform & { harness: FakeHarness }> {
  const comments: StoredComment[] = [];
  const fake = await startFake(
    {
      clientId: "fake-linkedin-client",
      clientSecret: "fake-linkedin-secret",
      pkce: false,
      authorizePath: "/oauth/v2/authorization",
      accessTokenTtlSeconds: options.accessTokenTtlSeconds ?? 5_184_000,
      rotateRefreshTokens: false,
      errorBody: (status, message) => linkedInError(status, message).body,
      routes: (harness) => routes(harness, comments),
    },
    (url) => ({ clientId: "fake-linkedin-client", clientSecret: "fake-linkedin-secret", apiBaseUrl: url, authBaseUrl: url }),
  );
  return {
    ...fake,
    /** Comments only (LinkedIn has no messaging API for apps); on the given post, or else the latest one published. */
    addInboxItem(item) {
      const post = item.parentExternalId ?? fake.published.at(-1)?.externalId;
      if (item.kind !== "comment" || !post) throw new Error("The LinkedIn fake takes comments on a published post only");
      const id = fake.harness.nextId();
      const urn = `urn:li:comment:(${post},${id})`;
      const actor = `urn:li:person:${item.authorHandle ?? item.authorName.replace(/\W+/g, "")}`;
      fake.harness.addInboxItem({ ...item, parentExternalId: post, authorHandle: actor }, urn);
      comments.push({ urn, id, post, actor, text: item.text, at: new Date() });
      return urn;
    },
  };
}
