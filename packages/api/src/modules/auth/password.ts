// The account's password (auth.password.*): changing it, and resetting it by email.
import { hashPassword, verifyPassword } from "@glow/db";
import type { z } from "zod";
import type { Context } from "../../context.ts";
import { auditRequest } from "../../core/audit.ts";
import { FieldError } from "../../core/errors.ts";
import { limitCredentialAttempts } from "./attempts.ts";
import { resetEmailJob } from "./password.jobs.ts";
import type { changePasswordInput, resetPasswordInput } from "./schemas.ts";
import { invalidateUserSessions } from "./sessions.ts";
import { revokeAllApiTokens } from "./token-revocation.ts";
import { consumeToken } from "./verification-tokens.ts";

export async function changePassword(
  ctx: Context,
  session: { userId: string; sessionId: string },
  input: z.infer<typeof changePasswordInput>,
): Promise<{ changed: true }> {
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: session.userId } });
  if (user.passwordHash) {
    const ok = input.currentPassword !== undefined && (await verifyPassword(user.passwordHash, input.currentPassword));
    if (!ok) {
      throw new FieldError("currentPassword", "Your current password is incorrect");
    }
  }
  await ctx.db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(input.newPassword) } });
  // A changed password should lock out whoever else knew the old one, and end the links that would set another.
  await endResetLinks(ctx, user.id);
  await invalidateUserSessions(ctx, user.id, session.sessionId);
  const tokensRevoked = input.revokeApiTokens ? await revokeAllApiTokens(ctx, user.id) : 0;
  await auditRequest(ctx, { action: "auth.password.changed", actorId: user.id, subjectUserId: user.id, details: { tokensRevoked } });
  return { changed: true };
}

/** Ends every reset link of the account not used yet: once the password changed, none may set another. */
async function endResetLinks(ctx: Context, userId: string): Promise<void> {
  await ctx.db.verificationToken.updateMany({ where: { userId, purpose: "password_reset", usedAt: null }, data: { usedAt: new Date() } });
}

/** Always answers the same, and as fast, so it cannot be used to find out which emails have accounts. */
export async function requestPasswordReset(ctx: Context, email: string): Promise<{ requested: true }> {
  await limitCredentialAttempts(ctx, [`ip:${ctx.ip}`, `account:${email}`]);
  const user = await ctx.db.user.findUnique({ where: { email }, select: { id: true, deactivatedAt: true } });
  // Queued whether or not the account exists (the job then does nothing), so the answer costs the same;
  // issuing and mailing the link happen in the job, which would otherwise slow it exactly when it does.
  const userId = user && !user.deactivatedAt ? user.id : null;
  await ctx.jobs.send(resetEmailJob, { userId, ip: ctx.ip, userAgent: ctx.userAgent });
  return { requested: true };
}

export async function resetPassword(ctx: Context, input: z.infer<typeof resetPasswordInput>): Promise<{ reset: true }> {
  const userId = await consumeToken(ctx, input.token, "password_reset");
  if (!userId) {
    throw new FieldError("token", "This reset link is invalid or has expired");
  }
  const user = await ctx.db.user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(input.password) },
    select: { email: true },
  });
  await endResetLinks(ctx, userId);
  // Account recovery: whoever had a way in (a session, an API token) loses it.
  await invalidateUserSessions(ctx, userId);
  const tokensRevoked = await revokeAllApiTokens(ctx, userId);
  // The owner proved they hold the email: the lockout that others' failures built up ends.
  if (user.email) await ctx.rateLimiters.failedLoginsPerAccount.delete(`account:${user.email}`);
  await auditRequest(ctx, { action: "auth.password.reset", subjectUserId: userId, details: { tokensRevoked } });
  return { reset: true };
}
