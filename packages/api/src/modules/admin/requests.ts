// The request log explorer (admin.requests.*): one row per procedure call.
import type { z } from "zod";
import type { Context } from "../../context.ts";
import { NotFoundError } from "../../core/errors.ts";
import { startsWithText } from "../../core/inputs.ts";
import { bySequenceNewestFirst, toPage, type Page } from "../../core/pagination.ts";
import type { listRequestsInput, requestLogOutput } from "./schemas.ts";
import { emailsOf } from "./users.ts";

type RequestLogView = z.infer<typeof requestLogOutput>;

/** The request log, newest first, filtered for the explorer; ids are the log's own sequence. */
export async function listRequests(ctx: Context, input: z.infer<typeof listRequestsInput>): Promise<Page<RequestLogView>> {
  const status =
    typeof input.status === "number"
      ? { status: input.status }
      : input.status
        ? { status: { gte: Number(input.status[0]) * 100, lt: Number(input.status[0]) * 100 + 100 } }
        : {};
  const rows = await ctx.db.requestLog.findMany({
    where: {
      ...status,
      ...(input.procedure ? { procedure: startsWithText(input.procedure) } : {}),
      ...(input.userId ? { userId: input.userId } : {}),
      ...(input.requestId ? { requestId: input.requestId } : {}),
      ...(input.from || input.to
        ? { createdAt: { ...(input.from ? { gte: input.from } : {}), ...(input.to ? { lt: input.to } : {}) } }
        : {}),
      ...bySequenceNewestFirst.after(input.cursor),
    },
    orderBy: bySequenceNewestFirst.orderBy,
    take: input.limit + 1,
  });
  const emails = await emailsOf(
    ctx,
    rows.map((r) => r.userId),
  );
  return toPage(rows, input.limit, bySequenceNewestFirst, (row) => ({
    id: String(row.id),
    requestId: row.requestId,
    procedure: row.procedure,
    status: row.status,
    durationMs: Math.round(row.durationMs * 100) / 100,
    userId: row.userId,
    userEmail: row.userId ? (emails.get(row.userId) ?? null) : null,
    createdAt: row.createdAt,
  }));
}

/** Every procedure call of one HTTP request (a batch has several), by its x-request-id. */
export async function getRequest(ctx: Context, requestId: string): Promise<RequestLogView[]> {
  const page = await listRequests(ctx, { requestId, limit: 100 });
  if (page.items.length === 0)
    throw new NotFoundError("No request with this id (it may not be written yet: logs are flushed every second)");
  return page.items.reverse();
}
