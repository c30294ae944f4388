// Admins curate the reset module's catalog: categories, creators (curated or toxic) and
// curated videos. Nothing is deleted: archiving hides a row from people but keeps history
// (plans, favorites, blocks) intact.
import { Prisma } from "@glow/db";
import type { z } from "zod";
import type { Context } from "../../context.ts";
import { FieldError, NotFoundError, uniqueAs } from "../../core/errors.ts";
import { containsText } from "../../core/inputs.ts";
import { byId, toPage, type Page } from "../../core/pagination.ts";
import { creatorImportRow, videoImportRow } from "./curation-schemas.ts";
import type {
  importReport,
  createCategoryInput,
  createCreatorInput,
  createVideoInput,
  curatedCategoryOutput,
  curatedCreatorOutput,
  curatedVideoOutput,
  listCreatorsInput,
  listVideosInput,
  updateCategoryInput,
  updateCreatorInput,
  updateVideoInput,
} from "./curation-schemas.ts";

type Deps = Pick<Context, "db">;


const archivedAt = (archived: boolean) => (archived ? new Date() : null);

// ── categories ──

type CategoryView = z.infer<typeof curatedCategoryOutput>;
const categoryCounts = { _count: { select: { creators: true, videos: true } } } as const;

function categoryView(row: Prisma.CategoryGetPayload<{ include: typeof categoryCounts }>): CategoryView {
  const { id, slug, name, emoji, description, archivedAt } = row;
  return { id, slug, name, emoji, description, archivedAt, creatorCount: row._count.creators, videoCount: row._count.videos };
}

export async function listCategories(ctx: Deps, includeArchived: boolean): Promise<CategoryView[]> {
  const rows = await ctx.db.category.findMany({ where: includeArchived ? {} : { archivedAt: null }, include: categoryCounts, orderBy: { name: "asc" } });
  return rows.map(categoryView);
}

function slugify(name: string): string {
  return name.toLowerCase().normalize("NFKD").replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "category";
}

export async function createCategory(ctx: Deps, input: z.infer<typeof createCategoryInput>): Promise<CategoryView> {
  const row = await uniqueAs(
    "slug",
    "A category with this slug exists",
    ctx.db.category.create({ data: { ...input, slug: input.slug ?? slugify(input.name) }, include: categoryCounts }),
  );
  return categoryView(row);
}

export async function updateCategory(ctx: Deps, { id, ...changes }: z.infer<typeof updateCategoryInput>): Promise<CategoryView> {
  return categoryView(await ctx.db.category.update({ where: { id }, data: changes, include: categoryCounts }));
}

export async function archiveCategory(ctx: Deps, id: string, archived: boolean): Promise<CategoryView> {
  return categoryView(await ctx.db.category.update({ where: { id }, data: { archivedAt: archivedAt(archived) }, include: categoryCounts }));
}

// ── creators ──

type CreatorView = z.infer<typeof curatedCreatorOutput>;
const creatorCounts = { _count: { select: { videos: true } } } as const;

function creatorView(row: Prisma.CuratedCreatorGetPayload<{ include: typeof creatorCounts }>): CreatorView {
  const { id, handle, displayName, categoryId, isToxic, toxicityReason, archivedAt } = row;
  return { id, handle, displayName, categoryId, isToxic, toxicityReason, archivedAt, videoCount: row._count.videos };
}

async function requireCategory(ctx: Deps, categoryId: string): Promise<void> {
  if (!(await ctx.db.category.findUnique({ where: { id: categoryId }, select: { id: true } }))) throw new FieldError("categoryId", "No such category");
}

export async function listCreators(ctx: Deps, input: z.infer<typeof listCreatorsInput>): Promise<Page<CreatorView>> {
  const search = input.search || undefined;
  const rows = await ctx.db.curatedCreator.findMany({
    where: {
      ...(input.includeArchived ? {} : { archivedAt: null }),
      ...byId.after(input.cursor),
      ...(input.categoryId ? { categoryId: input.categoryId } : {}),
      ...(input.toxic !== undefined ? { isToxic: input.toxic } : {}),
      ...(search ? { OR: [{ handle: containsText(search) }, { displayName: containsText(search) }] } : {}),
    },
    include: creatorCounts,
    orderBy: byId.orderBy,
    take: input.limit + 1,
  });
  return toPage(rows, input.limit, byId, creatorView);
}

export async function createCreator(ctx: Deps, input: z.infer<typeof createCreatorInput>): Promise<CreatorView> {
  await requireCategory(ctx, input.categoryId);
  const data = { ...input, toxicityReason: input.isToxic ? (input.toxicityReason ?? null) : null };
  return creatorView(await uniqueAs("handle", "A creator with this handle exists", ctx.db.curatedCreator.create({ data, include: creatorCounts })));
}

export async function updateCreator(ctx: Deps, { id, ...changes }: z.infer<typeof updateCreatorInput>): Promise<CreatorView> {
  const current = await ctx.db.curatedCreator.findUnique({ where: { id } });
  if (!current) throw new NotFoundError("No such creator");
  if (changes.categoryId) await requireCategory(ctx, changes.categoryId);
  const isToxic = changes.isToxic ?? current.isToxic;
  const toxicityReason = isToxic ? (changes.toxicityReason !== undefined ? changes.toxicityReason : current.toxicityReason) : null;
  if (isToxic && !toxicityReason) throw new FieldError("toxicityReason", "Say why this creator is toxic");
  const row = await uniqueAs(
    "handle",
    "A creator with this handle exists",
    ctx.db.$transaction(async (tx) => {
      const updated = await tx.curatedCreator.update({ where: { id }, data: { ...changes, isToxic, toxicityReason }, include: creatorCounts });
      // Videos follow their creator's category.
      if (changes.categoryId) await tx.curatedVideo.updateMany({ where: { creatorId: id }, data: { categoryId: changes.categoryId } });
      return updated;
    }),
  );
  return creatorView(row);
}

export async function archiveCreator(ctx: Deps, id: string, archived: boolean): Promise<CreatorView> {
  return creatorView(await ctx.db.curatedCreator.update({ where: { id }, data: { archivedAt: archivedAt(archived) }, include: creatorCounts }));
}

// ── videos ──

type VideoView = z.infer<typeof curatedVideoOutput>;
const videoCreator = { creator: { select: { handle: true } } } as const;

function videoView(row: Prisma.CuratedVideoGetPayload<{ include: typeof videoCreator }>): VideoView {
  const { id, url, title, creatorId, categoryId, durationSeconds, thumbnailUrl, archivedAt } = row;
  return { id, url, title, creatorId, creatorHandle: row.creator.handle, categoryId, durationSeconds, thumbnailUrl, archivedAt };
}

async function creatorForVideo(ctx: Deps, creatorId: string) {
  const creator = await ctx.db.curatedCreator.findUnique({ where: { id: creatorId }, include: { category: true } });
  if (!creator) throw new FieldError("creatorId", "No such creator");
  if (creator.isToxic) throw new FieldError("creatorId", "Videos of creators flagged as toxic are never recommended");
  return creator;
}

export async function listVideos(ctx: Deps, input: z.infer<typeof listVideosInput>): Promise<Page<VideoView>> {
  const search = input.search || undefined;
  const rows = await ctx.db.curatedVideo.findMany({
    where: {
      ...(input.includeArchived ? {} : { archivedAt: null }),
      ...byId.after(input.cursor),
      ...(input.categoryId ? { categoryId: input.categoryId } : {}),
      ...(input.creatorId ? { creatorId: input.creatorId } : {}),
      ...(search ? { title: containsText(search) } : {}),
    },
    include: videoCreator,
    orderBy: byId.orderBy,
    take: input.limit + 1,
  });
  return toPage(rows, input.limit, byId, videoView);
}

export async function createVideo(ctx: Deps, input: z.infer<typeof createVideoInput>): Promise<VideoView> {
  const creator = await creatorForVideo(ctx, input.creatorId);
  const row = await ctx.db.curatedVideo.create({
    data: { ...input, categoryId: creator.categoryId, thumbnailUrl: input.thumbnailUrl || `/thumbnails/${creator.category.slug}.svg` },
    include: videoCreator,
  });
  return videoView(row);
}

export async function updateVideo(ctx: Deps, { id, ...changes }: z.infer<typeof updateVideoInput>): Promise<VideoView> {
  const creator = changes.creatorId ? await creatorForVideo(ctx, changes.creatorId) : null;
  const data = { ...changes, ...(creator ? { categoryId: creator.categoryId } : {}) };
  return videoView(await ctx.db.curatedVideo.update({ where: { id }, data, include: videoCreator }));
}

export async function archiveVideo(ctx: Deps, id: string, archived: boolean): Promise<VideoView> {
  return videoView(await ctx.db.curatedVideo.update({ where: { id }, data: { archivedAt: archivedAt(archived) }, include: videoCreator }));
}

// ── bulk ──

type Curated = "category" | "curatedCreator" | "curatedVideo";

export async function archiveMany(ctx: Deps, model: Curated, ids: string[], archived: boolean): Promise<{ updated: number }> {
  const data = { archivedAt: archivedAt(archived) };
  const where = { id: { in: ids } };
  const result =
    model === "category"
      ? await ctx.db.category.updateMany({ where, data })
      : model === "curatedCreator"
        ? await ctx.db.curatedCreator.updateMany({ where, data })
        : await ctx.db.curatedVideo.updateMany({ where, data });
  return { updated: result.count };
}

type ImportReport = z.infer<typeof importReport>;
type RowReport = ImportReport["rows"][number];

function issuesByField(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) (fields[issue.path.join(".") || "row"] ??= []).push(issue.message);
  return fields;
}

function report(mode: "preview" | "commit", rows: RowReport[]): ImportReport {
  const accepted = rows.filter((r) => r.ok).length;
  return { mode, accepted, rejected: rows.length - accepted, rows };
}

/** Validates every row (against the schema, the catalog and the other rows); commits the valid ones unless previewing. */
export async function importCreators(ctx: Deps, mode: "preview" | "commit", input: Array<Record<string, unknown>>): Promise<ImportReport> {
  const categories = new Map((await ctx.db.category.findMany({ select: { id: true, slug: true } })).map((c) => [c.slug, c.id]));
  const existing = new Set((await ctx.db.curatedCreator.findMany({ select: { handle: true } })).map((c) => c.handle.toLowerCase()));
  const seen = new Set<string>();
  const rows: RowReport[] = [];
  const valid: Array<{ index: number; data: { handle: string; displayName: string; categoryId: string; isToxic: boolean; toxicityReason: string | null } }> = [];
  input.forEach((raw, index) => {
    const parsed = creatorImportRow.safeParse(raw);
    const errors = parsed.success ? {} : issuesByField(parsed.error);
    // Checks against the catalog and the file run on the raw cells too, so a row reports all its problems at once.
    const category = String(raw.category ?? "").trim().toLowerCase();
    const categoryId = categories.get(category);
    if (category && !categoryId) (errors.category ??= []).push(`No category "${category}"`);
    const key = String(raw.handle ?? "").trim().replace(/^@/, "").toLowerCase();
    if (key && existing.has(key)) (errors.handle ??= []).push("Already in the catalog");
    else if (key && seen.has(key)) (errors.handle ??= []).push("Appears twice in this file");
    if (key) seen.add(key);
    if (parsed.success && Object.keys(errors).length === 0) {
      const row = parsed.data;
      valid.push({ index, data: { handle: row.handle, displayName: row.displayName, categoryId: categoryId!, isToxic: row.isToxic, toxicityReason: row.isToxic ? row.toxicityReason! : null } });
    }
    rows.push({ row: index + 1, ok: Object.keys(errors).length === 0, errors, id: null });
  });
  if (mode === "commit" && valid.length > 0) {
    const created = await ctx.db.$transaction(valid.map((v) => ctx.db.curatedCreator.create({ data: v.data, select: { id: true } })));
    valid.forEach((v, i) => (rows[v.index]!.id = created[i]!.id));
  }
  return report(mode, rows);
}

export async function importVideos(ctx: Deps, mode: "preview" | "commit", input: Array<Record<string, unknown>>): Promise<ImportReport> {
  const creators = new Map(
    (await ctx.db.curatedCreator.findMany({ include: { category: { select: { slug: true } } } })).map((c) => [c.handle.toLowerCase(), c]),
  );
  const rows: RowReport[] = [];
  const valid: Array<{ index: number; data: { url: string; title: string; creatorId: string; categoryId: string; durationSeconds: number; thumbnailUrl: string } }> = [];
  input.forEach((raw, index) => {
    const parsed = videoImportRow.safeParse(raw);
    const errors = parsed.success ? {} : issuesByField(parsed.error);
    const handle = String(raw.creatorHandle ?? "").trim().replace(/^@/, "").toLowerCase();
    const creator = creators.get(handle);
    if (handle && !creator) (errors.creatorHandle ??= []).push(`No creator @${handle}`);
    else if (creator?.isToxic) (errors.creatorHandle ??= []).push("Videos of creators flagged as toxic are never recommended");
    if (parsed.success) {
      const row = parsed.data;
      if (Object.keys(errors).length === 0) {
        valid.push({
          index,
          data: {
            url: row.url,
            title: row.title,
            creatorId: creator!.id,
            categoryId: creator!.categoryId,
            durationSeconds: row.durationSeconds,
            thumbnailUrl: row.thumbnailUrl || `/thumbnails/${creator!.category.slug}.svg`,
          },
        });
      }
    }
    rows.push({ row: index + 1, ok: Object.keys(errors).length === 0, errors, id: null });
  });
  if (mode === "commit" && valid.length > 0) {
    const created = await ctx.db.$transaction(valid.map((v) => ctx.db.curatedVideo.create({ data: v.data, select: { id: true } })));
    valid.forEach((v, i) => (rows[v.index]!.id = created[i]!.id));
  }
  return report(mode, rows);
}
