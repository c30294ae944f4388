import { Prisma, sqlPool } from "@glow/db";
import type { z } from "zod";
import type { Context } from "../../context.ts";
import { trackEvent } from "../../core/analytics.ts";
import { byId, toPage, type Page } from "../../core/pagination.ts";
import { ConflictError, FieldError, fromPrismaError, NotFoundError, PreconditionFailedError } from "../../core/errors.ts";
import { addDays, daysBetween, isoDate, utcDay } from "./dates.ts";
import { aiWordedPlan, rulePlan } from "./plan.ts";
import type { challengeOutput, categoryOutput, PlanView, Step, toxicCreatorOutput, VideoView } from "./schemas.ts";
import { favoritesOrder, STEPS } from "./schemas.ts";

type Deps = Pick<Context, "db" | "ai" | "events">;

export const planChannel = (userId: string) => `user:${userId}:plan`;

/**
 * Tells `reset.plan.onChange` subscribers (on every instance) about today's plan. Every
 * change that moves a step — a new plan, a completed step, a block, a watch, a rewatch —
 * goes through here. `plan` saves a query when the caller already has it.
 */
async function announcePlan(ctx: Deps, userId: string, plan?: PlanView): Promise<void> {
  const current = plan ?? (await todaysPlan(ctx, userId));
  if (current) await ctx.events.publish(planChannel(userId), current);
}

export const CHALLENGE_DAYS = 8; // day 0 to day 7

const notFound = (what: string) => new NotFoundError(`No such ${what}`);

// ── categories and preferences ──────────────────────────────────────────────

export async function listCategories(ctx: Deps): Promise<Array<z.infer<typeof categoryOutput>>> {
  const rows = await ctx.db.category.findMany({ where: { archivedAt: null }, orderBy: { name: "asc" } });
  return rows.map(({ id, slug, name, emoji, description }) => ({ id, slug, name, emoji, description }));
}

export async function chosenCategoryIds(ctx: Deps, userId: string): Promise<string[]> {
  const rows = await ctx.db.userCategory.findMany({ where: { userId }, select: { categoryId: true }, orderBy: { createdAt: "asc" } });
  return rows.map((row) => row.categoryId);
}

export async function setCategories(ctx: Deps, userId: string, categoryIds: string[]): Promise<{ categoryIds: string[] }> {
  const wanted = [...new Set(categoryIds)];
  const found = await ctx.db.category.findMany({ where: { id: { in: wanted }, archivedAt: null }, select: { id: true } });
  if (found.length !== wanted.length) throw new FieldError("categoryIds", "One of these categories does not exist");
  await ctx.db.$transaction([
    ctx.db.userCategory.deleteMany({ where: { userId, categoryId: { notIn: wanted } } }),
    ctx.db.userCategory.createMany({ data: wanted.map((categoryId) => ({ userId, categoryId })), skipDuplicates: true }),
  ]);
  await trackEvent(ctx.db, userId, "preferences_set", { categories: wanted.length });
  return { categoryIds: await chosenCategoryIds(ctx, userId) };
}

// ── plans ───────────────────────────────────────────────────────────────────

const planInclude = { steps: { orderBy: { position: "asc" } } } as const satisfies Prisma.PlanInclude;
type PlanRow = Prisma.PlanGetPayload<{ include: typeof planInclude }>;

export interface StepProgress {
  clear: number;
  watch: number;
  reinforce: number;
}

function planView(plan: PlanRow, progress: StepProgress): PlanView {
  return {
    id: plan.id,
    date: isoDate(plan.date),
    day: plan.day,
    source: plan.source === "ai" ? "ai" : "rules",
    steps: plan.steps.map((s) => ({
      step: s.step as Step,
      title: s.title,
      description: s.description,
      target: s.target,
      progress: progress[s.step as Step] ?? 0,
      completedAt: s.completedAt,
    })),
    completed: plan.steps.length === STEPS.length && plan.steps.every((s) => s.completedAt !== null),
  };
}

interface PlanSqlRow {
  id: string;
  date: string;
  day: number;
  source: string;
  blocked: number;
  watched: number;
  rewatched: number;
  steps: Array<{ step: string; title: string; description: string; target: number; completedAt: string | null }>;
}

// A hot read path, so one SQL statement rather than Prisma's two compiled queries (see benchmarks/).
const PROGRESS_COLUMNS = `
    (SELECT count(*)::int FROM creator_blocks b WHERE b.user_id = $1 AND b.created_at >= $2::date AND b.created_at < $2::date + 1) AS blocked,
    (SELECT count(*)::int FROM video_watches w WHERE w.user_id = $1 AND w.watched_on = $2::date) AS watched,
    (SELECT count(DISTINCT e.properties->>'videoId')::int FROM analytics_events e
      WHERE e.user_id = $1 AND e.name = 'favorite_rewatched' AND e.created_at >= $2::date AND e.created_at < $2::date + 1) AS rewatched`;

const TODAYS_PLAN_SQL = `
  SELECT p.id, p.date::text AS date, p.day, p.source,
    json_agg(json_build_object('step', s.step, 'title', s.title, 'description', s.description, 'target', s.target, 'completedAt', s.completed_at)
      ORDER BY s.position) AS steps,
    ${PROGRESS_COLUMNS}
  FROM plans p JOIN plan_steps s ON s.plan_id = p.id
  WHERE p.user_id = $1 AND p.date = $2
  GROUP BY p.id`;

const progressOf = (row: { blocked: number; watched: number; rewatched: number }): StepProgress => ({
  clear: row.blocked,
  watch: row.watched,
  reinforce: row.rewatched,
});

/** Today's counts toward each step's target. */
async function stepProgress(ctx: Deps, userId: string): Promise<StepProgress> {
  const { rows } = await sqlPool(ctx.db).query<{ blocked: number; watched: number; rewatched: number }>(`SELECT ${PROGRESS_COLUMNS}`, [userId, isoDate(utcDay())]);
  return progressOf(rows[0]!);
}

export async function todaysPlan(ctx: Deps, userId: string): Promise<PlanView | null> {
  const { rows } = await sqlPool(ctx.db).query<PlanSqlRow>(TODAYS_PLAN_SQL, [userId, isoDate(utcDay())]);
  const plan = rows[0];
  if (!plan) return null;
  const date = new Date(`${plan.date}T00:00:00Z`); // read as text: pg would parse a DATE as local midnight
  return planView(
    {
      ...plan,
      date,
      userId,
      createdAt: date,
      steps: plan.steps.map((s, position) => ({ ...s, planId: plan.id, position, completedAt: s.completedAt ? new Date(s.completedAt) : null })),
    },
    progressOf(plan),
  );
}

/** Today's plan, made if it does not exist yet: calling it again the same day returns the same plan. */
export async function generatePlan(ctx: Deps, userId: string): Promise<PlanView> {
  const existing = await todaysPlan(ctx, userId);
  if (existing) return existing;

  const today = utcDay();
  const categories = await ctx.db.userCategory.findMany({ where: { userId }, include: { category: true }, orderBy: { createdAt: "asc" } });
  if (categories.length === 0) {
    throw new PreconditionFailedError("Pick the categories you want more of first");
  }
  // ON CONFLICT DO NOTHING: concurrent first plans must not both try to enrol.
  await ctx.db.challengeEnrollment.createMany({ data: [{ userId, startedOn: today }], skipDuplicates: true });
  const enrollment = await ctx.db.challengeEnrollment.findUniqueOrThrow({ where: { userId } });
  const [toxicLeft, favoriteCount] = await Promise.all([
    ctx.db.curatedCreator.count({ where: { isToxic: true, archivedAt: null, blocks: { none: { userId } } } }),
    ctx.db.favorite.count({ where: { userId } }),
  ]);
  const situation = { day: daysBetween(enrollment.startedOn, today), categoryNames: categories.map((c) => c.category.name), toxicLeft, favoriteCount };
  const drafts = rulePlan(situation);
  const worded = ctx.ai ? await aiWordedPlan(ctx.ai, drafts, situation, { db: ctx.db, userId }) : null;

  try {
    const plan = await ctx.db.plan.create({
      data: { userId, date: today, day: situation.day, source: worded ? "ai" : "rules", steps: { create: worded ?? drafts } },
      include: planInclude,
    });
    await trackEvent(ctx.db, userId, "plan_generated", { day: plan.day, source: plan.source });
    const view = planView(plan, await stepProgress(ctx, userId));
    await announcePlan(ctx, userId, view);
    return view;
  } catch (error) {
    // Two requests raced to make today's plan: the other one won; return its plan.
    if (fromPrismaError(error) instanceof ConflictError) return (await todaysPlan(ctx, userId))!;
    throw error;
  }
}

export async function completeStep(ctx: Deps, userId: string, planId: string, step: Step): Promise<PlanView> {
  const plan = await ctx.db.plan.findFirst({ where: { id: planId, userId }, select: { id: true, day: true } });
  if (!plan) throw notFound("plan"); // another person's plan is "not found", never theirs to touch
  const { count } = await ctx.db.planStep.updateMany({ where: { planId, step, completedAt: null }, data: { completedAt: new Date() } });
  const updated = await ctx.db.plan.findUniqueOrThrow({ where: { id: planId }, include: planInclude });
  const view = planView(updated, await stepProgress(ctx, userId));
  if (count === 1) {
    await trackEvent(ctx.db, userId, "step_completed", { step, day: plan.day });
    if (view.completed) await trackEvent(ctx.db, userId, "day_completed", { day: plan.day });
    await announcePlan(ctx, userId, view);
  }
  return view;
}

// ── creators ────────────────────────────────────────────────────────────────

export async function toxicCreators(ctx: Deps, userId: string, input: { cursor?: string | undefined; limit: number }): Promise<Page<z.infer<typeof toxicCreatorOutput>>> {
  const rows = await ctx.db.curatedCreator.findMany({
    where: { isToxic: true, archivedAt: null, blocks: { none: { userId } }, ...byId.after(input.cursor) },
    include: { category: true },
    orderBy: byId.orderBy,
    take: input.limit + 1,
  });
  return toPage(rows, input.limit, byId, (c) => ({
    id: c.id,
    handle: c.handle,
    displayName: c.displayName,
    categoryId: c.categoryId,
    categoryName: c.category.name,
    reason: c.toxicityReason,
    profileUrl: `https://www.tiktok.com/@${encodeURIComponent(c.handle)}`,
  }));
}

export async function blockCreator(ctx: Deps, userId: string, creatorId: string): Promise<{ blocked: true }> {
  const creator = await ctx.db.curatedCreator.findFirst({ where: { id: creatorId, archivedAt: null }, select: { id: true } });
  if (!creator) throw notFound("creator");
  const created = await ctx.db.creatorBlock.createMany({ data: [{ userId, creatorId }], skipDuplicates: true });
  if (created.count === 1) {
    await trackEvent(ctx.db, userId, "creator_blocked", { creatorId });
    await announcePlan(ctx, userId);
  }
  return { blocked: true };
}

// ── videos and favorites ────────────────────────────────────────────────────

const videoInclude = { creator: { select: { handle: true, displayName: true } } } as const;
type VideoRow = Prisma.CuratedVideoGetPayload<{ include: typeof videoInclude }>;

async function videoViews(ctx: Deps, userId: string, rows: VideoRow[]): Promise<VideoView[]> {
  const favorites = await ctx.db.favorite.findMany({ where: { userId, videoId: { in: rows.map((r) => r.id) } }, select: { videoId: true } });
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
export async function curatedVideos(ctx: Deps, userId: string, input: { cursor?: string | undefined; limit: number }): Promise<Page<VideoView>> {
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

async function requireVideo(ctx: Deps, videoId: string): Promise<void> {
  const video = await ctx.db.curatedVideo.findFirst({ where: { id: videoId, archivedAt: null }, select: { id: true } });
  if (!video) throw notFound("video");
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

export async function listFavorites(ctx: Deps, userId: string, input: { cursor?: string | undefined; limit: number }): Promise<Page<VideoView>> {
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
export async function rewatchFavorite(ctx: Deps, userId: string, videoId: string): Promise<{ ok: true }> {
  const favorite = await ctx.db.favorite.findUnique({ where: { userId_videoId: { userId, videoId } } });
  if (!favorite) throw notFound("favorite");
  await trackEvent(ctx.db, userId, "favorite_rewatched", { videoId });
  await announcePlan(ctx, userId);
  return { ok: true };
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

// ── the 7-day challenge ─────────────────────────────────────────────────────

export async function challengeProgress(ctx: Deps, userId: string): Promise<z.infer<typeof challengeOutput>> {
  const enrollment = await ctx.db.challengeEnrollment.findUnique({ where: { userId } });
  if (!enrollment) {
    return {
      enrolled: false,
      startedOn: null,
      currentDay: null,
      days: Array.from({ length: CHALLENGE_DAYS }, (_, day) => ({ day, date: null, status: "upcoming" as const })),
      completedDays: 0,
      streak: 0,
      finished: false,
    };
  }
  const today = utcDay();
  const currentDay = daysBetween(enrollment.startedOn, today);
  const plans = await ctx.db.plan.findMany({ where: { userId, day: { lt: CHALLENGE_DAYS } }, include: planInclude });
  const noProgress: StepProgress = { clear: 0, watch: 0, reinforce: 0 };
  const doneDays = new Set(plans.map((plan) => planView(plan, noProgress)).filter((p) => p.completed).map((p) => p.day));
  const days = Array.from({ length: CHALLENGE_DAYS }, (_, day) => ({
    day,
    date: isoDate(addDays(enrollment.startedOn, day)),
    status: doneDays.has(day) ? ("done" as const) : day < currentDay ? ("missed" as const) : day === currentDay ? ("today" as const) : ("upcoming" as const),
  }));
  // The streak counts back from today if today is done, else from yesterday.
  let streak = 0;
  for (let day = doneDays.has(currentDay) ? currentDay : currentDay - 1; day >= 0 && doneDays.has(day); day--) streak += 1;
  return {
    enrolled: true,
    startedOn: isoDate(enrollment.startedOn),
    currentDay,
    days,
    completedDays: doneDays.size,
    streak,
    finished: doneDays.size === CHALLENGE_DAYS,
  };
}
