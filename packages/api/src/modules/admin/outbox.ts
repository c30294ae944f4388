// The development outbox (admin.outbox.*): emails "sent" when no SMTP server is configured.
import type { z } from "zod";
import type { Context } from "../../context.ts";
import { toPage, type Page } from "../../core/pagination.ts";
import { newestFirst, type listOutboxInput, type outboxEmailOutput } from "./schemas.ts";

export async function listOutbox(ctx: Context, input: z.infer<typeof listOutboxInput>): Promise<Page<z.infer<typeof outboxEmailOutput>>> {
  const rows = await ctx.db.outboxEmail.findMany({
    where: { ...(input.to ? { to: input.to.toLowerCase() } : {}), ...newestFirst.after(input.cursor) },
    orderBy: newestFirst.orderBy,
    take: input.limit + 1,
  });
  return toPage(rows, input.limit, newestFirst, (row) => ({
    id: row.id,
    to: row.to,
    subject: row.subject,
    text: row.text,
    createdAt: row.createdAt,
  }));
}
