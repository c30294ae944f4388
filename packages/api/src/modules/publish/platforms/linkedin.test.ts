import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { samplePng, sampleVideo } from "../../../testing/fixtures/index.ts";
import { serveMedia } from "../../../testing/platforms/harness.ts";
import { FAKE_LINKEDIN_MEMBER, startFakeLinkedIn } from "../../../testing/platforms/linkedin.ts";
import { LinkedInPlatform } from "./linkedin.ts";
import { PlatformError, type PlatformProfile, type TokenSet } from "./types.ts";

const REDIRECT = "http://127.0.0.1:3000/publish/accounts/callback";

let fake: Awaited<ReturnType<typeof startFakeLinkedIn>>;
let media: Awaited<ReturnType<typeof serveMedia>>;
let linkedin: LinkedInPlatform;
let tokens: TokenSet;
let account: PlatformProfile;

async function failure(promise: Promise<unknown>): Promise<PlatformError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PlatformError);
  return error as PlatformError;
}

const text = (words: string) => ({ text: words, media: [], idempotencyKey: `key-${words}` });

beforeAll(async () => {
  media = await serveMedia({
    "photo.png": { contentType: "image/png", bytes: samplePng() },
    "clip.mp4": { contentType: "video/mp4", bytes: sampleVideo() },
  });
});
afterAll(() => media.close());

beforeEach(async () => {
  fake = await startFakeLinkedIn();
  linkedin = new LinkedInPlatform(fake.credentials, { inboxPageSize: 2 });
  const { code } = await fake.approve(linkedin.authorizeUrl({ state: "s1", codeVerifier: "unused", redirectUri: REDIRECT }));
  tokens = await linkedin.exchangeCode({ code, codeVerifier: "unused", redirectUri: REDIRECT });
  account = await linkedin.profile(tokens.accessToken);
});
afterEach(() => fake.close());

describe("LinkedIn", () => {
  it("builds the authorize URL without PKCE, with the client and posting scope", () => {
    expect(linkedin.pkce).toBe(false);
    const url = linkedin.authorizeUrl({ state: "st", codeVerifier: "v", redirectUri: REDIRECT });
    expect(url.origin + url.pathname).toBe(`${fake.url}/oauth/v2/authorization`);
    expect(
      new LinkedInPlatform({ clientId: "c", clientSecret: "s" }).authorizeUrl({ state: "st", codeVerifier: "v", redirectUri: REDIRECT })
        .origin,
    ).toBe("https://www.linkedin.com");
    expect(Object.fromEntries(url.searchParams)).toMatchObject({
      response_type: "code",
      client_id: "fake-linkedin-client",
      redirect_uri: REDIRECT,
      state: "st",
    });
    expect(url.searchParams.has("code_challenge")).toBe(false);
    expect(url.searchParams.get("scope")!.split(" ")).toContain("w_member_social");
  });

  it("exchanges the code for a 60-day token and reads the member", () => {
    expect(tokens.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 59 * 86_400_000);
    expect(tokens.scopes).toContain("w_member_social");
    expect(account).toEqual({
      externalId: FAKE_LINKEDIN_MEMBER.sub,
      handle: FAKE_LINKEDIN_MEMBER.email,
      displayName: FAKE_LINKEDIN_MEMBER.name,
    });
  });

  it("refuses a code exchanged twice", async () => {
    const { code } = await fake.approve(linkedin.authorizeUrl({ state: "s2", codeVerifier: "v", redirectUri: REDIRECT }));
    await linkedin.exchangeCode({ code, codeVerifier: "v", redirectUri: REDIRECT });
    const error = await failure(linkedin.exchangeCode({ code, codeVerifier: "v", redirectUri: REDIRECT }));
    expect(error).toMatchObject({ kind: "rejected", status: 400 });
  });

  it("refreshes, and a revoked refresh token means the member must reconnect", async () => {
    const fresh = await linkedin.refresh(tokens.refreshToken!);
    expect((await linkedin.profile(fresh.accessToken)).externalId).toBe(FAKE_LINKEDIN_MEMBER.sub);
    fake.revokeRefreshTokens();
    const error = await failure(linkedin.refresh(tokens.refreshToken!));
    expect(error.kind).toBe("unauthorized");
    expect(error.message).toContain("invalid, expired or revoked");
  });

  it("publishes text, escaping LinkedIn's reserved characters", async () => {
    const post = await linkedin.publish(tokens.accessToken, account, text("Launch (beta) #glow @team"));
    expect(post.externalId).toMatch(/^urn:li:share:\d+$/);
    expect(post.url).toBe(`https://www.linkedin.com/feed/update/${post.externalId}/`);
    expect(fake.published).toEqual([
      expect.objectContaining({ externalId: post.externalId, text: "Launch (beta) #glow @team", mediaUrls: [] }),
    ]);
  });

  it("uploads an image, several images and a video through the Images and Videos APIs", async () => {
    const photo = { kind: "image" as const, contentType: "image/png", bytes: samplePng().length, url: media.url("photo.png") };
    const clip = { kind: "video" as const, contentType: "video/mp4", bytes: sampleVideo().length, url: media.url("clip.mp4") };
    await linkedin.publish(tokens.accessToken, account, { ...text("one photo"), media: [photo] });
    await linkedin.publish(tokens.accessToken, account, { ...text("two photos"), media: [photo, photo] });
    await linkedin.publish(tokens.accessToken, account, { ...text("a clip"), media: [clip] });
    expect(fake.published.map((post) => post.mediaUrls.length)).toEqual([1, 2, 1]);
    const video = decodeURIComponent(fake.published[2]!.mediaUrls[0]!.split("/media/")[1]!);
    expect(video).toMatch(/^urn:li:video:/);
    expect(fake.harness.uploads.get(video)!.bytes.equals(sampleVideo())).toBe(true);
    const mixed = await failure(linkedin.publish(tokens.accessToken, account, { ...text("mixed"), media: [photo, clip] }));
    expect(mixed.kind).toBe("rejected");
  });

  it("reads a 429 as rate_limited until Retry-After, or else until LinkedIn's daily reset", async () => {
    fake.failNext(1, { status: 429, headers: { "retry-after": "30" } });
    expect(await failure(linkedin.publish(tokens.accessToken, account, text("a")))).toMatchObject({
      kind: "rate_limited",
      retryAfterMs: 30_000,
    });
    fake.failNext(1, { status: 429 });
    const daily = await failure(linkedin.publish(tokens.accessToken, account, text("b")));
    const now = new Date();
    const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1);
    expect(daily.retryAfterMs).toBeGreaterThan(midnight - Date.now() - 5_000);
    expect(daily.retryAfterMs).toBeLessThanOrEqual(midnight - Date.now() + 5_000);
  });

  it("reads a 503 as unavailable", async () => {
    fake.failNext(1, { status: 503 });
    expect(await failure(linkedin.profile(tokens.accessToken))).toMatchObject({ kind: "unavailable", status: 503 });
  });

  it("rejects a 4xx with LinkedIn's own message", async () => {
    const error = await failure(linkedin.publish(tokens.accessToken, account, text("x".repeat(3001))));
    expect(error).toMatchObject({ kind: "rejected", status: 422, message: "/commentary :: length of commentary exceeds 3000 characters" });
    fake.failNext(1, {
      status: 403,
      body: { status: 403, serviceErrorCode: 100, code: "ACCESS_DENIED", message: "Not enough permissions" },
    });
    expect((await failure(linkedin.profile(tokens.accessToken))).message).toBe("Not enough permissions");
  });

  it("reads an expired access token as unauthorized", async () => {
    fake.expireAccessTokens();
    expect(await failure(linkedin.publish(tokens.accessToken, account, text("late")))).toMatchObject({
      kind: "unauthorized",
      status: 401,
      message: "Unauthorized",
    });
    expect(fake.published).toEqual([]);
  });

  it("finds a post made since the attempt started by its text, and nothing when none was made", async () => {
    const since = new Date();
    expect(await linkedin.findPublished(tokens.accessToken, account, { idempotencyKey: "k", text: "Lost (answer)", since })).toBeNull();
    const post = await linkedin.publish(tokens.accessToken, account, text("Lost (answer)"));
    await linkedin.publish(tokens.accessToken, account, text("a later post"));
    expect(await linkedin.findPublished(tokens.accessToken, account, { idempotencyKey: "k", text: "Lost (answer)", since })).toEqual(post);
    expect(await linkedin.findPublished(tokens.accessToken, account, { idempotencyKey: "k", text: "never posted", since })).toBeNull();
  });

  it("fetches comments on recent posts page by page and answers one", async () => {
    const first = await linkedin.publish(tokens.accessToken, account, text("first post"));
    const ids = [
      fake.addInboxItem({ kind: "comment", text: "c1", authorName: "Ana", authorHandle: "ana" }),
      fake.addInboxItem({ kind: "comment", text: "c2", authorName: "Bo", authorHandle: "bo" }),
      fake.addInboxItem({ kind: "comment", text: "c3", authorName: "Cy", authorHandle: "cy" }),
    ];
    const second = await linkedin.publish(tokens.accessToken, account, text("second post"));
    const onSecond = fake.addInboxItem({ kind: "comment", text: "c4", authorName: "Di", authorHandle: "di" });

    const pages = [];
    let cursor: string | null = null;
    do {
      const page = await linkedin.fetchInbox(tokens.accessToken, account, cursor);
      pages.push(page.items.map((item) => item.text));
      cursor = page.cursor;
    } while (cursor && pages.length < 10);
    expect(pages).toEqual([["c4"], ["c1", "c2"], ["c3"]]);

    const { items } = await linkedin.fetchInbox(tokens.accessToken, account, null);
    expect(items[0]).toMatchObject({
      externalId: onSecond,
      kind: "comment",
      parentExternalId: second.externalId,
      authorHandle: "urn:li:person:di",
    });
    const comment = { externalId: ids[0]!, kind: "comment" as const, parentExternalId: first.externalId };
    const answer = await linkedin.reply(tokens.accessToken, account, comment, "Thanks!");
    expect(answer.externalId).toMatch(/^urn:li:comment:/);
    expect(fake.replies).toEqual([{ inReplyTo: ids[0], text: "Thanks!" }]);
  });
});
