import { createHash } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { samplePng, sampleVideo } from "../../../testing/fixtures/index.ts";
import { serveMedia } from "../../../testing/platforms/harness.ts";
import { FAKE_X_ACCOUNT, startFakeX } from "../../../testing/platforms/x.ts";
import { PlatformError, type PlatformProfile, type TokenSet } from "./types.ts";
import { XPlatform } from "./x.ts";

const REDIRECT = "http://127.0.0.1:3000/publish/accounts/callback";
const VERIFIER = "a-code-verifier-that-is-long-enough-for-pkce-0123456789";

let fake: Awaited<ReturnType<typeof startFakeX>>;
let media: Awaited<ReturnType<typeof serveMedia>>;
let x: XPlatform;
let tokens: TokenSet;
let account: PlatformProfile;

async function connect(platform: XPlatform): Promise<TokenSet> {
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

beforeAll(async () => {
  media = await serveMedia({
    "photo.png": { contentType: "image/png", bytes: samplePng() },
    "clip.mp4": { contentType: "video/mp4", bytes: sampleVideo() },
  });
});
afterAll(() => media.close());

beforeEach(async () => {
  fake = await startFakeX();
  x = new XPlatform(fake.credentials, { inboxPageSize: 2 });
  tokens = await connect(x);
  account = await x.profile(tokens.accessToken);
});
afterEach(() => fake.close());

describe("X", () => {
  it("builds the authorize URL with the client, scopes and an S256 PKCE challenge", () => {
    const url = x.authorizeUrl({ state: "st", codeVerifier: VERIFIER, redirectUri: REDIRECT });
    expect(url.origin + url.pathname).toBe(`${fake.url}/i/oauth2/authorize`);
    expect(
      new XPlatform({ clientId: "c", clientSecret: "s" }).authorizeUrl({ state: "st", codeVerifier: VERIFIER, redirectUri: REDIRECT })
        .origin,
    ).toBe("https://twitter.com");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: "code",
      client_id: "fake-x-client",
      redirect_uri: REDIRECT,
      state: "st",
      code_challenge: createHash("sha256").update(VERIFIER).digest("base64url"),
      code_challenge_method: "S256",
    });
    expect(url.searchParams.get("scope")!.split(" ")).toEqual(expect.arrayContaining(["tweet.write", "offline.access", "dm.read"]));
  });

  it("exchanges the code for tokens that expire, and reads the profile", () => {
    expect(tokens.refreshToken).toBeTruthy();
    expect(tokens.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 7000 * 1000);
    expect(tokens.scopes).toContain("tweet.write");
    expect(account).toEqual({ externalId: FAKE_X_ACCOUNT.id, handle: FAKE_X_ACCOUNT.username, displayName: FAKE_X_ACCOUNT.name });
  });

  it("refuses a code exchanged with the wrong PKCE verifier", async () => {
    const { code } = await fake.approve(x.authorizeUrl({ state: "s2", codeVerifier: VERIFIER, redirectUri: REDIRECT }));
    const error = await failure(x.exchangeCode({ code, codeVerifier: `${VERIFIER}-wrong`, redirectUri: REDIRECT }));
    expect(error.kind).toBe("rejected");
    expect(error.message).toBe("Value passed for the token was invalid.");
  });

  it("refuses a client with the wrong secret at the token endpoint", async () => {
    const impostor = new XPlatform({ ...fake.credentials, clientSecret: "not-the-secret" });
    const { code } = await fake.approve(impostor.authorizeUrl({ state: "s3", codeVerifier: VERIFIER, redirectUri: REDIRECT }));
    const error = await failure(impostor.exchangeCode({ code, codeVerifier: VERIFIER, redirectUri: REDIRECT }));
    expect(error).toMatchObject({ kind: "unauthorized", status: 401 });
  });

  it("stops taking an access token once its lifetime is over", async () => {
    const shortLived = await startFakeX({ accessTokenTtlSeconds: 1 });
    try {
      const platform = new XPlatform(shortLived.credentials);
      const { code } = await shortLived.approve(platform.authorizeUrl({ state: "s4", codeVerifier: VERIFIER, redirectUri: REDIRECT }));
      const issued = await platform.exchangeCode({ code, codeVerifier: VERIFIER, redirectUri: REDIRECT });
      expect(issued.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
      await platform.profile(issued.accessToken);
      await new Promise((resolve) => setTimeout(resolve, 1100));
      expect((await failure(platform.profile(issued.accessToken))).kind).toBe("unauthorized");
    } finally {
      await shortLived.close();
    }
  });

  it("refreshes, and a revoked refresh token means the account must reconnect", async () => {
    const fresh = await x.refresh(tokens.refreshToken!);
    expect(fresh.accessToken).not.toBe(tokens.accessToken);
    expect(await x.profile(fresh.accessToken)).toEqual(account);
    fake.revokeRefreshTokens();
    const error = await failure(x.refresh(fresh.refreshToken!));
    expect(error.kind).toBe("unauthorized");
  });

  it("publishes text", async () => {
    const post = await x.publish(tokens.accessToken, account, { text: "Hello from Glow", media: [], idempotencyKey: "k1" });
    expect(post.url).toBe(`https://x.com/${FAKE_X_ACCOUNT.username}/status/${post.externalId}`);
    expect(fake.published).toEqual([expect.objectContaining({ externalId: post.externalId, text: "Hello from Glow", mediaUrls: [] })]);
  });

  it("uploads images and a video from their signed URLs and attaches them", async () => {
    const photo = { kind: "image" as const, contentType: "image/png", bytes: samplePng().length, url: media.url("photo.png") };
    await x.publish(tokens.accessToken, account, { text: "Two photos", media: [photo, photo], idempotencyKey: "k2" });
    const clip = { kind: "video" as const, contentType: "video/mp4", bytes: sampleVideo().length, url: media.url("clip.mp4") };
    await x.publish(tokens.accessToken, account, { text: "A clip", media: [clip], idempotencyKey: "k3" });
    expect(fake.published.map((post) => post.mediaUrls.length)).toEqual([2, 1]);
    const uploaded = fake.published[1]!.mediaUrls[0]!.split("/").at(-1)!;
    expect(fake.harness.uploads.get(uploaded)!.bytes.equals(sampleVideo())).toBe(true);
  });

  it("reads a 429 as rate_limited until x-rate-limit-reset", async () => {
    const reset = Math.floor(Date.now() / 1000) + 120;
    fake.failNext(1, { status: 429, headers: { "x-rate-limit-reset": String(reset) } });
    const error = await failure(x.publish(tokens.accessToken, account, { text: "Too soon", media: [], idempotencyKey: "k4" }));
    expect(error).toMatchObject({ kind: "rate_limited", status: 429, message: "Too Many Requests" });
    expect(error.retryAfterMs).toBeGreaterThan(110_000);
    expect(error.retryAfterMs).toBeLessThanOrEqual(120_000);
    expect(error.retryable).toBe(true);
  });

  it("reads a 503 as unavailable and a closed port as unavailable", async () => {
    fake.failNext(1, { status: 503 });
    expect((await failure(x.profile(tokens.accessToken))).kind).toBe("unavailable");
    const nowhere = new XPlatform({ clientId: "c", clientSecret: "s", apiBaseUrl: "http://127.0.0.1:1" });
    expect((await failure(nowhere.profile(tokens.accessToken))).kind).toBe("unavailable");
  });

  it("rejects a 4xx with X's own detail", async () => {
    await x.publish(tokens.accessToken, account, { text: "Same words", media: [], idempotencyKey: "k5" });
    const error = await failure(x.publish(tokens.accessToken, account, { text: "Same words", media: [], idempotencyKey: "k6" }));
    expect(error).toMatchObject({
      kind: "rejected",
      status: 403,
      message: "You are not allowed to create a Tweet with duplicate content.",
    });
    expect(error.retryable).toBe(false);
  });

  it("reads an expired access token as unauthorized", async () => {
    fake.expireAccessTokens();
    const error = await failure(x.profile(tokens.accessToken));
    expect(error).toMatchObject({ kind: "unauthorized", status: 401 });
    const fresh = await x.refresh(tokens.refreshToken!);
    expect((await x.profile(fresh.accessToken)).externalId).toBe(FAKE_X_ACCOUNT.id);
  });

  it("finds a post made since the attempt started by its text, and nothing when none was made", async () => {
    const since = new Date();
    expect(await x.findPublished(tokens.accessToken, account, { idempotencyKey: "k7", text: "Lost answer", since })).toBeNull();
    const post = await x.publish(tokens.accessToken, account, { text: "Lost answer", media: [], idempotencyKey: "k7" });
    expect(await x.findPublished(tokens.accessToken, account, { idempotencyKey: "k7", text: "Lost answer", since })).toEqual(post);
    expect(await x.findPublished(tokens.accessToken, account, { idempotencyKey: "k8", text: "Other words", since })).toBeNull();
  });

  it("fetches DMs and mentions page by page with the cursor", async () => {
    const ids = [
      fake.addInboxItem({ kind: "message", text: "dm 1", authorName: "Ana", authorHandle: "ana" }),
      fake.addInboxItem({ kind: "message", text: "dm 2", authorName: "Ana", authorHandle: "ana" }),
      fake.addInboxItem({ kind: "message", text: "dm 3", authorName: "Bo", authorHandle: "bo" }),
      fake.addInboxItem({ kind: "comment", text: "@glow_fake nice", authorName: "Cy", authorHandle: "cy", parentExternalId: "777" }),
    ];
    const first = await x.fetchInbox(tokens.accessToken, account, null);
    expect(first.items.map((item) => item.text)).toEqual(["dm 3", "dm 2", "@glow_fake nice"]);
    expect(first.items[2]).toMatchObject({ kind: "comment", parentExternalId: "777", authorName: "Cy", authorHandle: "cy" });
    expect(first.cursor).not.toBeNull();
    const second = await x.fetchInbox(tokens.accessToken, account, first.cursor);
    expect(second.items.map((item) => item.externalId)).toEqual([ids[0]]);
    expect(second.cursor).toBeNull();
  });

  it("answers a DM in its conversation and a mention with a reply post", async () => {
    const dm = fake.addInboxItem({ kind: "message", text: "hi", authorName: "Ana", authorHandle: "ana" });
    const mention = fake.addInboxItem({ kind: "comment", text: "@glow_fake q?", authorName: "Bo", authorHandle: "bo" });
    const { items } = await x.fetchInbox(tokens.accessToken, account, null);
    for (const item of items) await x.reply(tokens.accessToken, account, item, `re: ${item.text}`);
    expect(fake.replies).toEqual([
      { inReplyTo: dm, text: "re: hi" },
      { inReplyTo: mention, text: "re: @glow_fake q?" },
    ]);
    expect(fake.published).toEqual([]);
  });
});
