import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sampleVideo } from "../../../testing/fixtures/index.ts";
import { serveMedia } from "../../../testing/platforms/harness.ts";
import { FAKE_TIKTOK_USER, startFakeTikTok } from "../../../testing/platforms/tiktok.ts";
import { TikTokPlatform } from "./tiktok.ts";
import { PlatformError, type PlatformProfile, type PublishMedia, type TokenSet } from "./types.ts";

const REDIRECT = "http://127.0.0.1:3000/publish/accounts/callback";
const VERIFIER = "tiktok-code-verifier-long-enough-for-pkce-0123456789abcdef";

let fake: Awaited<ReturnType<typeof startFakeTikTok>>;
let media: Awaited<ReturnType<typeof serveMedia>>;
let tiktok: TikTokPlatform;
let tokens: TokenSet;
let account: PlatformProfile;
let clip: PublishMedia;

async function failure(promise: Promise<unknown>): Promise<PlatformError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PlatformError);
  return error as PlatformError;
}

const post = (text: string) => ({ text, media: [clip], idempotencyKey: `key-${text}` });

beforeAll(async () => {
  media = await serveMedia({ "clip.mp4": { contentType: "video/mp4", bytes: sampleVideo() } });
  clip = { kind: "video", contentType: "video/mp4", bytes: sampleVideo().length, url: media.url("clip.mp4") };
});
afterAll(() => media.close());

beforeEach(async () => {
  fake = await startFakeTikTok();
  tiktok = new TikTokPlatform(fake.credentials, { statusPollMs: 10 });
  const { code } = await fake.approve(tiktok.authorizeUrl({ state: "s1", codeVerifier: VERIFIER, redirectUri: REDIRECT }));
  tokens = await tiktok.exchangeCode({ code, codeVerifier: VERIFIER, redirectUri: REDIRECT });
  account = await tiktok.profile(tokens.accessToken);
});
afterEach(() => fake.close());

describe("TikTok", () => {
  it("builds the authorize URL with client_key, comma-separated scopes and an S256 PKCE challenge", () => {
    const url = tiktok.authorizeUrl({ state: "st", codeVerifier: VERIFIER, redirectUri: REDIRECT });
    expect(url.origin + url.pathname).toBe(`${fake.url}/v2/auth/authorize/`);
    expect(
      new TikTokPlatform({ clientId: "c", clientSecret: "s" }).authorizeUrl({ state: "st", codeVerifier: VERIFIER, redirectUri: REDIRECT })
        .origin,
    ).toBe("https://www.tiktok.com");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      client_key: "fake-tiktok-client-key",
      response_type: "code",
      redirect_uri: REDIRECT,
      state: "st",
      code_challenge: createHash("sha256").update(VERIFIER).digest("base64url"),
      code_challenge_method: "S256",
    });
    expect(url.searchParams.get("scope")!.split(",")).toEqual(expect.arrayContaining(["user.info.basic", "video.publish"]));
  });

  it("exchanges the code for a day-long token and reads the user", () => {
    expect(tokens.refreshToken).toBeTruthy();
    expect(tokens.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 86_000 * 1000);
    expect(account).toEqual({
      externalId: FAKE_TIKTOK_USER.open_id,
      handle: FAKE_TIKTOK_USER.username,
      displayName: FAKE_TIKTOK_USER.display_name,
    });
  });

  it("refuses a code exchanged with the wrong PKCE verifier", async () => {
    const { code } = await fake.approve(tiktok.authorizeUrl({ state: "s2", codeVerifier: VERIFIER, redirectUri: REDIRECT }));
    const error = await failure(tiktok.exchangeCode({ code, codeVerifier: "another-verifier", redirectUri: REDIRECT }));
    expect(error).toMatchObject({ kind: "rejected", status: 400, message: "Authorization code or refresh token is expired or invalid." });
  });

  it("refreshes, and a revoked refresh token means the account must reconnect", async () => {
    const fresh = await tiktok.refresh(tokens.refreshToken!);
    expect((await tiktok.profile(fresh.accessToken)).externalId).toBe(FAKE_TIKTOK_USER.open_id);
    fake.revokeRefreshTokens();
    expect((await failure(tiktok.refresh(fresh.refreshToken!))).kind).toBe("unauthorized");
  });

  it("publishes a video TikTok pulls from its URL, waiting until the post exists", async () => {
    const published = await tiktok.publish(tokens.accessToken, account, post("First clip #glow"));
    expect(fake.published).toEqual([
      expect.objectContaining({ externalId: published.externalId, text: "First clip #glow", mediaUrls: [clip.url] }),
    ]);
    expect(published.url).toBe(`https://www.tiktok.com/@${FAKE_TIKTOK_USER.username}/video/${published.externalId}`);
    expect([...fake.harness.uploads.values()][0]!.bytes.equals(sampleVideo())).toBe(true);
  });

  it("keeps waiting for the post when a status check fails after TikTok took the video", async () => {
    fake.harness.failNextOn("/v2/post/publish/status/fetch/", 2, { status: 503 });
    const published = await tiktok.publish(tokens.accessToken, account, post("Patient clip"));
    expect(published.externalId).toMatch(/^\d+$/); // the post itself, not the publish id
    expect(fake.published.map((entry) => entry.externalId)).toEqual([published.externalId]);
  });

  it("refuses a post without exactly one video before calling TikTok, and reports a download TikTok could not make", async () => {
    expect((await failure(tiktok.publish(tokens.accessToken, account, { text: "words only", media: [], idempotencyKey: "k" }))).kind).toBe(
      "rejected",
    );
    const gone = { ...clip, url: media.url("missing.mp4") };
    const error = await failure(tiktok.publish(tokens.accessToken, account, { text: "gone", media: [gone], idempotencyKey: "k2" }));
    expect(error).toMatchObject({ kind: "rejected", message: "TikTok could not publish the video: file_format_check_failed" });
    expect(fake.published).toEqual([]);
  });

  it("reads a 429 as rate_limited, after Retry-After or TikTok's one-minute window", async () => {
    fake.failNext(1, { status: 429 });
    expect(await failure(tiktok.publish(tokens.accessToken, account, post("a")))).toMatchObject({
      kind: "rate_limited",
      retryAfterMs: 60_000,
      status: 429,
    });
    fake.failNext(1, { status: 429, headers: { "retry-after": "7" } });
    expect((await failure(tiktok.profile(tokens.accessToken))).retryAfterMs).toBe(7_000);
  });

  it("reads a 503 as unavailable", async () => {
    fake.failNext(1, { status: 503 });
    expect(await failure(tiktok.profile(tokens.accessToken))).toMatchObject({ kind: "unavailable", status: 503 });
  });

  it("rejects a 4xx with TikTok's own message", async () => {
    fake.failNext(1, {
      status: 403,
      body: { data: {}, error: { code: "spam_risk_too_many_posts", message: "The daily post cap is reached.", log_id: "L" } },
    });
    expect(await failure(tiktok.publish(tokens.accessToken, account, post("b")))).toMatchObject({
      kind: "rejected",
      status: 403,
      message: "The daily post cap is reached.",
    });
    // TikTok can also say "failed" in the envelope of a 200.
    fake.failNext(1, {
      status: 200,
      body: { data: {}, error: { code: "url_ownership_unverified", message: "Verify the URL's domain.", log_id: "L" } },
    });
    expect(await failure(tiktok.profile(tokens.accessToken))).toMatchObject({
      kind: "rejected",
      status: 200,
      message: "Verify the URL's domain.",
    });
  });

  it("reads an expired access token as unauthorized", async () => {
    fake.expireAccessTokens();
    expect(await failure(tiktok.publish(tokens.accessToken, account, post("late")))).toMatchObject({ kind: "unauthorized", status: 401 });
    expect(fake.published).toEqual([]);
  });

  it("finds a post made since the attempt started by its caption, and nothing when none was made", async () => {
    const since = new Date();
    expect(await tiktok.findPublished(tokens.accessToken, account, { idempotencyKey: "k", text: "Lost answer", since })).toBeNull();
    const published = await tiktok.publish(tokens.accessToken, account, post("Lost answer"));
    await tiktok.publish(tokens.accessToken, account, post("Another clip"));
    expect(await tiktok.findPublished(tokens.accessToken, account, { idempotencyKey: "k", text: "Lost answer", since })).toEqual(published);
    expect(await tiktok.findPublished(tokens.accessToken, account, { idempotencyKey: "k", text: "Never posted", since })).toBeNull();
  });

  it("has an empty inbox and refuses replies, as TikTok's API gives apps neither", async () => {
    fake.addInboxItem({ kind: "comment", text: "nice", authorName: "Ana" });
    expect(await tiktok.fetchInbox()).toEqual({ items: [], cursor: null });
    const error = await failure(tiktok.reply(tokens.accessToken, account, { externalId: "1", kind: "comment", parentExternalId: "2" }));
    expect(error.kind).toBe("rejected");
    expect(fake.replies).toEqual([]);
  });
});
