import type { Db } from "@glow/db";

export const AUDIT_ACTIONS = [
  "auth.register",
  "auth.login.succeeded",
  "auth.login.failed",
  "auth.login.refused",
  "auth.logout",
  "auth.password.changed",
  "auth.password.reset_requested",
  "auth.password.reset",
  "auth.email.verified",
  "auth.session.revoked",
  "auth.oauth.linked",
  "auth.oauth.signed_in",
  "auth.token.created",
  "auth.token.revoked",
  "admin.user.roles_changed",
  "admin.user.deactivated",
  "admin.role.created",
  "admin.role.permission_granted",
  "admin.role.permission_revoked",
  "admin.job.retried",
  "admin.job.cancelled",
  "orgs.created",
  "orgs.updated",
  "orgs.reparented",
  "orgs.member.invited",
  "orgs.invitation.accepted",
  "orgs.invitation.revoked",
  "orgs.member.role_changed",
  "orgs.member.removed",
  "coach.template.created",
  "coach.template.updated",
  "coach.program.regenerated",
  "coach.exercise.created",
  "coach.exercise.updated",
  "payments.webhook.refused",
  "payments.plan.changed",
  "publish.account.connected",
  "publish.account.disconnected",
  "publish.account.needs_reconnect",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export interface AuditEventInput {
  action: AuditAction;
  actorId?: string | null;
  subjectUserId?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  details?: Record<string, string | number | boolean | null | string[]>;
}

/** Appends a security event (the table refuses updates and deletes). */
export async function recordAudit(db: Pick<Db, "auditEvent">, event: AuditEventInput): Promise<void> {
  await db.auditEvent.create({
    data: {
      action: event.action,
      actorId: event.actorId ?? null,
      subjectUserId: event.subjectUserId ?? null,
      ip: event.ip ?? null,
      userAgent: event.userAgent ?? null,
      details: event.details ?? {},
    },
  });
}

/** Appends a security event a request caused, with the request's IP and user agent. */
export function auditRequest(
  ctx: { db: Pick<Db, "auditEvent">; ip: string; userAgent: string | null },
  event: Omit<AuditEventInput, "ip" | "userAgent">,
): Promise<void> {
  return recordAudit(ctx.db, { ...event, ip: ctx.ip, userAgent: ctx.userAgent });
}
