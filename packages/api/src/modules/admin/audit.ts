// The audit log of security events, newest first (admin.audit.*).
import type { z } from "zod";
import type { Context } from "../../context.ts";
import { bySequenceNewestFirst, toPage, type Page } from "../../core/pagination.ts";
import type { auditEventOutput, listAuditInput } from "./schemas.ts";
import { emailsOf } from "./users.ts";

export async function listAudit(ctx: Context, input: z.infer<typeof listAuditInput>): Promise<Page<z.infer<typeof auditEventOutput>>> {
  const rows = await ctx.db.auditEvent.findMany({
    where: {
      ...(input.action ? { action: input.action } : {}),
      ...(input.userId ? { OR: [{ actorId: input.userId }, { subjectUserId: input.userId }] } : {}),
      ...bySequenceNewestFirst.after(input.cursor),
    },
    orderBy: bySequenceNewestFirst.orderBy,
    take: input.limit + 1,
  });
  const emails = await emailsOf(
    ctx,
    rows.flatMap((r) => [r.actorId, r.subjectUserId]),
  );
  return toPage(rows, input.limit, bySequenceNewestFirst, (row) => ({
    id: String(row.id),
    action: row.action,
    actorId: row.actorId,
    actorEmail: row.actorId ? (emails.get(row.actorId) ?? null) : null,
    subjectUserId: row.subjectUserId,
    subjectEmail: row.subjectUserId ? (emails.get(row.subjectUserId) ?? null) : null,
    ip: row.ip,
    userAgent: row.userAgent,
    details: (row.details ?? {}) as Record<string, unknown>,
    createdAt: row.createdAt,
  }));
}
