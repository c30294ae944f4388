// The categories a person picked (reset.preferences.*): what their plans and videos are about.
import type { Context } from "../../context.ts";
import { trackEvent } from "../../core/analytics.ts";
import { FieldError } from "../../core/errors.ts";

type Deps = Pick<Context, "db">;

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
