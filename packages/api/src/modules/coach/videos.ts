// Exercise videos: short-lived signed URLs to stream them (coach.videos.streamUrl), the content
// check of an uploaded one, and the library's bundled videos put into storage at start.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { COACH_LIBRARY_VIDEOS, COACH_VIDEOS_DIR, coachLibraryVideoKey } from "@glow/db";
import type { Context } from "../../context.ts";
import { FieldError, NotFoundError } from "../../core/errors.ts";
import { inspectUpload, keyVisibleTo, VIDEO_CONTENT_TYPES, type Storage } from "../../core/storage/index.ts";
import type { CoachContext } from "./access.ts";

/** A coach service that touches files. */
export type MediaContext = CoachContext & Pick<Context, "storage" | "uploads">;

/**
 * A URL to stream an exercise's video for 5 minutes. The exercise is read under row-level
 * security, so another organization's is "not found" like a missing one.
 */
export async function exerciseStreamUrl(
  ctx: Pick<MediaContext, "tenant" | "storage">,
  exerciseId: string,
): Promise<{ url: string; expiresAt: Date }> {
  const { tenant } = ctx;
  const exercise = await tenant.run((tx) =>
    tx.coachExercise.findFirst({
      where: { id: exerciseId, OR: [{ orgId: tenant.orgId }, { orgId: null }] },
      select: { videoKey: true },
    }),
  );
  if (!exercise) throw new NotFoundError("No such exercise");
  if (!exercise.videoKey || !keyVisibleTo(exercise.videoKey, tenant.orgId)) throw new NotFoundError("This exercise has no video");
  return ctx.storage.signedReadUrl(exercise.videoKey);
}

/** An uploaded file is a video of an accepted type within the size limit, judged by its bytes (else 400 on "videoKey"/"file"). */
export async function checkUploadedVideo(ctx: Pick<MediaContext, "storage" | "uploads">, key: string): Promise<void> {
  if (!(await ctx.storage.head(key))) throw new FieldError("videoKey", "No video was uploaded under this key: upload it first");
  await inspectUpload(ctx.storage, key, { accept: VIDEO_CONTENT_TYPES, maxBytes: ctx.uploads.maxVideoBytes });
}

/** Puts each bundled library video into storage at its library key when it is not there yet (the server calls it at start). */
export async function ensureLibraryVideos(storage: Storage): Promise<{ uploaded: number }> {
  let uploaded = 0;
  for (const video of COACH_LIBRARY_VIDEOS) {
    const key = coachLibraryVideoKey(video.file);
    if (await storage.head(key)) continue;
    await storage.put(key, await readFile(path.join(COACH_VIDEOS_DIR, video.file)), { contentType: "video/mp4" });
    uploaded += 1;
  }
  return { uploaded };
}
