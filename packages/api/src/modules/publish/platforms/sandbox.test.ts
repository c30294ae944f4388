// The local sandbox platform: its consent flow with PKCE, signed tokens that expire, publishing
// once per idempotency key, and an inbox that fills over time — all without a network.
import { describe, expect, it } from "vitest";
import { createPlatforms, sandboxPlatform } from "./index.ts";
import { SANDBOX_COMMENT_DELAY_MS, SANDBOX_MESSAGE_INTERVAL_MS, SandboxPlatform, sandboxAccountId } from "./sandbox.ts";
import { PlatformError } from "./types.ts";

const PUBLIC_URL = "http://127.0.0.1:3000";
const REDIRECT = "http://localhost:5173/publish/connected";
const VERIFIER = "a-code-verifier-that-is-long-enough-for-pkce-0123456789";

function sandboxAt(start: number, secret = "sandbox-secret") {
  const clock = { now: start };
  return { clock, sandbox: new SandboxPlatform({ publicUrl: PUBLIC_URL, secret, now: () => clock.now }) };
}

async function failure(promise: Promise<unknown>): Promise<PlatformError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(PlatformError);
  return error as PlatformError;
}

async function connect(sandbox: SandboxPlatform, handle = "maker") {
  const authorize = sandbox.authorizeUrl({ state: "st", codeVerifier: VERIFIER, redirectUri: REDIRECT });
  const back = sandbox.consent(authorize.searchParams, { allow: true, handle })!;
  const tokens = await sandbox.exchangeCode({ code: back.searchParams.get("code")!, codeVerifier: VERIFIER, redirectUri: REDIRECT });
  return { back, tokens, profile: await sandbox.profile(tokens.accessToken) };
}

describe("the sandbox platform", () => {
  it("sends the person to the server's consent page with an S256 challenge, and back with a code and the state", async () => {
    const { sandbox } = sandboxAt(Date.now());
    const authorize = sandbox.authorizeUrl({ state: "st", codeVerifier: VERIFIER, redirectUri: REDIRECT });
    expect(authorize.origin + authorize.pathname).toBe(`${PUBLIC_URL}/publish/sandbox/authorize`);
    expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
    const { back, tokens, profile } = await connect(sandbox);
    expect(back.origin + back.pathname).toBe(REDIRECT);
    expect(back.searchParams.get("state")).toBe("st");
    expect(profile).toEqual({ externalId: sandboxAccountId("maker"), handle: "maker", displayName: "maker (Sandbox)" });
    expect(tokens.refreshToken).toBeTruthy();
    expect(tokens.expiresAt!.getTime() - Date.now()).toBeGreaterThan(59 * 60 * 1000);

    const denied = sandbox.consent(authorize.searchParams, { allow: false })!;
    expect(denied.searchParams.get("error")).toBe("access_denied");
    expect(denied.searchParams.get("code")).toBeNull();
    expect(sandbox.consent(new URLSearchParams({ redirect_uri: REDIRECT }), { allow: true })).toBeNull();
  });

  it("refuses a code with the wrong verifier, used twice, or for another redirect", async () => {
    const { sandbox } = sandboxAt(Date.now());
    const authorize = sandbox.authorizeUrl({ state: "st", codeVerifier: VERIFIER, redirectUri: REDIRECT });
    const code = sandbox.consent(authorize.searchParams, { allow: true })!.searchParams.get("code")!;
    expect((await failure(sandbox.exchangeCode({ code, codeVerifier: `${VERIFIER}x`, redirectUri: REDIRECT }))).message).toMatch(/PKCE/);
    expect((await failure(sandbox.exchangeCode({ code, codeVerifier: VERIFIER, redirectUri: `${REDIRECT}x` }))).message).toMatch(
      /redirect_uri/,
    );
    await sandbox.exchangeCode({ code, codeVerifier: VERIFIER, redirectUri: REDIRECT });
    expect((await failure(sandbox.exchangeCode({ code, codeVerifier: VERIFIER, redirectUri: REDIRECT }))).message).toMatch(/already used/);
  });

  it("expires access tokens after an hour; the refresh token makes new ones; another secret's tokens are refused", async () => {
    const { clock, sandbox } = sandboxAt(Date.now());
    const { tokens, profile } = await connect(sandbox);
    clock.now += 61 * 60 * 1000;
    const expired = await failure(sandbox.publish(tokens.accessToken, profile, { text: "hi", media: [], idempotencyKey: "k" }));
    expect(expired.kind).toBe("unauthorized");
    const fresh = await sandbox.refresh(tokens.refreshToken!);
    await expect(sandbox.profile(fresh.accessToken)).resolves.toEqual(profile);

    const other = sandboxAt(clock.now, "another-secret").sandbox;
    expect((await failure(other.profile(fresh.accessToken))).kind).toBe("unauthorized");
    expect((await failure(other.refresh(fresh.refreshToken!))).kind).toBe("unauthorized");
    expect((await failure(sandbox.profile(`${fresh.accessToken.slice(0, -3)}abc`))).kind).toBe("unauthorized");
  });

  it("publishes once per idempotency key and finds the post again by it", async () => {
    const { sandbox } = sandboxAt(Date.now());
    const { tokens, profile } = await connect(sandbox);
    const first = await sandbox.publish(tokens.accessToken, profile, { text: "Hello", media: [], idempotencyKey: "t1-1" });
    const again = await sandbox.publish(tokens.accessToken, profile, { text: "Hello", media: [], idempotencyKey: "t1-1" });
    expect(again).toEqual(first);
    expect(first.url).toBe(`${PUBLIC_URL}/publish/sandbox/posts/${first.externalId}`);
    expect(sandbox.posts()).toHaveLength(1);
    await expect(
      sandbox.findPublished(tokens.accessToken, profile, { idempotencyKey: "t1-1", text: "Hello", since: new Date(0) }),
    ).resolves.toEqual(first);
    await expect(
      sandbox.findPublished(tokens.accessToken, profile, { idempotencyKey: "t1-2", text: "Hello", since: new Date(0) }),
    ).resolves.toBeNull();
    const long = await failure(sandbox.publish(tokens.accessToken, profile, { text: "x".repeat(5001), media: [], idempotencyKey: "t2" }));
    expect(long.kind).toBe("rejected");
  });

  it("fills the inbox over time: earlier messages first, a message every few minutes, a comment after each post, each once", async () => {
    const start = Math.ceil(Date.now() / SANDBOX_MESSAGE_INTERVAL_MS) * SANDBOX_MESSAGE_INTERVAL_MS + 1000;
    const { clock, sandbox } = sandboxAt(start);
    const { tokens, profile } = await connect(sandbox);
    const first = await sandbox.fetchInbox(tokens.accessToken, profile, null);
    expect(first.items.map((item) => item.kind)).toEqual(["message", "message", "message"]);
    expect(new Set(first.items.map((item) => item.externalId)).size).toBe(3);

    const nothingNew = await sandbox.fetchInbox(tokens.accessToken, profile, first.cursor);
    expect(nothingNew.items).toEqual([]);

    const post = await sandbox.publish(tokens.accessToken, profile, { text: "Hello", media: [], idempotencyKey: "p" });
    clock.now += SANDBOX_COMMENT_DELAY_MS;
    const comment = await sandbox.fetchInbox(tokens.accessToken, profile, nothingNew.cursor);
    expect(comment.items).toMatchObject([{ kind: "comment", parentExternalId: post.externalId }]);

    clock.now += SANDBOX_MESSAGE_INTERVAL_MS;
    const later = await sandbox.fetchInbox(tokens.accessToken, profile, comment.cursor);
    expect(later.items).toMatchObject([{ kind: "message" }]);

    // Another account hears other messages (seeded by its id) and not this one's comments.
    const other = await connect(sandbox, "someone_else");
    const theirs = await sandbox.fetchInbox(other.tokens.accessToken, other.profile, null);
    expect(theirs.items.every((item) => item.kind === "message" && item.externalId.includes(other.profile.externalId))).toBe(true);
    // The same account and clock generate the same items (every instance agrees).
    const twin = sandboxAt(clock.now).sandbox;
    const again = await twin.fetchInbox(twin.mintTokens(profile).accessToken, profile, null);
    const fresh = await sandbox.fetchInbox(tokens.accessToken, profile, null);
    expect(again.items.map((item) => [item.externalId, item.text])).toEqual(
      fresh.items.filter((item) => item.kind === "message").map((item) => [item.externalId, item.text]),
    );
  });

  it("records replies and refuses a token of another account", async () => {
    const { sandbox } = sandboxAt(Date.now());
    const { tokens, profile } = await connect(sandbox);
    const [message] = (await sandbox.fetchInbox(tokens.accessToken, profile, null)).items;
    const reply = await sandbox.reply(tokens.accessToken, profile, message!, "Thanks!");
    expect(reply.externalId).toMatch(/^sbxr_/);
    expect(sandbox.replies).toMatchObject([{ inReplyTo: message!.externalId, text: "Thanks!" }]);
    const other = sandbox.mintTokens({ externalId: "sbx_other", handle: "other", displayName: "Other" });
    expect((await failure(sandbox.reply(other.accessToken, profile, message!, "no"))).kind).toBe("unauthorized");
  });
});

describe("createPlatforms", () => {
  it("offers the sandbox when asked and each provider whose credentials are configured", () => {
    const none = createPlatforms({}, PUBLIC_URL);
    expect(none.list()).toEqual([]);
    const some = createPlatforms(
      { sandbox: { secret: "s" }, x: { clientId: "c", clientSecret: "s" }, tiktok: { clientId: "k", clientSecret: "s" } },
      PUBLIC_URL,
    );
    expect(some.list().map((platform) => platform.id)).toEqual(["sandbox", "x", "tiktok"]);
    expect(sandboxPlatform(some)).toBeInstanceOf(SandboxPlatform);
    expect(sandboxPlatform(none)).toBeNull();
    // Two servers with the same secret accept each other's sandbox tokens.
    const twin = sandboxPlatform(createPlatforms({ sandbox: { secret: "s" } }, PUBLIC_URL))!;
    const tokens = sandboxPlatform(some)!.mintTokens({ externalId: "sbx_1", handle: "one", displayName: "One" });
    return expect(twin.profile(tokens.accessToken)).resolves.toMatchObject({ handle: "one" });
  });
});
