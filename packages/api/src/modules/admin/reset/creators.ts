// The catalog's creators, curated or toxic (admin.reset.creators.*).
import type { Prisma } from "@glow/db";
import type { z } from "zod";
import { FieldError, NotFoundError, uniqueAs } from "../../../core/errors.ts";
import { containsText } from "../../../core/inputs.ts";
import { byId, toPage, type Page } from "../../../core/pagination.ts";
import { archiveTime, issuesByField, report, type Deps, type ImportReport, type RowReport } from "./catalog.ts";
import {
  creatorImportRow,
  type createCreatorInput,
  type curatedCreatorOutput,
  type listCreatorsInput,
  type updateCreatorInput,
} from "./schemas.ts";

type CreatorView = z.infer<typeof curatedCreatorOutput>;
const creatorCounts = { _count: { select: { videos: true } } } as const;

function creatorView(row: Prisma.CuratedCreatorGetPayload<{ include: typeof creatorCounts }>): CreatorView {
  const { id, handle, displayName, categoryId, isToxic, toxicityReason, archivedAt } = row;
  return { id, handle, displayName, categoryId, isToxic, toxicityReason, archivedAt, videoCount: row._count.videos };
}

async function requireCategory(ctx: Deps, categoryId: string): Promise<void> {
  if (!(await ctx.db.category.findUnique({ where: { id: categoryId }, select: { id: true } })))
    throw new FieldError("categoryId", "No such category");
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
  return creatorView(
    await uniqueAs("handle", "A creator with this handle exists", ctx.db.curatedCreator.create({ data, include: creatorCounts })),
  );
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
      const updated = await tx.curatedCreator.update({
        where: { id },
        data: { ...changes, isToxic, toxicityReason },
        include: creatorCounts,
      });
      // Videos follow their creator's category.
      if (changes.categoryId) await tx.curatedVideo.updateMany({ where: { creatorId: id }, data: { categoryId: changes.categoryId } });
      return updated;
    }),
  );
  return creatorView(row);
}

export async function archiveCreator(ctx: Deps, id: string, archived: boolean): Promise<CreatorView> {
  return creatorView(
    await ctx.db.curatedCreator.update({ where: { id }, data: { archivedAt: archiveTime(archived) }, include: creatorCounts }),
  );
}

/** Validates every row (against the schema, the catalog and the other rows); commits the valid ones unless previewing. */
export async function importCreators(ctx: Deps, mode: "preview" | "commit", input: Array<Record<string, unknown>>): Promise<ImportReport> {
  const categories = new Map((await ctx.db.category.findMany({ select: { id: true, slug: true } })).map((c) => [c.slug, c.id]));
  const existing = new Set((await ctx.db.curatedCreator.findMany({ select: { handle: true } })).map((c) => c.handle.toLowerCase()));
  const seen = new Set<string>();
  const rows: RowReport[] = [];
  const valid: Array<{
    index: number;
    data: { handle: string; displayName: string; categoryId: string; isToxic: boolean; toxicityReason: string | null };
  }> = [];
  input.forEach((raw, index) => {
    const parsed = creatorImportRow.safeParse(raw);
    const errors = parsed.success ? {} : issuesByField(parsed.error);
    // Checks against the catalog and the file run on the raw cells too, so a row reports all its problems at once.
    const category = String(raw.category ?? "")
      .trim()
      .toLowerCase();
    const categoryId = categories.get(category);
    if (category && !categoryId) (errors.category ??= []).push(`No category "${category}"`);
    const key = String(raw.handle ?? "")
      .trim()
      .replace(/^@/, "")
      .toLowerCase();
    if (key && existing.has(key)) (errors.handle ??= []).push("Already in the catalog");
    else if (key && seen.has(key)) (errors.handle ??= []).push("Appears twice in this file");
    if (key) seen.add(key);
    if (parsed.success && Object.keys(errors).length === 0) {
      const row = parsed.data;
      valid.push({
        index,
        data: {
          handle: row.handle,
          displayName: row.displayName,
          categoryId: categoryId!,
          isToxic: row.isToxic,
          toxicityReason: row.isToxic ? row.toxicityReason! : null,
        },
      });
    }
    rows.push({ row: index + 1, ok: Object.keys(errors).length === 0, errors, id: null });
  });
  if (mode === "commit" && valid.length > 0) {
    const created = await ctx.db.$transaction(valid.map((v) => ctx.db.curatedCreator.create({ data: v.data, select: { id: true } })));
    valid.forEach((v, i) => (rows[v.index]!.id = created[i]!.id));
  }
  return report(mode, rows);
}
