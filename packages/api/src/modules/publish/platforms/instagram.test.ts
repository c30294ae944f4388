import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { samplePng, sampleVideo } from "../../../testing/fixtures/index.ts";
import { serveMedia } from "../../../testing/platforms/harness.ts";
import { FAKE_INSTAGRAM_ACCOUNT, startFakeInstagram } from "../../../testing/platforms/instagram.ts";
import { InstagramPlatform } from "./instagram.ts";
import { PlatformError, type InboxItem, type PlatformProfile, type PublishMedia, type TokenSet } from "./types.ts";

const REDIRECT = "http://127.0.0.1:3000/publish/accounts/callback";
const VERIFIER = "unused-by-meta-which-has-no-pkce-0123456789";
const FIRST_MEDIA = "17900000000000001"; // the fake account's post from before Glow

let fake: Awaited<ReturnType<typeof startFakeInstagram>>;
let files: Awaited<ReturnType<typeof serveMedia>>;
let instagram: InstagramPlatform;
let tokens: TokenSet;
let account: PlatformProfile;

const image = (name = "photo.png"): PublishMedia => ({ kind: "image", contentType: "image/png", bytes: 100, url: files.url(name) });
const video = (): PublishMedia => ({ kind: "video", contentType: "video/mp4", bytes: 100, url: files.url("clip.mp4") });

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
    "photo.png": { contentType: "image/png", bytes: samplePng() },
    "second.png": { contentType: "image/png", bytes: samplePng() },
    "clip.mp4": { contentType: "video/mp4", bytes: sampleVideo() },
  });
});
afterAll(() => files.close());

beforeEach(async () => {
  fake = await startFakeInstagram();
  instagram = new InstagramPlatform(fake.credentials, { inboxPageSize: 2 });
  const { code } = await fake.approve(instagram.authorizeUrl({ state: "s1", codeVerifier: VERIFIER, redirectUri: REDIRECT }));
  tokens = await instagram.exchangeCode({ code, codeVerifier: VERIFIER, redirectUri: REDIRECT });
  account = await instagram.profile(tokens.accessToken);
});
afterEach(() => fake.close());

describe("Instagram", () => {
  it("asks Facebook Login for the Instagram publishing, comment and message scopes, without PKCE", () => {
    expect(instagram.pkce).toBe(false);
    expect(instagram.rules).toEqual({ maxLength: 2200, requiresMedia: true, mediaKinds: ["image", "video"], maxMedia: 10 });
    const url = instagram.authorizeUrl({ state: "st", codeVerifier: VERIFIER, redirectUri: REDIRECT });
    expect(url.origin + url.pathname).toBe(`${fake.url}/v21.0/dialog/oauth`);
    expect(url.searchParams.get("scope")!.split(",")).toEqual(
      expect.arrayContaining(["instagram_basic", "instagram_content_publish", "instagram_manage_comments", "instagram_manage_messages"]),
    );
    expect(url.searchParams.has("code_challenge")).toBe(false);
  });

  it("connects the Instagram professional account linked to the person's Page", () => {
    expect(account).toEqual({
      externalId: FAKE_INSTAGRAM_ACCOUNT.id,
      handle: FAKE_INSTAGRAM_ACCOUNT.username,
      displayName: FAKE_INSTAGRAM_ACCOUNT.name,
    });
    expect(tokens.expiresAt!.getTime()).toBeGreaterThan(Date.now() + 59 * 86_400_000);
  });

  it("refreshes by token exchange; revoked, the refresh is unauthorized", async () => {
    fake.expireAccessTokens();
    expect((await failure(instagram.profile(tokens.accessToken))).kind).toBe("unauthorized");
    const fresh = await instagram.refresh(tokens.refreshToken!);
    expect((await instagram.profile(fresh.accessToken)).externalId).toBe(FAKE_INSTAGRAM_ACCOUNT.id);
    fake.revokeRefreshTokens();
    expect((await failure(instagram.refresh(fresh.refreshToken!))).kind).toBe("unauthorized");
  });

  it("publishes an image through a media container and returns its permalink", async () => {
    const post = await instagram.publish(tokens.accessToken, account, { text: "Sunset #glow", media: [image()], idempotencyKey: "k1" });
    expect(fake.published).toEqual([
      {
        externalId: post.externalId,
        text: "Sunset #glow",
        mediaUrls: [files.url("photo.png")],
        idempotencyKey: null,
        at: expect.any(Date),
      },
    ]);
    expect(post.url).toMatch(/^https:\/\/www\.instagram\.com\/p\/[\w-]+\/$/);
  });

  it("publishes a carousel of images, and a reel once its container has finished processing", async () => {
    await instagram.publish(tokens.accessToken, account, { text: "Two", media: [image(), image("second.png")], idempotencyKey: "k1" });
    await instagram.publish(tokens.accessToken, account, { text: "Reel", media: [video()], idempotencyKey: "k2" });
    expect(fake.published.map((post) => [post.text, post.mediaUrls])).toEqual([
      ["Two", [files.url("photo.png"), files.url("second.png")]],
      ["Reel", [files.url("clip.mp4")]],
    ]);
  });

  it("refuses text alone before calling Instagram, and relays Instagram's own refusals", async () => {
    expect(
      (await failure(instagram.publish(tokens.accessToken, account, { text: "Only words", media: [], idempotencyKey: "k1" }))).kind,
    ).toBe("rejected");
    const tooLong = await failure(
      instagram.publish(tokens.accessToken, account, { text: "x".repeat(2201), media: [image()], idempotencyKey: "k2" }),
    );
    expect(tooLong).toMatchObject({
      kind: "rejected",
      status: 400,
      message: "(#100) The caption is too long. It must be 2,200 characters or fewer.",
    });
    const unreachable = await failure(
      instagram.publish(tokens.accessToken, account, { text: "Gone", media: [image("missing.png")], idempotencyKey: "k3" }),
    );
    expect(unreachable.message).toBe("Only photo or video can be accepted as media type.");
    expect(fake.published).toEqual([]);
  });

  it("throttling (429 or Meta's code 4 on a 400) is rate_limited with the wait Meta gives; 503 is unavailable", async () => {
    fake.failNext(1, { status: 429, headers: { "retry-after": "30" } });
    expect(await failure(instagram.profile(tokens.accessToken))).toMatchObject({ kind: "rate_limited", retryAfterMs: 30_000 });
    fake.failNext(1, {
      status: 400,
      body: {
        error: { message: "(#4) Application request limit reached", type: "OAuthException", code: 4, is_transient: true, fbtrace_id: "x" },
      },
      headers: {
        "x-business-use-case-usage": JSON.stringify({ "1": [{ type: "instagram", call_count: 100, estimated_time_to_regain_access: 2 }] }),
      },
    });
    expect(
      await failure(instagram.publish(tokens.accessToken, account, { text: "Later", media: [image()], idempotencyKey: "k1" })),
    ).toMatchObject({
      kind: "rate_limited",
      retryAfterMs: 120_000,
    });
    fake.failNext(1, { status: 503 });
    expect(
      (await failure(instagram.publish(tokens.accessToken, account, { text: "Down", media: [image()], idempotencyKey: "k2" }))).kind,
    ).toBe("unavailable");
    expect(fake.published).toEqual([]);
  });

  it("finds a published media again by its caption, and nothing before it exists", async () => {
    const attempt = { idempotencyKey: "k1", text: "Lost answer", since: new Date() };
    expect(await instagram.findPublished(tokens.accessToken, account, attempt)).toBeNull();
    const post = await instagram.publish(tokens.accessToken, account, { text: "Lost answer", media: [image()], idempotencyKey: "k1" });
    expect(await instagram.findPublished(tokens.accessToken, account, attempt)).toEqual(post);
  });

  it("reads Direct messages through the linked Page, then comments on media, following the cursor", async () => {
    const messages = ["ana", "ben", "cleo"].map((name) =>
      fake.addInboxItem({ kind: "message", text: `DM from ${name}`, authorName: name, authorHandle: name }),
    );
    const comment = fake.addInboxItem({ kind: "comment", text: "So good", authorName: "dan", authorHandle: "dan" });
    const items: InboxItem[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page = await instagram.fetchInbox(tokens.accessToken, account, cursor);
      items.push(...page.items);
      cursor = page.cursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3); // two pages of conversations, one of comments
    expect(
      items
        .filter((item) => item.kind === "message")
        .map((item) => item.externalId)
        .toSorted(),
    ).toEqual(messages.toSorted());
    expect(items.find((item) => item.kind === "comment")).toMatchObject({
      externalId: comment,
      parentExternalId: FIRST_MEDIA,
      authorHandle: "dan",
      text: "So good",
    });
  });

  it("answers a Direct message and replies to a comment", async () => {
    const message = fake.addInboxItem({ kind: "message", text: "Collab?", authorName: "ana", authorHandle: "ana" });
    const comment = fake.addInboxItem({ kind: "comment", text: "Where is this?", authorName: "ben", authorHandle: "ben" });
    await instagram.reply(tokens.accessToken, account, { externalId: message, kind: "message", parentExternalId: null }, "DM me details");
    const reply = await instagram.reply(
      tokens.accessToken,
      account,
      { externalId: comment, kind: "comment", parentExternalId: FIRST_MEDIA },
      "Lisbon",
    );
    expect(reply.externalId).toMatch(/^\d+$/);
    expect(fake.replies).toEqual([
      { inReplyTo: message, text: "DM me details" },
      { inReplyTo: comment, text: "Lisbon" },
    ]);
  });
});
