import type { z } from "zod";
import type { Context } from "../../context.ts";
import { recordAudit } from "../../core/audit.ts";
import { FieldError, InvalidInputError, NotFoundError } from "../../core/errors.ts";
import { containsText, startsWithText } from "../../core/inputs.ts";
import { bySequenceNewestFirst, toPage, type Page } from "../../core/pagination.ts";
import { forgetCachedTokens } from "../auth/api-tokens.ts";
import { forgetCachedSessions, invalidateSessions, invalidateUserSessions } from "../auth/sessions.ts";
import { newestFirst, type listRequestsInput, type requestLogOutput } from "./schemas.ts";
import type { auditEventOutput, listAuditInput, listOutboxInput, listUsersInput, outboxEmailOutput, roleOutput, userDetail, userSummary } from "./schemas.ts";

type UserSummary = z.infer<typeof userSummary>;

const withRoles = { roles: { select: { role: { select: { name: true } } } } } as const;

function summary(user: {
  id: string;
  email: string | null;
  name: string;
  emailVerifiedAt: Date | null;
  deactivatedAt: Date | null;
  createdAt: Date;
  roles: Array<{ role: { name: string } }>;
}): UserSummary {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles.map((r) => r.role.name).sort(),
    emailVerified: user.emailVerifiedAt !== null,
    deactivatedAt: user.deactivatedAt,
    createdAt: user.createdAt,
  };
}

/** The emails of the given users (for lists that show who did what), in one query. */
async function emailsOf(ctx: Context, ids: Array<string | null>): Promise<Map<string, string | null>> {
  const wanted = [...new Set(ids.filter((id): id is string => id !== null))];
  if (wanted.length === 0) return new Map();
  const users = await ctx.db.user.findMany({ where: { id: { in: wanted } }, select: { id: true, email: true } });
  return new Map(users.map((u) => [u.id, u.email]));
}

export async function listUsers(ctx: Context, input: z.infer<typeof listUsersInput>): Promise<Page<UserSummary>> {
  const search = input.search || undefined;
  const rows = await ctx.db.user.findMany({
    where: {
      ...(search ? { OR: [{ email: containsText(search) }, { name: containsText(search) }] } : {}),
      ...newestFirst.after(input.cursor),
    },
    include: withRoles,
    orderBy: newestFirst.orderBy,
    take: input.limit + 1,
  });
  return toPage(rows, input.limit, newestFirst, summary);
}

export async function getUser(ctx: Context, id: string): Promise<z.infer<typeof userDetail>> {
  const user = await ctx.db.user.findUnique({
    where: { id },
    include: {
      ...withRoles,
      oauthAccounts: { select: { provider: true } },
      sessions: { where: { expiresAt: { gt: new Date() } }, orderBy: { lastSeenAt: "desc" } },
    },
  });
  if (!user) throw new NotFoundError("No such user");
  return {
    ...summary(user),
    linkedProviders: user.oauthAccounts.map((a) => a.provider).sort(),
    sessions: user.sessions.map((s) => ({
      id: s.id,
      userAgent: s.userAgent,
      ip: s.ip,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      current: s.id === ctx.session?.sessionId,
    })),
  };
}

export async function setRoles(ctx: Context, actorId: string, id: string, roleNames: string[]): Promise<UserSummary> {
  const wanted = [...new Set(roleNames)].sort();
  const roles = await ctx.db.role.findMany({ where: { name: { in: wanted } } });
  const unknown = wanted.filter((name) => !roles.some((role) => role.name === name));
  if (unknown.length > 0) throw new FieldError("roles", `Unknown role${unknown.length > 1 ? "s" : ""}: ${unknown.join(", ")}`);
  if (id === actorId && !wanted.includes("admin")) throw new FieldError("roles", "You cannot remove your own admin role");

  const before = await getUser(ctx, id);
  await ctx.db.$transaction([
    ctx.db.userRole.deleteMany({ where: { userId: id } }),
    ctx.db.userRole.createMany({ data: roles.map((role) => ({ userId: id, roleId: role.id })) }),
  ]);
  // Sessions and tokens carry roles in the cache; drop them so the change applies on the next request.
  await forgetCachedSessions(ctx, id);
  await forgetCachedTokens(ctx, id);
  await recordAudit(ctx.db, {
    action: "admin.user.roles_changed",
    actorId,
    subjectUserId: id,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    details: { before: before.roles, after: wanted },
  });
  return (await getUser(ctx, id)) satisfies UserSummary;
}

export async function deactivateUser(ctx: Context, actorId: string, id: string): Promise<UserSummary> {
  if (id === actorId) throw new InvalidInputError("You cannot deactivate your own account");
  const user = await ctx.db.user.findUnique({ where: { id } });
  if (!user) throw new NotFoundError("No such user");
  if (!user.deactivatedAt) await ctx.db.user.update({ where: { id }, data: { deactivatedAt: new Date() } });
  const ended = await invalidateUserSessions(ctx, id);
  await forgetCachedTokens(ctx, id);
  await recordAudit(ctx.db, {
    action: "admin.user.deactivated",
    actorId,
    subjectUserId: id,
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    details: { sessionsEnded: ended },
  });
  return getUser(ctx, id);
}

export async function listRoles(ctx: Context): Promise<Array<z.infer<typeof roleOutput>>> {
  const roles = await ctx.db.role.findMany({ orderBy: { name: "asc" }, include: { _count: { select: { users: true } } } });
  return roles.map((role) => ({ id: role.id, name: role.name, description: role.description, userCount: role._count.users }));
}

export async function createRole(ctx: Context, actorId: string, input: { name: string; description: string }): Promise<z.infer<typeof roleOutput>> {
  const existing = await ctx.db.role.findUnique({ where: { name: input.name } });
  if (existing) throw new FieldError("name", "A role with this name exists");
  const role = await ctx.db.role.create({ data: input });
  await recordAudit(ctx.db, { action: "admin.role.created", actorId, ip: ctx.ip, userAgent: ctx.userAgent, details: { name: role.name } });
  return { id: role.id, name: role.name, description: role.description, userCount: 0 };
}

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
  const emails = await emailsOf(ctx, rows.flatMap((r) => [r.actorId, r.subjectUserId]));
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

export async function listOutbox(ctx: Context, input: z.infer<typeof listOutboxInput>): Promise<Page<z.infer<typeof outboxEmailOutput>>> {
  const rows = await ctx.db.outboxEmail.findMany({
    where: { ...(input.to ? { to: input.to.toLowerCase() } : {}), ...newestFirst.after(input.cursor) },
    orderBy: newestFirst.orderBy,
    take: input.limit + 1,
  });
  return toPage(rows, input.limit, newestFirst, (row) => ({ id: row.id, to: row.to, subject: row.subject, text: row.text, createdAt: row.createdAt }));
}

/** Ends one session of another user (an admin acting on their account). */
export async function revokeUserSession(ctx: Context, actorId: string, userId: string, sessionId: string): Promise<{ ok: true }> {
  const session = await ctx.db.session.findFirst({ where: { id: sessionId, userId }, select: { id: true } });
  if (!session) throw new NotFoundError("No such session");
  await invalidateSessions(ctx, [sessionId]);
  await recordAudit(ctx.db, { action: "auth.session.revoked", actorId, subjectUserId: userId, ip: ctx.ip, userAgent: ctx.userAgent, details: { scope: "admin" } });
  return { ok: true };
}

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
      ...(input.from || input.to ? { createdAt: { ...(input.from ? { gte: input.from } : {}), ...(input.to ? { lt: input.to } : {}) } } : {}),
      ...bySequenceNewestFirst.after(input.cursor),
    },
    orderBy: bySequenceNewestFirst.orderBy,
    take: input.limit + 1,
  });
  const emails = await emailsOf(ctx, rows.map((r) => r.userId));
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
  if (page.items.length === 0) throw new NotFoundError("No request with this id (it may not be written yet: logs are flushed every second)");
  return page.items.reverse();
}
