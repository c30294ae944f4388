// Today's plan (reset.plan.*): three steps, made once a day, whose progress the server counts;
// every change that moves a step is announced to reset.plan.onChange subscribers.
import { Prisma, sqlPool } from "@glow/db";
import type { Context } from "../../context.ts";
import { trackEvent } from "../../core/analytics.ts";
import { ConflictError, fromPrismaError, NotFoundError, PreconditionFailedError } from "../../core/errors.ts";
import { daysBetween, isoDate, utcDay } from "./dates.ts";
import { aiWordedPlan, rulePlan } from "./plan-rules.ts";
import { STEPS, type PlanView, type Step } from "./schemas.ts";

type Deps = Pick<Context, "db" | "ai" | "events">;

export const planChannel = (userId: string) => `user:${userId}:plan`;

/**
 * Tells `reset.plan.onChange` subscribers (on every instance) about today's plan. Every
 * change that moves a step — a new plan, a completed step, a block, a watch, a rewatch —
 * goes through here. `plan` saves a query when the caller already has it.
 */
export async function announcePlan(ctx: Pick<Deps, "db" | "events">, userId: string, plan?: PlanView): Promise<void> {
  const current = plan ?? (await todaysPlan(ctx, userId));
  if (current) await ctx.events.publish(planChannel(userId), current);
}

export const planInclude = { steps: { orderBy: { position: "asc" } } } as const satisfies Prisma.PlanInclude;
type PlanRow = Prisma.PlanGetPayload<{ include: typeof planInclude }>;

export interface StepProgress {
  clear: number;
  watch: number;
  reinforce: number;
}

export function planView(plan: PlanRow, progress: StepProgress): PlanView {
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
async function stepProgress(ctx: Pick<Deps, "db">, userId: string): Promise<StepProgress> {
  const { rows } = await sqlPool(ctx.db).query<{ blocked: number; watched: number; rewatched: number }>(`SELECT ${PROGRESS_COLUMNS}`, [
    userId,
    isoDate(utcDay()),
  ]);
  return progressOf(rows[0]!);
}

export async function todaysPlan(ctx: Pick<Deps, "db">, userId: string): Promise<PlanView | null> {
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
      steps: plan.steps.map((s, position) => ({
        ...s,
        planId: plan.id,
        position,
        completedAt: s.completedAt ? new Date(s.completedAt) : null,
      })),
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
  const situation = {
    day: daysBetween(enrollment.startedOn, today),
    categoryNames: categories.map((c) => c.category.name),
    toxicLeft,
    favoriteCount,
  };
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
  if (!plan) throw new NotFoundError("No such plan"); // another person's plan is "not found", never theirs to touch
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
