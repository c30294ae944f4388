// The curated videos of the Watch step (reset.videos.*), and how a video is shown wherever it appears.
import { Prisma, sqlPool } from "@glow/db";
import type { Context } from "../../context.ts";
import { trackEvent } from "../../core/analytics.ts";
import { NotFoundError } from "../../core/errors.ts";
import { byId, toPage, type Page } from "../../core/pagination.ts";
import { isoDate, utcDay } from "./dates.ts";
import { announcePlan } from "./plan.ts";
import type { VideoView } from "./schemas.ts";

type Deps = Pick<Context, "db" | "events">;

export const videoInclude = { creator: { select: { handle: true, displayName: true } } } as const;
type VideoRow = Prisma.CuratedVideoGetPayload<{ include: typeof videoInclude }>;

export async function videoViews(ctx: Deps, userId: string, rows: VideoRow[]): Promise<VideoView[]> {
  const favorites = await ctx.db.favorite.findMany({
    where: { userId, videoId: { in: rows.map((r) => r.id) } },
    select: { videoId: true },
  });
  const favorite = new Set(favorites.map((f) => f.videoId));
  return rows.map((v) => ({
    id: v.id,
    title: v.title,
    url: v.url,
    thumbnailUrl: v.thumbnailUrl,
    durationSeconds: v.durationSeconds,
    categoryId: v.categoryId,
    creator: v.creator,
    isFavorite: favorite.has(v.id),
  }));
}

interface VideoSqlRow {
  id: string;
  title: string;
  url: string;
  thumbnail_url: string;
  duration_seconds: number;
  category_id: string;
  handle: string;
  display_name: string;
  is_favorite: boolean;
}

// The Watch step's list, on every visit: one SQL statement (see benchmarks/).
const CURATED_VIDEOS_SQL = `
  SELECT v.id, v.title, v.url, v.thumbnail_url, v.duration_seconds, v.category_id, c.handle, c.display_name,
    EXISTS (SELECT 1 FROM favorites f WHERE f.user_id = $1 AND f.video_id = v.id) AS is_favorite
  FROM curated_videos v JOIN creators c ON c.id = v.creator_id
  WHERE v.category_id IN (SELECT category_id FROM user_categories WHERE user_id = $1)
    AND v.archived_at IS NULL AND c.archived_at IS NULL
    AND NOT EXISTS (SELECT 1 FROM creator_blocks b WHERE b.user_id = $1 AND b.creator_id = c.id)
    AND NOT EXISTS (SELECT 1 FROM video_watches w WHERE w.user_id = $1 AND w.video_id = v.id AND w.watched_on = $2)
    AND ($3::uuid IS NULL OR v.id > $3::uuid)
  ORDER BY v.id
  LIMIT $4`;

/** Videos in the person's categories, from creators they have not blocked, not yet watched today. */
export async function curatedVideos(
  ctx: Deps,
  userId: string,
  input: { cursor?: string | undefined; limit: number },
): Promise<Page<VideoView>> {
  const cursor = input.cursor ?? null; // validated as a UUID by the schema; the SQL pages by id as `byId` does
  const { rows } = await sqlPool(ctx.db).query<VideoSqlRow>(CURATED_VIDEOS_SQL, [userId, isoDate(utcDay()), cursor, input.limit + 1]);
  return toPage(rows, input.limit, byId, (v) => ({
    id: v.id,
    title: v.title,
    url: v.url,
    thumbnailUrl: v.thumbnail_url,
    durationSeconds: v.duration_seconds,
    categoryId: v.category_id,
    creator: { handle: v.handle, displayName: v.display_name },
    isFavorite: v.is_favorite,
  }));
}

export async function requireVideo(ctx: Deps, videoId: string): Promise<void> {
  const video = await ctx.db.curatedVideo.findFirst({ where: { id: videoId, archivedAt: null }, select: { id: true } });
  if (!video) throw new NotFoundError("No such video");
}

export async function markWatched(ctx: Deps, userId: string, videoId: string): Promise<{ watched: true }> {
  await requireVideo(ctx, videoId);
  const created = await ctx.db.videoWatch.createMany({ data: [{ userId, videoId, watchedOn: utcDay() }], skipDuplicates: true });
  if (created.count === 1) {
    await trackEvent(ctx.db, userId, "video_watched", { videoId });
    await announcePlan(ctx, userId);
  }
  return { watched: true };
}
