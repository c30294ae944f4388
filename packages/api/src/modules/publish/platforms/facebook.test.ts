import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { samplePng, sampleVideo } from "../../../testing/fixtures/index.ts";
import { FAKE_FACEBOOK_PAGE, startFakeFacebook } from "../../../testing/platforms/facebook.ts";
import { serveMedia } from "../../../testing/platforms/harness.ts";
import { FacebookPlatform } from "./facebook.ts";
import { PlatformError, type InboxItem, type PlatformProfile, type TokenSet } from "./types.ts";

const REDIRECT = "http://127.0.0.1:3000/publish/accounts/callback";
const VERIFIER = "unused-by-meta-which-has-no-pkce-0123456789";

let fake: Awaited<ReturnType<typeof startFakeFacebook>>;
let media: Awaited<ReturnType<typeof serveMedia>>;
let facebook: FacebookPlatform;
let tokens: TokenSet;
let account: PlatformProfile;

async function connect(platform: FacebookPlatform): Promise<TokenSet> {
  const { code } = await fake.approve(platform.authorizeUrl({ state: "s1", codeVerifier: VERIFIER, redirectUri: REDIRECT }));
  return platform.exchangeCode({ code, codeVerifier: VERIFIER, redirectUri: REDIRECT });
}

async function failure(promise: Promise<unknown>): Promise<PlatformError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PlatformError);
  return error as PlatformError;
}

async function wholeInbox(): Promise<{ items: InboxItem[]; pages: number }> {
  const items: InboxItem[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page = await facebook.fetchInbox(tokens.accessToken, account, cursor);
    items.push(...page.items);
    cursor = page.cursor;
    pages += 1;
  } while (cursor && pages < 20);
  return { items, pages };
}

beforeAll(async () => {
  media = await serveMedia({
    "photo.png": { contentType: "image/png", bytes: samplePng() },
    "second.png": { contentType: "image/png", bytes: samplePng() },
    "clip.mp4": { contentType: "video/mp4", bytes: sampleVideo() },
  });
});
afterAll(() => media.close());

beforeEach(async () => {
  fake = await startFakeFacebook();
  facebook = new FacebookPlatform(fake.credentials, { inboxPageSize: 2 });
  tokens = await connect(facebook);
  account = await facebook.profile(tokens.accessToken);
});
afterEach(() => fake.close());

describe("Facebook Pages", () => {
  it("builds Facebook Login's authorize URL with the app, the Page scopes and no PKCE (Meta has none)", () => {
    expect(facebook.pkce).toBe(false);
    const url = facebook.authorizeUrl({ state: "st", codeVerifier: VERIFIER, redirectUri: REDIRECT });
    expect(url.origin + url.pathname).toBe(`${fake.url}/v21.0/dialog/oauth`);
    const real = new FacebookPlatform({ clientId: "c", clientSecret: "s" }).authorizeUrl({
      state: "st",
      codeVerifier: VERIFIER,
      redirectUri: REDIRECT,
    });
    expect(real.origin + real.pathname).toBe("https://www.facebook.com/v21.0/dialog/oauth");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: "fake-meta-app",
      redirect_uri: REDIRECT,
      state: "st",
      response_type: "code",
    });
    expect(url.searchParams.get("scope")!.split(",")).toEqual(expect.arrayContaining(["pages_manage_posts", "pages_messaging"]));
    expect(url.searchParams.has("code_challenge")).toBe(false);
  });

  it("exchanges the code for a long-lived token (its own refresh) and reads the Page as the profile", () => {
    expect(tokens.refreshToken).toBe(tokens.accessToken);
    expect(tokens.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 59 * 86_400_000);
    expect(account).toEqual({
      externalId: FAKE_FACEBOOK_PAGE.id,
      handle: FAKE_FACEBOOK_PAGE.username,
      displayName: FAKE_FACEBOOK_PAGE.name,
    });
  });

  it("refuses a code redeemed for another redirect URI, with Meta's message", async () => {
    const { code } = await fake.approve(facebook.authorizeUrl({ state: "s2", codeVerifier: VERIFIER, redirectUri: REDIRECT }));
    const error = await failure(facebook.exchangeCode({ code, codeVerifier: VERIFIER, redirectUri: `${REDIRECT}/other` }));
    expect(error.kind).toBe("rejected");
    expect(error.message).toMatch(/^Error validating verification code/);
  });

  it("refreshes by exchanging the long-lived token, and a revoked one is unauthorized", async () => {
    const fresh = await facebook.refresh(tokens.refreshToken!);
    expect(fresh.accessToken).not.toBe(tokens.accessToken);
    expect(await facebook.profile(fresh.accessToken)).toEqual(account);
    fake.revokeRefreshTokens();
    const error = await failure(facebook.refresh(fresh.refreshToken!));
    expect(error.kind).toBe("unauthorized");
    expect(error.message).toMatch(/session has been invalidated/);
  });

  it("an expired access token is unauthorized until refreshed", async () => {
    fake.expireAccessTokens();
    const error = await failure(facebook.profile(tokens.accessToken));
    expect(error).toMatchObject({ kind: "unauthorized", status: 401 });
    expect(error.message).toMatch(/Session has expired/);
    const fresh = await facebook.refresh(tokens.refreshToken!);
    expect((await facebook.profile(fresh.accessToken)).externalId).toBe(FAKE_FACEBOOK_PAGE.id);
  });

  it("signs every call with appsecret_proof; a token used with another app's secret is refused", async () => {
    const stranger = new FacebookPlatform({ ...fake.credentials, clientSecret: "someone-elses-secret" });
    const error = await failure(stranger.profile(tokens.accessToken));
    expect(error).toMatchObject({ kind: "rejected", message: "Invalid appsecret_proof provided in the API argument" });
  });

  it("a delayed publish creates the post only after the delay (what a worker killed mid-call leaves behind)", async () => {
    fake.delayNextPublish(300);
    const publishing = facebook.publish(tokens.accessToken, account, { text: "Slow", media: [], idempotencyKey: "k1" });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.published).toEqual([]);
    const post = await publishing;
    expect(fake.published.map((entry) => entry.externalId)).toEqual([post.externalId]);
  });

  it("publishes text to the Page's feed", async () => {
    const post = await facebook.publish(tokens.accessToken, account, { text: "Hello, Page", media: [], idempotencyKey: "k1" });
    expect(fake.published).toEqual([
      { externalId: post.externalId, text: "Hello, Page", mediaUrls: [], idempotencyKey: null, at: expect.any(Date) },
    ]);
    expect(post.externalId).toMatch(new RegExp(`^${FAKE_FACEBOOK_PAGE.id}_\\d+$`));
    expect(post.url).toBe(`https://www.facebook.com/${post.externalId}`);
  });

  it("publishes a photo, several photos and a video by URL (Meta fetches them)", async () => {
    const image = (name: string) => ({ kind: "image" as const, contentType: "image/png", bytes: 100, url: media.url(name) });
    await facebook.publish(tokens.accessToken, account, { text: "One", media: [image("photo.png")], idempotencyKey: "k1" });
    await facebook.publish(tokens.accessToken, account, {
      text: "Two",
      media: [image("photo.png"), image("second.png")],
      idempotencyKey: "k2",
    });
    const video = await facebook.publish(tokens.accessToken, account, {
      text: "Clip",
      media: [{ kind: "video", contentType: "video/mp4", bytes: 100, url: media.url("clip.mp4") }],
      idempotencyKey: "k3",
    });
    expect(fake.published.map((post) => [post.text, post.mediaUrls])).toEqual([
      ["One", [media.url("photo.png")]],
      ["Two", [media.url("photo.png"), media.url("second.png")]],
      ["Clip", [media.url("clip.mp4")]],
    ]);
    expect(video.externalId).toBe(fake.published[2]!.externalId);
    expect(video.url).toMatch(/\/videos\/\d+$/);
  });

  it("a photo Meta cannot fetch is rejected with Meta's message", async () => {
    const error = await failure(
      facebook.publish(tokens.accessToken, account, {
        text: "Broken",
        media: [{ kind: "image", contentType: "image/png", bytes: 1, url: media.url("missing.png") }],
        idempotencyKey: "k1",
      }),
    );
    expect(error).toMatchObject({ kind: "rejected", status: 400, message: "(#324) Missing or invalid image file" });
    expect(fake.published).toEqual([]);
  });

  it("a post with neither text nor media is rejected with Meta's message", async () => {
    const error = await failure(facebook.publish(tokens.accessToken, account, { text: "", media: [], idempotencyKey: "k1" }));
    expect(error).toMatchObject({ kind: "rejected", status: 400, message: "(#100) Missing message or attachment" });
  });

  it("throttling is rate_limited: 429, Meta's codes on a 400, and the wait from Retry-After or Meta's usage header", async () => {
    fake.failNext(1, { status: 429, headers: { "retry-after": "7" } });
    expect(await failure(facebook.profile(tokens.accessToken))).toMatchObject({ kind: "rate_limited", status: 429, retryAfterMs: 7000 });

    const usage = {
      [FAKE_FACEBOOK_PAGE.id]: [{ type: "pages", call_count: 100, total_cputime: 3, total_time: 4, estimated_time_to_regain_access: 3 }],
    };
    fake.failNext(1, {
      status: 400,
      body: { error: { message: "(#32) Page request limit reached", type: "OAuthException", code: 32, fbtrace_id: "x" } },
      headers: { "x-business-use-case-usage": JSON.stringify(usage) },
    });
    const error = await failure(facebook.publish(tokens.accessToken, account, { text: "Later", media: [], idempotencyKey: "k1" }));
    expect(error).toMatchObject({ kind: "rate_limited", status: 400, retryAfterMs: 180_000, message: "(#32) Page request limit reached" });
    expect(fake.published).toEqual([]);
  });

  it("5xx answers and unreachable hosts are unavailable", async () => {
    fake.failNext(1, { status: 503 });
    const error = await failure(facebook.publish(tokens.accessToken, account, { text: "Down", media: [], idempotencyKey: "k1" }));
    expect(error).toMatchObject({ kind: "unavailable", status: 503 });
    expect(error.retryable).toBe(true);

    const closed = await startFakeFacebook();
    await closed.close();
    const offline = new FacebookPlatform(closed.credentials);
    expect((await failure(offline.profile(tokens.accessToken))).kind).toBe("unavailable");
  });

  it("finds a post again by its text after a lost answer, and nothing when none was made", async () => {
    const since = new Date();
    const attempt = { idempotencyKey: "k1", text: "Lost answer", since };
    expect(await facebook.findPublished(tokens.accessToken, account, attempt)).toBeNull();
    const post = await facebook.publish(tokens.accessToken, account, { text: "Lost answer", media: [], idempotencyKey: "k1" });
    expect(await facebook.findPublished(tokens.accessToken, account, attempt)).toEqual({
      externalId: post.externalId,
      url: expect.stringContaining(post.externalId),
    });
    expect(await facebook.findPublished(tokens.accessToken, account, { ...attempt, text: "Another text" })).toBeNull();
  });

  it("reads Messenger messages, then comments, page by page with the cursor", async () => {
    const messages = ["Ana", "Ben", "Cleo"].map((authorName) =>
      fake.addInboxItem({ kind: "message", text: `Hi from ${authorName}`, authorName }),
    );
    const comments = ["Dan", "Eve", "Finn"].map((authorName) =>
      fake.addInboxItem({ kind: "comment", text: `Nice, ${authorName}`, authorName }),
    );
    const { items, pages } = await wholeInbox();
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(
      items
        .filter((item) => item.kind === "message")
        .map((item) => item.externalId)
        .toSorted(),
    ).toEqual(messages.toSorted());
    expect(
      items
        .filter((item) => item.kind === "comment")
        .map((item) => item.externalId)
        .toSorted(),
    ).toEqual(comments.toSorted());
    const ana = items.find((item) => item.authorName === "Ana")!;
    expect(ana).toMatchObject({ kind: "message", text: "Hi from Ana", parentExternalId: null, receivedAt: expect.any(Date) });
    expect(items.find((item) => item.authorName === "Dan")).toMatchObject({
      kind: "comment",
      parentExternalId: `${FAKE_FACEBOOK_PAGE.id}_1000`,
    });
  });

  it("answers a message in Messenger and a comment under the post", async () => {
    const message = fake.addInboxItem({ kind: "message", text: "Open today?", authorName: "Ana" });
    const comment = fake.addInboxItem({ kind: "comment", text: "Love it", authorName: "Ben" });
    const sent = await facebook.reply(
      tokens.accessToken,
      account,
      { externalId: message, kind: "message", parentExternalId: null },
      "Until 6pm",
    );
    await facebook.reply(
      tokens.accessToken,
      account,
      { externalId: comment, kind: "comment", parentExternalId: `${FAKE_FACEBOOK_PAGE.id}_1000` },
      "Thanks!",
    );
    expect(sent.externalId).toMatch(/^m_/);
    expect(fake.replies).toEqual([
      { inReplyTo: message, text: "Until 6pm" },
      { inReplyTo: comment, text: "Thanks!" },
    ]);
  });
});
