// A person's favorite videos (reset.favorites.*): rewatching one is the Reinforce step.
import type { Context } from "../../context.ts";
import { trackEvent } from "../../core/analytics.ts";
import { NotFoundError } from "../../core/errors.ts";
import { toPage, type Page } from "../../core/pagination.ts";
import { announcePlan } from "./plan.ts";
import { favoritesOrder, type VideoView } from "./schemas.ts";
import { requireVideo, videoInclude, videoViews } from "./videos.ts";

type Deps = Pick<Context, "db" | "events">;

export async function listFavorites(
  ctx: Deps,
  userId: string,
  input: { cursor?: string | undefined; limit: number },
): Promise<Page<VideoView>> {
  const rows = await ctx.db.favorite.findMany({
    where: { userId, video: { archivedAt: null }, ...favoritesOrder.after(input.cursor) },
    include: { video: { include: videoInclude } },
    orderBy: favoritesOrder.orderBy,
    take: input.limit + 1,
  });
  const page = toPage(rows, input.limit, favoritesOrder, (favorite) => favorite.video);
  return { ...page, items: await videoViews(ctx, userId, page.items) };
}

export async function addFavorite(ctx: Deps, userId: string, videoId: string): Promise<{ favorite: true }> {
  await requireVideo(ctx, videoId);
  const created = await ctx.db.favorite.createMany({ data: [{ userId, videoId }], skipDuplicates: true });
  if (created.count === 1) await trackEvent(ctx.db, userId, "favorite_added", { videoId });
  return { favorite: true };
}

/** The person rewatched one of their favorites (the Reinforce step): counted toward today's plan. */
export async function markRewatched(ctx: Deps, userId: string, videoId: string): Promise<{ rewatched: true }> {
  const favorite = await ctx.db.favorite.findUnique({ where: { userId_videoId: { userId, videoId } } });
  if (!favorite) throw new NotFoundError("No such favorite");
  await trackEvent(ctx.db, userId, "favorite_rewatched", { videoId });
  await announcePlan(ctx, userId);
  return { rewatched: true };
}

export async function removeFavorite(ctx: Deps, userId: string, videoId: string): Promise<{ favorite: false }> {
  await ctx.db.favorite.deleteMany({ where: { userId, videoId } });
  return { favorite: false };
}

export async function randomFavorite(ctx: Deps, userId: string): Promise<VideoView | null> {
  const [picked] = await ctx.db.$queryRaw<Array<{ video_id: string }>>`
    SELECT f.video_id::text FROM favorites f JOIN curated_videos v ON v.id = f.video_id
    WHERE f.user_id = ${userId}::uuid AND v.archived_at IS NULL
    ORDER BY random() LIMIT 1`;
  if (!picked) return null;
  const video = await ctx.db.curatedVideo.findUniqueOrThrow({ where: { id: picked.video_id }, include: videoInclude });
  return (await videoViews(ctx, userId, [video]))[0]!;
}
