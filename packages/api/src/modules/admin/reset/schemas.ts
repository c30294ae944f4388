import { z } from "zod";
import { byId, pageInput } from "../../../core/pagination.ts";

const id = z.uuid("Not an id");
/** By id, so that a row archived behind the cursor does not move the next page. */
const listPage = pageInput(byId, { default: 25, max: 100 }).extend({ includeArchived: z.boolean().default(false) });
const archived = z.object({ id, archived: z.boolean().default(true) });

export const categoryFields = {
  name: z.string().trim().min(2, "At least 2 characters").max(60),
  emoji: z.string().trim().max(8).default(""),
  description: z.string().trim().max(200).default(""),
};
export const createCategoryInput = z.object({
  ...categoryFields,
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9-]{1,39}$/, "Lowercase letters, digits and dashes")
    .optional(),
});
export const updateCategoryInput = z.object({
  id,
  name: categoryFields.name.optional(),
  emoji: z.string().trim().max(8).optional(),
  description: z.string().trim().max(200).optional(),
});
export const listCategoriesInput = z.object({ includeArchived: z.boolean().default(false) });
export const archiveInput = archived;

export const curatedCategoryOutput = z.object({
  id: z.string(),
  slug: z.string(),
  name: z.string(),
  emoji: z.string(),
  description: z.string(),
  creatorCount: z.number(),
  videoCount: z.number(),
  archivedAt: z.date().nullable(),
});

const handle = z
  .string()
  .trim()
  .transform((value) => value.replace(/^@/, ""))
  .pipe(z.string().regex(/^[A-Za-z0-9._]{2,24}$/, "2–24 letters, digits, dots or underscores"));
export const createCreatorInput = z
  .object({
    handle,
    displayName: z.string().trim().min(1).max(80),
    categoryId: id,
    isToxic: z.boolean().default(false),
    toxicityReason: z.string().trim().max(200).nullish(),
  })
  .refine((c) => !c.isToxic || (c.toxicityReason ?? "").length > 0, { path: ["toxicityReason"], message: "Say why this creator is toxic" });
export const updateCreatorInput = z.object({
  id,
  handle: handle.optional(),
  displayName: z.string().trim().min(1).max(80).optional(),
  categoryId: id.optional(),
  isToxic: z.boolean().optional(),
  toxicityReason: z.string().trim().max(200).nullish(),
});
export const listCreatorsInput = listPage.extend({
  search: z.string().trim().max(100).optional(),
  categoryId: id.optional(),
  toxic: z.boolean().optional(),
});
export const curatedCreatorOutput = z.object({
  id: z.string(),
  handle: z.string(),
  displayName: z.string(),
  categoryId: z.string(),
  isToxic: z.boolean(),
  toxicityReason: z.string().nullable(),
  videoCount: z.number(),
  archivedAt: z.date().nullable(),
});

const videoUrl = z.url({ protocol: /^https$/, error: "An https:// link to the video" }).max(500);
export const createVideoInput = z.object({
  url: videoUrl,
  title: z.string().trim().min(2).max(150),
  creatorId: id,
  durationSeconds: z.number().int().min(1).max(3600),
  thumbnailUrl: z.string().trim().max(500).optional(),
});
export const updateVideoInput = z.object({
  id,
  url: videoUrl.optional(),
  title: z.string().trim().min(2).max(150).optional(),
  creatorId: id.optional(),
  durationSeconds: z.number().int().min(1).max(3600).optional(),
  thumbnailUrl: z.string().trim().max(500).optional(),
});
export const listVideosInput = listPage.extend({
  search: z.string().trim().max(100).optional(),
  categoryId: id.optional(),
  creatorId: id.optional(),
});
export const curatedVideoOutput = z.object({
  id: z.string(),
  url: z.string(),
  title: z.string(),
  creatorId: z.string(),
  creatorHandle: z.string(),
  categoryId: z.string(),
  durationSeconds: z.number(),
  thumbnailUrl: z.string(),
  archivedAt: z.date().nullable(),
});

export const archiveManyInput = z.object({ ids: z.array(id).min(1).max(500), archived: z.boolean().default(true) });

/** A yes/no cell from a spreadsheet. */
const csvBoolean = z.union([z.boolean(), z.string()]).transform((value, ctx) => {
  if (typeof value === "boolean") return value;
  const v = value.trim().toLowerCase();
  if (["true", "yes", "y", "1", "toxic"].includes(v)) return true;
  if (["false", "no", "n", "0", ""].includes(v)) return false;
  ctx.addIssue({ code: "custom", message: "Use yes or no" });
  return z.NEVER;
});

/** One spreadsheet row per creator; the category by its slug. */
export const creatorImportRow = z
  .object({
    handle,
    displayName: z.string().trim().min(1, "Required").max(80),
    category: z.string().trim().min(1, "Required").max(40),
    isToxic: csvBoolean.default(false),
    toxicityReason: z.string().trim().max(200).optional(),
  })
  .refine((c) => !c.isToxic || (c.toxicityReason ?? "").length > 0, { path: ["toxicityReason"], message: "Say why this creator is toxic" });

/** One spreadsheet row per video; the creator by handle. */
export const videoImportRow = z.object({
  url: videoUrl,
  title: z.string().trim().min(2, "At least 2 characters").max(150),
  creatorHandle: z
    .string()
    .trim()
    .transform((value) => value.replace(/^@/, ""))
    .pipe(z.string().min(1, "Required")),
  durationSeconds: z.coerce.number({ error: "A number of seconds" }).int("Whole seconds").min(1).max(3600),
  thumbnailUrl: z.string().trim().max(500).optional(),
});

const importMode = z.enum(["preview", "commit"]);
/** A spreadsheet cell: text or a number (yes/no may come as a boolean; empty as null or absent), never nested data. */
const importCell = z.union([z.string().max(1000, "At most 1,000 characters in a cell"), z.number(), z.boolean(), z.null(), z.undefined()], {
  error: "Text or a number",
});
/** A spreadsheet row: column name → cell, as many columns as a sheet sensibly has. */
const importRow = z.record(z.string().max(60), importCell).refine((row) => Object.keys(row).length <= 30, "At most 30 columns");
export const importCreatorsInput = z.object({ mode: importMode, rows: z.array(importRow).min(1).max(1000) });
export const importVideosInput = importCreatorsInput;

export const importReport = z.object({
  mode: importMode,
  /** Rows that are (or, in a preview, would be) imported. */
  accepted: z.number(),
  rejected: z.number(),
  /** One entry per input row, numbered from 1 as a spreadsheet's data rows are. */
  rows: z.array(
    z.object({ row: z.number(), ok: z.boolean(), errors: z.record(z.string(), z.array(z.string())), id: z.string().nullable() }),
  ),
});
