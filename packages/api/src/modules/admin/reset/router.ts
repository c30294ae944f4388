import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { pageOutput } from "../../../core/pagination.ts";
import { permittedProcedure } from "../../../trpc.ts";
import { archiveMany } from "./catalog.ts";
import { archiveCategory, createCategory, listCategories, updateCategory } from "./categories.ts";
import { archiveCreator, createCreator, importCreators, listCreators, updateCreator } from "./creators.ts";
import { archiveVideo, createVideo, importVideos, listVideos, updateVideo } from "./videos.ts";
import {
  archiveInput,
  archiveManyInput,
  importCreatorsInput,
  importReport,
  importVideosInput,
  createCategoryInput,
  createCreatorInput,
  createVideoInput,
  curatedCategoryOutput,
  curatedCreatorOutput,
  curatedVideoOutput,
  listCategoriesInput,
  listCreatorsInput,
  listVideosInput,
  updateCategoryInput,
  updateCreatorInput,
  updateVideoInput,
} from "./schemas.ts";

const read = permittedProcedure({ action: "write", entity: "content" }); // curators read what they edit
const write = permittedProcedure({ action: "write", entity: "content" });
const updated = z.object({ updated: z.number() });

/** Mounted at admin.reset.* */
export const adminResetRouter = {
  categories: {
    list: read
      .input(listCategoriesInput)
      .output(z.array(curatedCategoryOutput))
      .query(({ ctx, input }) => listCategories(ctx, input.includeArchived)),
    create: write
      .input(createCategoryInput)
      .output(curatedCategoryOutput)
      .mutation(({ ctx, input }) => createCategory(ctx, input)),
    update: write
      .input(updateCategoryInput)
      .output(curatedCategoryOutput)
      .mutation(({ ctx, input }) => updateCategory(ctx, input)),
    archive: write
      .input(archiveInput)
      .output(curatedCategoryOutput)
      .mutation(({ ctx, input }) => archiveCategory(ctx, input.id, input.archived)),
    archiveMany: write
      .input(archiveManyInput)
      .output(updated)
      .mutation(({ ctx, input }) => archiveMany(ctx, "category", input.ids, input.archived)),
  },
  creators: {
    list: read
      .input(listCreatorsInput)
      .output(pageOutput(curatedCreatorOutput))
      .query(({ ctx, input }) => listCreators(ctx, input)),
    create: write
      .input(createCreatorInput)
      .output(curatedCreatorOutput)
      .mutation(({ ctx, input }) => createCreator(ctx, input)),
    update: write
      .input(updateCreatorInput)
      .output(curatedCreatorOutput)
      .mutation(({ ctx, input }) => updateCreator(ctx, input)),
    archive: write
      .input(archiveInput)
      .output(curatedCreatorOutput)
      .mutation(({ ctx, input }) => archiveCreator(ctx, input.id, input.archived)),
    archiveMany: write
      .input(archiveManyInput)
      .output(updated)
      .mutation(({ ctx, input }) => archiveMany(ctx, "curatedCreator", input.ids, input.archived)),
    import: write
      .input(importCreatorsInput)
      .output(importReport)
      .mutation(({ ctx, input }) => importCreators(ctx, input.mode, input.rows)),
  },
  videos: {
    list: read
      .input(listVideosInput)
      .output(pageOutput(curatedVideoOutput))
      .query(({ ctx, input }) => listVideos(ctx, input)),
    create: write
      .input(createVideoInput)
      .output(curatedVideoOutput)
      .mutation(({ ctx, input }) => createVideo(ctx, input)),
    update: write
      .input(updateVideoInput)
      .output(curatedVideoOutput)
      .mutation(({ ctx, input }) => updateVideo(ctx, input)),
    archive: write
      .input(archiveInput)
      .output(curatedVideoOutput)
      .mutation(({ ctx, input }) => archiveVideo(ctx, input.id, input.archived)),
    archiveMany: write
      .input(archiveManyInput)
      .output(updated)
      .mutation(({ ctx, input }) => archiveMany(ctx, "curatedVideo", input.ids, input.archived)),
    import: write
      .input(importVideosInput)
      .output(importReport)
      .mutation(({ ctx, input }) => importVideos(ctx, input.mode, input.rows)),
  },
} satisfies TRPCRouterRecord;
