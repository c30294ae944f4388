// The catalog's curated videos (admin.reset.videos.*).
import type { Prisma } from "@glow/db";
import type { z } from "zod";
import { FieldError } from "../../../core/errors.ts";
import { containsText } from "../../../core/inputs.ts";
import { byId, toPage, type Page } from "../../../core/pagination.ts";
import { archiveTime, issuesByField, report, type Deps, type ImportReport, type RowReport } from "./catalog.ts";
import { videoImportRow, type createVideoInput, type curatedVideoOutput, type listVideosInput, type updateVideoInput } from "./schemas.ts";

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
  return videoView(await ctx.db.curatedVideo.update({ where: { id }, data: { archivedAt: archiveTime(archived) }, include: videoCreator }));
}

export async function importVideos(ctx: Deps, mode: "preview" | "commit", input: Array<Record<string, unknown>>): Promise<ImportReport> {
  const creators = new Map(
    (await ctx.db.curatedCreator.findMany({ include: { category: { select: { slug: true } } } })).map((c) => [c.handle.toLowerCase(), c]),
  );
  const rows: RowReport[] = [];
  const valid: Array<{
    index: number;
    data: { url: string; title: string; creatorId: string; categoryId: string; durationSeconds: number; thumbnailUrl: string };
  }> = [];
  input.forEach((raw, index) => {
    const parsed = videoImportRow.safeParse(raw);
    const errors = parsed.success ? {} : issuesByField(parsed.error);
    const handle = String(raw.creatorHandle ?? "")
      .trim()
      .replace(/^@/, "")
      .toLowerCase();
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
