// The interest categories people pick from (reset.categories.*); curators edit them in admin/reset/categories.ts.
import type { z } from "zod";
import type { Context } from "../../context.ts";
import type { categoryOutput } from "./schemas.ts";

type Deps = Pick<Context, "db">;

export async function listCategories(ctx: Deps): Promise<Array<z.infer<typeof categoryOutput>>> {
  const rows = await ctx.db.category.findMany({ where: { archivedAt: null }, orderBy: { name: "asc" } });
  return rows.map(({ id, slug, name, emoji, description }) => ({ id, slug, name, emoji, description }));
}
