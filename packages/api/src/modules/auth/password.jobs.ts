// The password-reset email as a durable job: the request queues only who asked (never the
// link, as job rows are plain text); the job issues the link and mails it, with retries.
import type { AppServices } from "../../context.ts";
import { recordAudit } from "../../core/audit.ts";
import { defineJob } from "../../core/jobs/definition.ts";
import { issueToken } from "./verification-tokens.ts";

const PASSWORD_RESET_TTL_MS = 30 * 60 * 1000;

export interface ResetEmailRequest {
  /** Null when no active account has the email: queued all the same, so the answer takes as long either way. */
  userId: string | null;
  /** Who asked, for the audit log. */
  ip: string;
  userAgent: string | null;
}

async function sendResetEmail(services: AppServices, request: ResetEmailRequest): Promise<void> {
  if (!request.userId) return;
  const user = await services.db.user.findUnique({ where: { id: request.userId }, select: { email: true, deactivatedAt: true } });
  // Deactivated or gone since the request: no link.
  if (!user?.email || user.deactivatedAt) return;
  const token = await issueToken(services, request.userId, "password_reset", PASSWORD_RESET_TTL_MS);
  await services.mailer.send({
    to: user.email,
    subject: "Reset your Glow password",
    text: `Someone asked to reset the password of your Glow account. If it was you, open this link within 30 minutes:\n\n${services.config.webUrl}/reset-password?token=${token}\n\nResetting your password signs you out everywhere and revokes your API tokens. If it was not you, ignore this email; your password stays as it is.\n`,
  });
  await recordAudit(services.db, {
    action: "auth.password.reset_requested",
    subjectUserId: request.userId,
    ip: request.ip,
    userAgent: request.userAgent,
  });
}

export const resetEmailJob = defineJob<ResetEmailRequest>({
  queue: "auth.reset-email",
  // A link is worth sending for its 30 minutes only: retries stop well before.
  retryLimit: 4,
  retryDelaySeconds: 10,
  retryDelayMaxSeconds: 300,
  expireInSeconds: 60,
  run: (request, services) => sendResetEmail(services, request),
});
