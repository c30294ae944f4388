// The platforms a server offers: each real provider whose credentials are configured, and the
// local sandbox when asked for (the embedded default, and development without credentials).
import { randomBytes } from "node:crypto";
import { FacebookPlatform } from "./facebook.ts";
import { InstagramPlatform } from "./instagram.ts";
import { LinkedInPlatform } from "./linkedin.ts";
import { Platforms } from "./registry.ts";
import { SandboxPlatform } from "./sandbox.ts";
import { TikTokPlatform } from "./tiktok.ts";
import type { PlatformCredentials, SocialPlatform } from "./types.ts";
import { XPlatform } from "./x.ts";
import { YouTubePlatform } from "./youtube.ts";

export interface PlatformsConfig {
  x?: PlatformCredentials | null;
  linkedin?: PlatformCredentials | null;
  tiktok?: PlatformCredentials | null;
  instagram?: PlatformCredentials | null;
  facebook?: PlatformCredentials | null;
  youtube?: PlatformCredentials | null;
  /** The local sandbox: its signing secret (stable across restarts and instances), or true for one made now (tests). */
  sandbox?: boolean | { secret: string | Buffer };
}

export function createPlatforms(config: PlatformsConfig, publicUrl: string): Platforms {
  const platforms: SocialPlatform[] = [];
  if (config.sandbox) {
    const secret = config.sandbox === true ? randomBytes(32) : config.sandbox.secret;
    platforms.push(new SandboxPlatform({ publicUrl, secret }));
  }
  if (config.x) platforms.push(new XPlatform(config.x));
  if (config.linkedin) platforms.push(new LinkedInPlatform(config.linkedin));
  if (config.tiktok) platforms.push(new TikTokPlatform(config.tiktok));
  if (config.instagram) platforms.push(new InstagramPlatform(config.instagram));
  if (config.facebook) platforms.push(new FacebookPlatform(config.facebook));
  if (config.youtube) platforms.push(new YouTubePlatform(config.youtube));
  return new Platforms(platforms);
}

/** The sandbox among the server's platforms (the demo seeds its sample accounts on it), or null. */
export function sandboxPlatform(platforms: Platforms): SandboxPlatform | null {
  const sandbox = platforms.get("sandbox");
  return sandbox instanceof SandboxPlatform ? sandbox : null;
}
