// Admins curate the reset module's catalog (admin.reset.*): categories, creators (curated or
// toxic) and curated videos, one file each. Nothing is deleted: archiving hides a row from
// people but keeps history (plans, favorites, blocks) intact. What the three share is here.
import type { z } from "zod";
import type { Context } from "../../../context.ts";
import type { importReport } from "./schemas.ts";

export type Deps = Pick<Context, "db">;

/** When a row archived now was archived; null brings it back. */
export const archiveTime = (archived: boolean) => (archived ? new Date() : null);

/** Archives (or brings back) many rows of one kind at once: admin.reset.{categories,creators,videos}.archiveMany. */
export async function archiveMany(
  ctx: Deps,
  model: "category" | "curatedCreator" | "curatedVideo",
  ids: string[],
  archived: boolean,
): Promise<{ updated: number }> {
  const data = { archivedAt: archiveTime(archived) };
  const where = { id: { in: ids } };
  const result =
    model === "category"
      ? await ctx.db.category.updateMany({ where, data })
      : model === "curatedCreator"
        ? await ctx.db.curatedCreator.updateMany({ where, data })
        : await ctx.db.curatedVideo.updateMany({ where, data });
  return { updated: result.count };
}

export type ImportReport = z.infer<typeof importReport>;
export type RowReport = ImportReport["rows"][number];

/** A spreadsheet row's zod issues by column, as the import report shows them. */
export function issuesByField(error: z.ZodError): Record<string, string[]> {
  const fields: Record<string, string[]> = {};
  for (const issue of error.issues) (fields[issue.path.join(".") || "row"] ??= []).push(issue.message);
  return fields;
}

export function report(mode: "preview" | "commit", rows: RowReport[]): ImportReport {
  const accepted = rows.filter((r) => r.ok).length;
  return { mode, accepted, rejected: rows.length - accepted, rows };
}
