// A local Facebook Pages API: the Meta Graph fake as a Page (feed, photos, videos, Messenger
// conversations, comments). See meta.ts for the contract it speaks.
import type { FakeHarness } from "./harness.ts";
import { startFakeMeta } from "./meta.ts";
import type { FakePlatform } from "./types.ts";

export { FAKE_META_PAGE as FAKE_FACEBOOK_PAGE } from "./meta.ts";

export function startFakeFacebook(options: { accessTokenTtlSeconds?: number } = {}): Promise<FakePlatform & { harness: FakeHarness }> {
  return startFakeMeta("facebook", options);
}
