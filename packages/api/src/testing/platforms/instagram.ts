// A local Instagram Graph API (with Facebook Login): the Meta Graph fake as an Instagram
// professional account linked to a Page (media containers, media_publish, comments, Direct
// through the Page's conversations). See meta.ts for the contract it speaks.
import type { FakeHarness } from "./harness.ts";
import { startFakeMeta } from "./meta.ts";
import type { FakePlatform } from "./types.ts";

export { FAKE_META_INSTAGRAM as FAKE_INSTAGRAM_ACCOUNT, FAKE_META_PAGE as FAKE_INSTAGRAM_PAGE } from "./meta.ts";

export function startFakeInstagram(options: { accessTokenTtlSeconds?: number } = {}): Promise<FakePlatform & { harness: FakeHarness }> {
  return startFakeMeta("instagram", options);
}
