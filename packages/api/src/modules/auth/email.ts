// The account's email address (auth.email.*): proving it is the person's.
import type { Context } from "../../context.ts";
import { auditRequest } from "../../core/audit.ts";
import { FieldError } from "../../core/errors.ts";
import { limitCredentialAttempts } from "./attempts.ts";
import { consumeToken, issueToken } from "./verification-tokens.ts";

const EMAIL_VERIFICATION_TTL_MS = 24 * 60 * 60 * 1000;

export async function sendVerificationEmail(ctx: Context, userId: string, email: string): Promise<void> {
  const token = await issueToken(ctx, userId, "email_verification", EMAIL_VERIFICATION_TTL_MS);
  await ctx.mailer.send({
    to: email,
    subject: "Confirm your email for Glow",
    text: `Confirm your email address by opening this link (valid for 24 hours):\n\n${ctx.config.webUrl}/verify-email?token=${token}\n`,
  });
}

export async function verifyEmail(ctx: Context, token: string): Promise<{ verified: true }> {
  const userId = await consumeToken(ctx, token, "email_verification");
  if (!userId) {
    throw new FieldError("token", "This verification link is invalid or has expired");
  }
  await ctx.db.user.update({ where: { id: userId }, data: { emailVerifiedAt: new Date() } });
  await auditRequest(ctx, { action: "auth.email.verified", subjectUserId: userId });
  return { verified: true };
}

export async function resendVerification(ctx: Context, userId: string): Promise<{ sent: boolean }> {
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: userId } });
  if (!user.email || user.emailVerifiedAt) return { sent: false };
  await limitCredentialAttempts(ctx, [`ip:${ctx.ip}`, `account:${user.email}`]);
  await sendVerificationEmail(ctx, user.id, user.email);
  return { sent: true };
}
