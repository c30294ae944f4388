import { z } from "zod";
import { byId, byNewest, pageInput } from "../../core/pagination.ts";

export const STEPS = ["clear", "watch", "reinforce"] as const;
export const step = z.enum(STEPS);
export type Step = z.infer<typeof step>;

const PAGE = { default: 10, max: 50 };
/** Toxic creators and curated videos page through the catalog by id: a blocked creator or watched video leaves the list behind the cursor. */
export const catalogPageInput = pageInput(byId, PAGE);
/** Favorites are newest first; the cursor carries its own position ("<ms>_<videoId>"), so it survives the favorite's removal. */
export const favoritesOrder = byNewest("videoId", "asc");
export const favoritesPageInput = pageInput(favoritesOrder, PAGE);

export const categoryOutput = z.object({ id: z.string(), slug: z.string(), name: z.string(), emoji: z.string(), description: z.string() });

export const setCategoriesInput = z.object({
  categoryIds: z.array(z.uuid("Not a category id")).min(1, "Pick at least one category").max(20),
});
export const preferencesOutput = z.object({ categoryIds: z.array(z.string()) });

export const planStepOutput = z.object({
  step,
  title: z.string(),
  description: z.string(),
  target: z.number(),
  /** How far the person got today, counted by the server: creators blocked, videos watched, favorites rewatched. */
  progress: z.number(),
  completedAt: z.date().nullable(),
});
export const planOutput = z.object({
  id: z.string(),
  date: z.string(),
  day: z.number(),
  source: z.enum(["rules", "ai"]),
  steps: z.array(planStepOutput),
  completed: z.boolean(),
});
export type PlanView = z.infer<typeof planOutput>;

export const completeStepInput = z.object({ planId: z.uuid("Not a plan id"), step });

export const toxicCreatorOutput = z.object({
  id: z.string(),
  handle: z.string(),
  displayName: z.string(),
  categoryId: z.string(),
  categoryName: z.string(),
  reason: z.string().nullable(),
  profileUrl: z.string(),
});
export const creatorIdInput = z.object({ creatorId: z.uuid("Not a creator id") });

export const videoOutput = z.object({
  id: z.string(),
  title: z.string(),
  url: z.string(),
  thumbnailUrl: z.string(),
  durationSeconds: z.number(),
  categoryId: z.string(),
  creator: z.object({ handle: z.string(), displayName: z.string() }),
  isFavorite: z.boolean(),
});
export type VideoView = z.infer<typeof videoOutput>;
export const videoIdInput = z.object({ videoId: z.uuid("Not a video id") });

export const challengeOutput = z.object({
  enrolled: z.boolean(),
  startedOn: z.string().nullable(),
  /** Days since the start (0 on the first day); null before the first plan. */
  currentDay: z.number().nullable(),
  days: z.array(z.object({ day: z.number(), date: z.string().nullable(), status: z.enum(["done", "missed", "today", "upcoming"]) })),
  completedDays: z.number(),
  streak: z.number(),
  finished: z.boolean(),
});
