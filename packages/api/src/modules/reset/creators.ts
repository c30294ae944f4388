// The toxic creators a person blocks in the Clear step (reset.creators.*).
import type { z } from "zod";
import type { Context } from "../../context.ts";
import { trackEvent } from "../../core/analytics.ts";
import { NotFoundError } from "../../core/errors.ts";
import { byId, toPage, type Page } from "../../core/pagination.ts";
import { announcePlan } from "./plan.ts";
import type { toxicCreatorOutput } from "./schemas.ts";

type Deps = Pick<Context, "db" | "events">;

export async function toxicCreators(
  ctx: Deps,
  userId: string,
  input: { cursor?: string | undefined; limit: number },
): Promise<Page<z.infer<typeof toxicCreatorOutput>>> {
  const rows = await ctx.db.curatedCreator.findMany({
    where: { isToxic: true, archivedAt: null, blocks: { none: { userId } }, ...byId.after(input.cursor) },
    include: { category: true },
    orderBy: byId.orderBy,
    take: input.limit + 1,
  });
  return toPage(rows, input.limit, byId, (c) => ({
    id: c.id,
    handle: c.handle,
    displayName: c.displayName,
    categoryId: c.categoryId,
    categoryName: c.category.name,
    reason: c.toxicityReason,
    profileUrl: `https://www.tiktok.com/@${encodeURIComponent(c.handle)}`,
  }));
}

export async function blockCreator(ctx: Deps, userId: string, creatorId: string): Promise<{ blocked: true }> {
  const creator = await ctx.db.curatedCreator.findFirst({ where: { id: creatorId, archivedAt: null }, select: { id: true } });
  if (!creator) throw new NotFoundError("No such creator");
  const created = await ctx.db.creatorBlock.createMany({ data: [{ userId, creatorId }], skipDuplicates: true });
  if (created.count === 1) {
    await trackEvent(ctx.db, userId, "creator_blocked", { creatorId });
    await announcePlan(ctx, userId);
  }
  return { blocked: true };
}
