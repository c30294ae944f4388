import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { pageOutput } from "../../core/pagination.ts";
import { permittedProcedure } from "../../trpc.ts";
import * as curation from "./curation.ts";
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
} from "./curation-schemas.ts";

const read = permittedProcedure("content:write"); // curators read what they edit
const write = permittedProcedure("content:write");
const updated = z.object({ updated: z.number() });

/** Mounted at admin.reset.* */
export const resetCurationRouter = {
  categories: {
    list: read.input(listCategoriesInput).output(z.array(curatedCategoryOutput)).query(({ ctx, input }) => curation.listCategories(ctx, input.includeArchived)),
    create: write.input(createCategoryInput).output(curatedCategoryOutput).mutation(({ ctx, input }) => curation.createCategory(ctx, input)),
    update: write.input(updateCategoryInput).output(curatedCategoryOutput).mutation(({ ctx, input }) => curation.updateCategory(ctx, input)),
    archive: write.input(archiveInput).output(curatedCategoryOutput).mutation(({ ctx, input }) => curation.archiveCategory(ctx, input.id, input.archived)),
    archiveMany: write.input(archiveManyInput).output(updated).mutation(({ ctx, input }) => curation.archiveMany(ctx, "category", input.ids, input.archived)),
  },
  creators: {
    list: read.input(listCreatorsInput).output(pageOutput(curatedCreatorOutput)).query(({ ctx, input }) => curation.listCreators(ctx, input)),
    create: write.input(createCreatorInput).output(curatedCreatorOutput).mutation(({ ctx, input }) => curation.createCreator(ctx, input)),
    update: write.input(updateCreatorInput).output(curatedCreatorOutput).mutation(({ ctx, input }) => curation.updateCreator(ctx, input)),
    archive: write.input(archiveInput).output(curatedCreatorOutput).mutation(({ ctx, input }) => curation.archiveCreator(ctx, input.id, input.archived)),
    archiveMany: write.input(archiveManyInput).output(updated).mutation(({ ctx, input }) => curation.archiveMany(ctx, "curatedCreator", input.ids, input.archived)),
    import: write.input(importCreatorsInput).output(importReport).mutation(({ ctx, input }) => curation.importCreators(ctx, input.mode, input.rows)),
  },
  videos: {
    list: read.input(listVideosInput).output(pageOutput(curatedVideoOutput)).query(({ ctx, input }) => curation.listVideos(ctx, input)),
    create: write.input(createVideoInput).output(curatedVideoOutput).mutation(({ ctx, input }) => curation.createVideo(ctx, input)),
    update: write.input(updateVideoInput).output(curatedVideoOutput).mutation(({ ctx, input }) => curation.updateVideo(ctx, input)),
    archive: write.input(archiveInput).output(curatedVideoOutput).mutation(({ ctx, input }) => curation.archiveVideo(ctx, input.id, input.archived)),
    archiveMany: write.input(archiveManyInput).output(updated).mutation(({ ctx, input }) => curation.archiveMany(ctx, "curatedVideo", input.ids, input.archived)),
    import: write.input(importVideosInput).output(importReport).mutation(({ ctx, input }) => curation.importVideos(ctx, input.mode, input.rows)),
  },
} satisfies TRPCRouterRecord;
