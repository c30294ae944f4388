// The catalog's categories (admin.reset.categories.*).
import type { Prisma } from "@glow/db";
import type { z } from "zod";
import { uniqueAs } from "../../../core/errors.ts";
import { archiveTime, type Deps } from "./catalog.ts";
import type { createCategoryInput, curatedCategoryOutput, updateCategoryInput } from "./schemas.ts";

type CategoryView = z.infer<typeof curatedCategoryOutput>;
const categoryCounts = { _count: { select: { creators: true, videos: true } } } as const;

function categoryView(row: Prisma.CategoryGetPayload<{ include: typeof categoryCounts }>): CategoryView {
  const { id, slug, name, emoji, description, archivedAt } = row;
  return { id, slug, name, emoji, description, archivedAt, creatorCount: row._count.creators, videoCount: row._count.videos };
}

export async function listCategories(ctx: Deps, includeArchived: boolean): Promise<CategoryView[]> {
  const rows = await ctx.db.category.findMany({
    where: includeArchived ? {} : { archivedAt: null },
    include: categoryCounts,
    orderBy: { name: "asc" },
  });
  return rows.map(categoryView);
}

function slugify(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 40) || "category"
  );
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
  return categoryView(
    await ctx.db.category.update({ where: { id }, data: { archivedAt: archiveTime(archived) }, include: categoryCounts }),
  );
}
