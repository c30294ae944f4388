// The social platforms this server can connect to: each configured provider, and the local
// sandbox in the embedded default. Services hold one (tests build theirs on local fakes).
import type { PlatformId, SocialPlatform } from "./types.ts";

export class Platforms {
  readonly #byId: Map<PlatformId, SocialPlatform>;

  constructor(platforms: readonly SocialPlatform[]) {
    this.#byId = new Map(platforms.map((platform) => [platform.id, platform]));
  }

  get(id: PlatformId): SocialPlatform | null {
    return this.#byId.get(id) ?? null;
  }

  list(): SocialPlatform[] {
    return [...this.#byId.values()];
  }
}
