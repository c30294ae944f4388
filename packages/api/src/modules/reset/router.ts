import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { eventsOf } from "../../core/events.ts";
import { pageOutput } from "../../core/pagination.ts";
import { authedProcedure, publicProcedure, rest } from "../../trpc.ts";
import {
  categoryOutput,
  challengeOutput,
  completeStepInput,
  creatorIdInput,
  catalogPageInput,
  favoritesPageInput,
  planOutput,
  type PlanView,
  preferencesOutput,
  setCategoriesInput,
  toxicCreatorOutput,
  videoIdInput,
  videoOutput,
} from "./schemas.ts";
import { listCategories } from "./categories.ts";
import { challengeProgress } from "./challenge.ts";
import { blockCreator, toxicCreators } from "./creators.ts";
import { addFavorite, listFavorites, markRewatched, randomFavorite, removeFavorite } from "./favorites.ts";
import { completeStep, generatePlan, planChannel, todaysPlan } from "./plan.ts";
import { chosenCategoryIds, setCategories } from "./preferences.ts";
import { curatedVideos, markWatched } from "./videos.ts";

export const resetRouter = {
  categories: {
    list: publicProcedure
      .meta(rest("GET", "/reset/categories", "Interest categories"))
      .input(z.void())
      .output(z.array(categoryOutput))
      .query(({ ctx }) => listCategories(ctx)),
  },
  preferences: {
    get: authedProcedure
      .meta(rest("GET", "/reset/preferences", "The categories I picked"))
      .input(z.void())
      .output(preferencesOutput)
      .query(async ({ ctx }) => ({ categoryIds: await chosenCategoryIds(ctx, ctx.caller.userId) })),
    setCategories: authedProcedure
      .meta(rest("PUT", "/reset/preferences", "Pick my categories"))
      .input(setCategoriesInput)
      .output(preferencesOutput)
      .mutation(({ ctx, input }) => setCategories(ctx, ctx.caller.userId, input.categoryIds)),
  },
  plan: {
    generate: authedProcedure
      .meta(rest("POST", "/reset/plan", "Make today's plan (idempotent per day)"))
      .input(z.void())
      .output(planOutput)
      .mutation(({ ctx }) => generatePlan(ctx, ctx.caller.userId)),
    today: authedProcedure
      .meta(rest("GET", "/reset/plan/today", "Today's plan, or null"))
      .input(z.void())
      .output(planOutput.nullable())
      .query(({ ctx }) => todaysPlan(ctx, ctx.caller.userId)),
    /** Today's plan now, then again each time it changes (on any device, through any server instance). */
    onChange: authedProcedure.input(z.void()).subscription(async function* ({ ctx, signal }) {
      const current = await todaysPlan(ctx, ctx.caller.userId);
      if (current) yield current;
      yield* eventsOf<PlanView>(ctx.events, planChannel(ctx.caller.userId), signal);
    }),
    completeStep: authedProcedure
      .meta(rest("POST", "/reset/plan/complete-step", "Mark a step of a plan done"))
      .input(completeStepInput)
      .output(planOutput)
      .mutation(({ ctx, input }) => completeStep(ctx, ctx.caller.userId, input.planId, input.step)),
  },
  creators: {
    toxic: authedProcedure
      .input(catalogPageInput)
      .output(pageOutput(toxicCreatorOutput))
      .query(({ ctx, input }) => toxicCreators(ctx, ctx.caller.userId, input)),
    block: authedProcedure
      .input(creatorIdInput)
      .output(z.object({ blocked: z.literal(true) }))
      .mutation(({ ctx, input }) => blockCreator(ctx, ctx.caller.userId, input.creatorId)),
  },
  videos: {
    curated: authedProcedure
      .input(catalogPageInput)
      .output(pageOutput(videoOutput))
      .query(({ ctx, input }) => curatedVideos(ctx, ctx.caller.userId, input)),
    markWatched: authedProcedure
      .input(videoIdInput)
      .output(z.object({ watched: z.literal(true) }))
      .mutation(({ ctx, input }) => markWatched(ctx, ctx.caller.userId, input.videoId)),
  },
  favorites: {
    list: authedProcedure
      .input(favoritesPageInput)
      .output(pageOutput(videoOutput))
      .query(({ ctx, input }) => listFavorites(ctx, ctx.caller.userId, input)),
    add: authedProcedure
      .input(videoIdInput)
      .output(z.object({ favorite: z.literal(true) }))
      .mutation(({ ctx, input }) => addFavorite(ctx, ctx.caller.userId, input.videoId)),
    remove: authedProcedure
      .input(videoIdInput)
      .output(z.object({ favorite: z.literal(false) }))
      .mutation(({ ctx, input }) => removeFavorite(ctx, ctx.caller.userId, input.videoId)),
    markRewatched: authedProcedure
      .input(videoIdInput)
      .output(z.object({ rewatched: z.literal(true) }))
      .mutation(({ ctx, input }) => markRewatched(ctx, ctx.caller.userId, input.videoId)),
    random: authedProcedure
      .input(z.void())
      .output(videoOutput.nullable())
      .query(({ ctx }) => randomFavorite(ctx, ctx.caller.userId)),
  },
  challenge: {
    progress: authedProcedure
      .meta(rest("GET", "/reset/challenge", "The 7-day challenge"))
      .input(z.void())
      .output(challengeOutput)
      .query(({ ctx }) => challengeProgress(ctx, ctx.caller.userId)),
  },
} satisfies TRPCRouterRecord;
