// People's accounts as admins see and change them (admin.users.*).
import type { z } from "zod";
import type { Context } from "../../context.ts";
import { sessionIdOf } from "../../core/caller.ts";
import { auditRequest } from "../../core/audit.ts";
import { FieldError, InvalidInputError, NotFoundError } from "../../core/errors.ts";
import { containsText } from "../../core/inputs.ts";
import { toPage, type Page } from "../../core/pagination.ts";
import { accountBasics } from "../auth/service.ts";
import { forgetCachedTokens } from "../auth/tokens.ts";
import { forgetCachedSessions, invalidateSessions, invalidateUserSessions } from "../auth/sessions.ts";
import { newestFirst, type listUsersInput, type userDetail, type userSummary } from "./schemas.ts";

type UserSummary = z.infer<typeof userSummary>;

const withRoles = { roles: { select: { role: { select: { name: true } } } } } as const;

function summary(user: Parameters<typeof accountBasics>[0] & { deactivatedAt: Date | null }): UserSummary {
  return { ...accountBasics(user), deactivatedAt: user.deactivatedAt };
}

/** The emails of the given users (for lists that show who did what), in one query. */
export async function emailsOf(ctx: Context, ids: Array<string | null>): Promise<Map<string, string | null>> {
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
      current: s.id === sessionIdOf(ctx.caller),
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
  await auditRequest(ctx, {
    action: "admin.user.roles_changed",
    actorId,
    subjectUserId: id,
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
  await auditRequest(ctx, {
    action: "admin.user.deactivated",
    actorId,
    subjectUserId: id,
    details: { sessionsEnded: ended },
  });
  return getUser(ctx, id);
}

/** Ends one session of another user (an admin acting on their account). */
export async function revokeUserSession(ctx: Context, actorId: string, userId: string, sessionId: string): Promise<{ revoked: true }> {
  const session = await ctx.db.session.findFirst({ where: { id: sessionId, userId }, select: { id: true } });
  if (!session) throw new NotFoundError("No such session");
  await invalidateSessions(ctx, [sessionId]);
  await auditRequest(ctx, { action: "auth.session.revoked", actorId, subjectUserId: userId, details: { scope: "admin" } });
  return { revoked: true };
}
