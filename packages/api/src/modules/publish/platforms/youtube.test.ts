import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { samplePng, sampleVideo } from "../../../testing/fixtures/index.ts";
import { serveMedia } from "../../../testing/platforms/harness.ts";
import { FAKE_YOUTUBE_CHANNEL, FAKE_YOUTUBE_FIRST_VIDEO, googleError, startFakeYouTube } from "../../../testing/platforms/youtube.ts";
import { PlatformError, type InboxItem, type PlatformProfile, type PublishMedia, type TokenSet } from "./types.ts";
import { YouTubePlatform, youtubeTitle } from "./youtube.ts";

const REDIRECT = "http://127.0.0.1:3000/publish/accounts/callback";
const VERIFIER = "a-code-verifier-that-is-long-enough-for-pkce-0123456789";

let fake: Awaited<ReturnType<typeof startFakeYouTube>>;
let files: Awaited<ReturnType<typeof serveMedia>>;
let youtube: YouTubePlatform;
let tokens: TokenSet;
let account: PlatformProfile;

const clip = (): PublishMedia => ({ kind: "video", contentType: "video/mp4", bytes: sampleVideo().length, url: files.url("clip.mp4") });

async function failure(promise: Promise<unknown>): Promise<PlatformError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PlatformError);
  return error as PlatformError;
}

beforeAll(async () => {
  files = await serveMedia({
    "clip.mp4": { contentType: "video/mp4", bytes: sampleVideo() },
    "photo.png": { contentType: "image/png", bytes: samplePng() },
  });
});
afterAll(() => files.close());

beforeEach(async () => {
  fake = await startFakeYouTube();
  youtube = new YouTubePlatform(fake.credentials, { inboxPageSize: 2 });
  const { code } = await fake.approve(youtube.authorizeUrl({ state: "s1", codeVerifier: VERIFIER, redirectUri: REDIRECT }));
  tokens = await youtube.exchangeCode({ code, codeVerifier: VERIFIER, redirectUri: REDIRECT });
  account = await youtube.profile(tokens.accessToken);
});
afterEach(() => fake.close());

describe("YouTube", () => {
  it("builds Google's authorize URL for offline access with an S256 PKCE challenge", () => {
    expect(youtube.pkce).toBe(true);
    const url = youtube.authorizeUrl({ state: "st", codeVerifier: VERIFIER, redirectUri: REDIRECT });
    expect(url.origin + url.pathname).toBe(`${fake.url}/o/oauth2/v2/auth`);
    const real = new YouTubePlatform({ clientId: "c", clientSecret: "s" }).authorizeUrl({
      state: "st",
      codeVerifier: VERIFIER,
      redirectUri: REDIRECT,
    });
    expect(real.origin + real.pathname).toBe("https://accounts.google.com/o/oauth2/v2/auth");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_id: fake.credentials.clientId,
      redirect_uri: REDIRECT,
      response_type: "code",
      state: "st",
      access_type: "offline",
      prompt: "consent",
      code_challenge: createHash("sha256").update(VERIFIER).digest("base64url"),
      code_challenge_method: "S256",
    });
    expect(url.searchParams.get("scope")!.split(" ")).toEqual(
      expect.arrayContaining(["https://www.googleapis.com/auth/youtube.upload", "https://www.googleapis.com/auth/youtube.force-ssl"]),
    );
  });

  it("exchanges the code for an expiring access token and a refresh token, and reads the channel", () => {
    expect(tokens.refreshToken).toBeTruthy();
    expect(tokens.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 3500 * 1000);
    expect(tokens.expiresAt!.getTime()).toBeLessThan(Date.now() + 3600 * 1000);
    expect(account).toEqual({
      externalId: FAKE_YOUTUBE_CHANNEL.id,
      handle: FAKE_YOUTUBE_CHANNEL.customUrl,
      displayName: FAKE_YOUTUBE_CHANNEL.title,
    });
  });

  it("refuses a code with the wrong PKCE verifier", async () => {
    const { code } = await fake.approve(youtube.authorizeUrl({ state: "s2", codeVerifier: VERIFIER, redirectUri: REDIRECT }));
    const error = await failure(youtube.exchangeCode({ code, codeVerifier: `${VERIFIER}-wrong`, redirectUri: REDIRECT }));
    expect(error).toMatchObject({ status: 400, message: "Invalid code verifier." });
  });

  it("refreshes keeping Google's refresh token; a revoked one is unauthorized", async () => {
    const fresh = await youtube.refresh(tokens.refreshToken!);
    expect(fresh.accessToken).not.toBe(tokens.accessToken);
    expect(fresh.refreshToken).toBe(tokens.refreshToken);
    expect((await youtube.profile(fresh.accessToken)).externalId).toBe(FAKE_YOUTUBE_CHANNEL.id);
    fake.revokeRefreshTokens();
    expect(await failure(youtube.refresh(tokens.refreshToken!))).toMatchObject({
      kind: "unauthorized",
      message: "Token has been expired or revoked.",
    });
  });

  it("an expired access token is unauthorized", async () => {
    fake.expireAccessTokens();
    const error = await failure(youtube.profile(tokens.accessToken));
    expect(error).toMatchObject({ kind: "unauthorized", status: 401 });
    expect(error.message).toMatch(/^Request had invalid authentication credentials/);
  });

  it("uploads the video's bytes with the resumable protocol, titled by the first line", async () => {
    const text = "My first <short>\nShot in Lisbon, with friends.";
    const post = await youtube.publish(tokens.accessToken, account, { text, media: [clip()], idempotencyKey: "k1" });
    expect(post).toEqual({ externalId: fake.published[0]!.externalId, url: `https://www.youtube.com/watch?v=${post.externalId}` });
    expect(fake.published[0]).toMatchObject({ text: "My first short\nShot in Lisbon, with friends.", idempotencyKey: null });
    expect(fake.harness.uploads.get(post.externalId)!.bytes.equals(sampleVideo())).toBe(true);
  });

  it("titles stay within YouTube's 100 characters and without angle brackets", () => {
    expect(youtubeTitle(`${"a".repeat(150)}\nrest`)).toBe("a".repeat(100));
    expect(youtubeTitle("<b>Bold</b> move")).toBe("bBold/b move");
    expect(youtubeTitle("\nno first line")).toBe("Video");
  });

  it("takes exactly one video", async () => {
    const image: PublishMedia = { kind: "image", contentType: "image/png", bytes: 10, url: files.url("photo.png") };
    expect((await failure(youtube.publish(tokens.accessToken, account, { text: "Pic", media: [image], idempotencyKey: "k1" }))).kind).toBe(
      "rejected",
    );
    expect(
      (await failure(youtube.publish(tokens.accessToken, account, { text: "Two", media: [clip(), clip()], idempotencyKey: "k2" }))).kind,
    ).toBe("rejected");
    expect(fake.published).toEqual([]);
  });

  it("quota and rate limits are rate_limited: quotaExceeded waits for the Pacific midnight reset, 429 for Retry-After", async () => {
    fake.failNext(1, { status: 403 });
    const quota = await failure(youtube.publish(tokens.accessToken, account, { text: "Later", media: [clip()], idempotencyKey: "k1" }));
    expect(quota).toMatchObject({ kind: "rate_limited", status: 403 });
    expect(quota.message).toMatch(/exceeded your/);
    expect(quota.retryAfterMs).toBeGreaterThan(0);
    expect(quota.retryAfterMs).toBeLessThanOrEqual(25 * 3_600_000);

    fake.failNext(1, { status: 429, headers: { "retry-after": "12" } });
    expect(await failure(youtube.profile(tokens.accessToken))).toMatchObject({ kind: "rate_limited", retryAfterMs: 12_000 });

    fake.failNext(1, { status: 403, body: googleError(403, "User rate limit exceeded.", "userRateLimitExceeded", "usageLimits").body });
    expect(await failure(youtube.profile(tokens.accessToken))).toMatchObject({ kind: "rate_limited", retryAfterMs: null });
    expect(fake.published).toEqual([]);
  });

  it("5xx is unavailable, other 4xx rejected with Google's message", async () => {
    fake.failNext(1, { status: 503 });
    expect(
      await failure(youtube.publish(tokens.accessToken, account, { text: "Down", media: [clip()], idempotencyKey: "k1" })),
    ).toMatchObject({
      kind: "unavailable",
      status: 503,
      message: "The service is currently unavailable.",
    });
    fake.failNext(1, {
      status: 400,
      body: googleError(400, "The request metadata specifies an invalid video title.", "invalidTitle", "youtube.video").body,
    });
    expect(
      await failure(youtube.publish(tokens.accessToken, account, { text: "Bad", media: [clip()], idempotencyKey: "k2" })),
    ).toMatchObject({
      kind: "rejected",
      status: 400,
      message: "The request metadata specifies an invalid video title.",
    });
    expect(fake.published).toEqual([]);
  });

  it("finds an upload again among the channel's uploads by its description, and nothing before it exists", async () => {
    const text = "Lost answer\nsecond line";
    const attempt = { idempotencyKey: "k1", text, since: new Date() };
    expect(await youtube.findPublished(tokens.accessToken, account, attempt)).toBeNull();
    const post = await youtube.publish(tokens.accessToken, account, { text, media: [clip()], idempotencyKey: "k1" });
    expect(await youtube.findPublished(tokens.accessToken, account, attempt)).toEqual(post);
    expect(await youtube.findPublished(tokens.accessToken, account, { ...attempt, since: new Date(Date.now() + 3_600_000) })).toBeNull();
  });

  it("reads the channel's comment threads page by page with the cursor (YouTube has no direct messages)", async () => {
    const ids = ["ana", "ben", "cleo", "dan", "eve"].map((name) =>
      fake.addInboxItem({ kind: "comment", text: `Great video, from ${name}`, authorName: name, authorHandle: name }),
    );
    fake.addInboxItem({ kind: "message", text: "never listed", authorName: "zed" });
    const items: InboxItem[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await youtube.fetchInbox(tokens.accessToken, account, cursor);
      expect(page.items.length).toBeLessThanOrEqual(2);
      items.push(...page.items);
      cursor = page.cursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(items.map((item) => item.externalId).toSorted()).toEqual(ids.toSorted());
    expect(items.find((item) => item.authorHandle === "@ana")).toMatchObject({
      kind: "comment",
      parentExternalId: FAKE_YOUTUBE_FIRST_VIDEO,
      authorName: "@ana",
      text: "Great video, from ana",
    });
  });

  it("replies under a comment; a direct message cannot be answered", async () => {
    const comment = fake.addInboxItem({ kind: "comment", text: "Which camera?", authorName: "ana" });
    const reply = await youtube.reply(
      tokens.accessToken,
      account,
      { externalId: comment, kind: "comment", parentExternalId: FAKE_YOUTUBE_FIRST_VIDEO },
      "A phone!",
    );
    expect(reply.externalId.startsWith(`${comment}.`)).toBe(true);
    expect(fake.replies).toEqual([{ inReplyTo: comment, text: "A phone!" }]);
    const unknown = await failure(
      youtube.reply(tokens.accessToken, account, { externalId: "Ugzmissing", kind: "comment", parentExternalId: null }, "Hi"),
    );
    expect(unknown).toMatchObject({ kind: "rejected", status: 404 });
    expect(
      (await failure(youtube.reply(tokens.accessToken, account, { externalId: "m1", kind: "message", parentExternalId: null }, "Hi"))).kind,
    ).toBe("rejected");
  });
});
