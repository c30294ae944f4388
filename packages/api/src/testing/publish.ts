// Publish tests' setup: services whose platforms are local fakes, and accounts connected to a
// fake through the real OAuth flow, their tokens sealed as the accounts module stores them.
import type { Db } from "@glow/db";
import type { AppServices } from "../context.ts";
import { Platforms } from "../modules/publish/platforms/registry.ts";
import type { SocialPlatform } from "../modules/publish/platforms/types.ts";
import { XPlatform } from "../modules/publish/platforms/x.ts";
import type { FakePlatform } from "./platforms/types.ts";

const REDIRECT_URI = "http://localhost:5173/publish/connected";
const VERIFIER = "publish-test-code-verifier-long-enough-for-pkce-0123456789";

/** The services with these platforms instead of none. */
export function withPlatforms(services: AppServices, platforms: readonly SocialPlatform[]): AppServices {
  return { ...services, platforms: new Platforms(platforms) };
}

/** An X account of `orgId` connected through the fake's consent page; its id. */
export async function connectFakeX(
  services: Pick<AppServices, "secrets">,
  db: Db,
  fake: FakePlatform,
  owner: { orgId: string; userId: string },
  handle = "glow_fake",
): Promise<string> {
  const x = new XPlatform(fake.credentials);
  const { code } = await fake.approve(x.authorizeUrl({ state: "st", codeVerifier: VERIFIER, redirectUri: REDIRECT_URI }));
  const tokens = await x.exchangeCode({ code, codeVerifier: VERIFIER, redirectUri: REDIRECT_URI });
  const profile = await x.profile(tokens.accessToken);
  const account = await db.publishAccount.create({
    data: {
      orgId: owner.orgId,
      platform: "x",
      // Unique per connection, so an organization may hold several in tests.
      externalId: `${profile.externalId}`,
      handle,
      displayName: profile.displayName,
      accessToken: services.secrets.encrypt(tokens.accessToken, "publish_accounts.access_token"),
      refreshToken: tokens.refreshToken ? services.secrets.encrypt(tokens.refreshToken, "publish_accounts.refresh_token") : null,
      tokenExpiresAt: tokens.expiresAt,
      scopes: tokens.scopes,
      connectedById: owner.userId,
    },
    select: { id: true },
  });
  return account.id;
}

/** An account row for rules and authorization tests that never reach a platform. */
export async function offlineAccount(
  services: Pick<AppServices, "secrets">,
  db: Db,
  owner: { orgId: string; userId: string },
  platform: "x" | "instagram" | "linkedin" | "youtube" | "tiktok" | "facebook" | "sandbox",
  handle: string,
): Promise<string> {
  const account = await db.publishAccount.create({
    data: {
      orgId: owner.orgId,
      platform,
      externalId: `${platform}-${handle}`,
      handle,
      displayName: handle,
      accessToken: services.secrets.encrypt("offline-token", "publish_accounts.access_token"),
      scopes: [],
      connectedById: owner.userId,
    },
    select: { id: true },
  });
  return account.id;
}
