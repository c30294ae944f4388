// A post's media and the per-platform rules a post must meet before it is scheduled. Media
// is uploaded through core storage and judged by its bytes, never by the type the client claimed.
import { randomUUID } from "node:crypto";
import type { AppServices } from "../../context.ts";
import { DomainError, FieldError } from "../../core/errors.ts";
import { inspectUpload, orgKey, tooLargeMessage } from "../../core/storage/index.ts";
import type { PlatformId, PlatformRules } from "./platforms/types.ts";

export type MediaKind = "image" | "video";

/** What a post stores per file (publish_posts.media). */
export interface StoredMedia {
  key: string;
  kind: MediaKind;
  contentType: string;
  bytes: number;
}

export const IMAGE_CONTENT_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"] as const;
export const POST_VIDEO_CONTENT_TYPES = ["video/mp4", "video/quicktime"] as const;
export const MEDIA_CONTENT_TYPES = [...IMAGE_CONTENT_TYPES, ...POST_VIDEO_CONTENT_TYPES] as const;
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const MAX_MEDIA_PER_POST = 10;

const EXTENSIONS: Record<string, string> = {
  "image/png": "png",
  "image/jpeg": "jpg",
  "image/webp": "webp",
  "image/gif": "gif",
  "video/mp4": "mp4",
  "video/quicktime": "mov",
};

/** Each platform's rules when its provider is not configured here (the providers' own say the same). */
export const PLATFORM_RULES: Record<PlatformId, PlatformRules> = {
  x: { maxLength: 280, requiresMedia: false, mediaKinds: ["image", "video"], maxMedia: 4 },
  instagram: { maxLength: 2200, requiresMedia: true, mediaKinds: ["image", "video"], maxMedia: 10 },
  facebook: { maxLength: 63206, requiresMedia: false, mediaKinds: ["image", "video"], maxMedia: 10 },
  linkedin: { maxLength: 3000, requiresMedia: false, mediaKinds: ["image", "video"], maxMedia: 9 },
  youtube: { maxLength: 5000, requiresMedia: true, mediaKinds: ["video"], maxMedia: 1 },
  tiktok: { maxLength: 2200, requiresMedia: true, mediaKinds: ["video"], maxMedia: 1 },
  sandbox: { maxLength: 500, requiresMedia: false, mediaKinds: ["image", "video"], maxMedia: 4 },
};

export const PLATFORM_NAMES: Record<PlatformId, string> = {
  x: "X",
  instagram: "Instagram",
  facebook: "Facebook",
  linkedin: "LinkedIn",
  youtube: "YouTube",
  tiktok: "TikTok",
  sandbox: "Sandbox",
};

export function rulesFor(services: Pick<AppServices, "platforms">, platform: PlatformId): PlatformRules {
  return services.platforms.get(platform)?.rules ?? PLATFORM_RULES[platform];
}

const kindOf = (contentType: string): MediaKind => (contentType.startsWith("video/") ? "video" : "image");

/** Where the browser uploads a post's file: a fresh key under the organization's publish folder. */
export async function mediaUploadUrl(
  services: Pick<AppServices, "storage" | "uploads">,
  orgId: string,
  input: { contentType: string; bytes: number },
): Promise<{ key: string; url: string; method: "PUT"; headers: Record<string, string>; expiresAt: Date }> {
  const maxBytes = kindOf(input.contentType) === "video" ? services.uploads.maxVideoBytes : MAX_IMAGE_BYTES;
  if (input.bytes > maxBytes) throw new FieldError("bytes", tooLargeMessage(input.bytes, maxBytes));
  const key = orgKey(orgId, "publish", `${randomUUID()}.${EXTENSIONS[input.contentType] ?? "bin"}`);
  return { key, ...(await services.storage.signedUploadUrl(key, { contentType: input.contentType, maxBytes })) };
}

/**
 * The uploaded files under these keys, each checked by its content (images png/jpeg/webp/gif,
 * videos mp4/mov); a refusal names `media.<i>.key`. Files already on the post are not read again.
 */
export async function checkMedia(
  services: Pick<AppServices, "storage" | "uploads">,
  orgId: string,
  keys: ReadonlyArray<{ key: string }>,
  known: readonly StoredMedia[] = [],
): Promise<StoredMedia[]> {
  if (keys.length > MAX_MEDIA_PER_POST) throw new FieldError("media", `A post takes at most ${MAX_MEDIA_PER_POST} files`);
  const checked: StoredMedia[] = [];
  for (const [index, { key }] of keys.entries()) {
    const field = `media.${index}.key`;
    if (!key.startsWith(`orgs/${orgId}/publish/`)) throw new FieldError(field, "Not a file uploaded for this organization's posts");
    if (checked.some((media) => media.key === key)) throw new FieldError(field, "This file is on the post already");
    const already = known.find((media) => media.key === key);
    if (already) {
      checked.push(already);
      continue;
    }
    try {
      const found = await inspectUpload(services.storage, key, {
        accept: MEDIA_CONTENT_TYPES,
        maxBytes: Math.max(services.uploads.maxVideoBytes, MAX_IMAGE_BYTES),
      });
      const kind = kindOf(found.contentType);
      if (kind === "image" && found.size > MAX_IMAGE_BYTES) {
        await services.storage.delete(key);
        throw new FieldError(field, tooLargeMessage(found.size, MAX_IMAGE_BYTES));
      }
      checked.push({ key, kind, contentType: found.contentType, bytes: found.size });
    } catch (error) {
      if (error instanceof DomainError && error.kind === "invalid" && error.field !== field) throw new FieldError(field, error.message);
      throw error;
    }
  }
  return checked;
}

/** Why `text` with `media` cannot go to `platform`, as field refusals under `path` (targets.0); empty when it can. */
export function ruleRefusals(
  rules: PlatformRules,
  platform: PlatformId,
  text: string,
  media: readonly StoredMedia[],
  path: string,
): FieldError[] {
  const name = PLATFORM_NAMES[platform];
  const refusals: FieldError[] = [];
  const length = [...text].length;
  if (length > rules.maxLength) {
    refusals.push(new FieldError(`${path}.content`, `${name} allows ${rules.maxLength} characters; this has ${length}`));
  }
  if (length === 0 && media.length === 0) refusals.push(new FieldError(`${path}.content`, `A post to ${name} needs text or media`));
  if (rules.requiresMedia && media.length === 0) {
    const what = rules.mediaKinds.length === 1 ? `a ${rules.mediaKinds[0]}` : "an image or a video";
    refusals.push(new FieldError("media", `${name} needs ${what}`));
  }
  const wrongKind = media.find((file) => !rules.mediaKinds.includes(file.kind));
  if (wrongKind) refusals.push(new FieldError("media", `${name} takes ${rules.mediaKinds.join(" or ")} only, not ${wrongKind.kind}s`));
  const videos = media.filter((file) => file.kind === "video").length;
  if (media.length > rules.maxMedia) {
    refusals.push(new FieldError("media", `${name} takes at most ${rules.maxMedia} files; this post has ${media.length}`));
  } else if (videos > 0 && media.length > 1 && platform === "x") {
    refusals.push(new FieldError("media", `${name} takes one video alone, or up to ${rules.maxMedia} images`));
  }
  return refusals;
}
