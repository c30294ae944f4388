import { hashPassword, verifyPassword } from "@glow/db";
import type { z } from "zod";
import type { Context } from "../../context.ts";
import { runAfterResponse } from "../../core/after-response.ts";
import { recordAudit, type AuditEventInput } from "../../core/audit.ts";
import { ConflictError, FieldError, LimitReachedError, NotFoundError, UnauthorizedError } from "../../core/errors.ts";
import { isRateLimited, type Limiter, type RateLimitPolicy } from "../../core/rate-limit.ts";
import type { WithCookies } from "../../core/cookies.ts";
import { clearedSessionCookie, sessionCookie } from "./credentials.ts";
import { rememberDevice, trustedDevice } from "./devices.ts";
import type { OAuthProviderId } from "./oauth/providers.ts";
import type {
  Account,
  changePasswordInput,
  loginInput,
  registerInput,
  resetPasswordInput,
  sessionOutput,
  signedInOutput,
} from "./schemas.ts";
import { createSession, generateSessionToken, hashToken, invalidateSessions, invalidateUserSessions } from "./sessions.ts";
import { revokeAllApiTokens } from "./token-revocation.ts";

type SignedIn = z.infer<typeof signedInOutput>;
type SessionInfo = z.infer<typeof sessionOutput>;

const EMAIL_VERIFICATION_TTL_MS = 24 * 60 * 60 * 1000;
const PASSWORD_RESET_TTL_MS = 30 * 60 * 1000;
const INVALID_CREDENTIALS = "Email or password is incorrect";
// Verified against when the email is unknown, so both paths cost one argon2 verification.
const DUMMY_HASH = hashPassword("glow-timing-equaliser");

function audit(ctx: Context, event: Omit<AuditEventInput, "ip" | "userAgent">): Promise<void> {
  return recordAudit(ctx.db, { ...event, ip: ctx.ip, userAgent: ctx.userAgent });
}

/** A refusal that names the limit that refused (not the generic one) and when to come back. */
function tooMany(policy: RateLimitPolicy, msBeforeNext: number, what: string, orElse = ""): LimitReachedError {
  const minutes = Math.max(1, Math.ceil(msBeforeNext / 60_000));
  return new LimitReachedError(`${what} Try again in ${minutes} minute${minutes === 1 ? "" : "s"}${orElse}.`, { policy, msBeforeNext });
}

/** Sign-in, sign-up and reset attempts: 10 a minute per key (the IP, and the account or the device). */
async function limitCredentialAttempts(ctx: Context, keys: string[]): Promise<void> {
  try {
    for (const key of keys) await ctx.rateLimiters.credentials.consume(key);
  } catch (error) {
    if (isRateLimited(error)) throw tooMany(ctx.rateLimiters.settings.credentials, error.msBeforeNext, "Too many attempts.");
    throw error;
  }
}

export async function loadAccount(ctx: Pick<Context, "db">, userId: string): Promise<Account> {
  const user = await ctx.db.user.findUniqueOrThrow({
    where: { id: userId },
    include: { roles: { include: { role: true } }, oauthAccounts: { select: { provider: true } } },
  });
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles.map((r) => r.role.name).sort(),
    emailVerified: user.emailVerifiedAt !== null,
    hasPassword: user.passwordHash !== null,
    linkedProviders: user.oauthAccounts.map((a) => a.provider as OAuthProviderId).sort(),
    createdAt: user.createdAt,
  };
}

/** Starts a session for the user; its token goes in a cookie (with the device cookie) or in the answer. */
export async function signIn(ctx: Context, userId: string, delivery: "cookie" | "token"): Promise<WithCookies<SignedIn>> {
  // Session fixation: whatever session the caller came with is ended, never upgraded.
  if (ctx.session) await invalidateSessions(ctx, [ctx.session.sessionId]);
  const session = await createSession(ctx, userId, { ip: ctx.ip, userAgent: ctx.userAgent });
  return {
    account: await loadAccount(ctx, userId),
    token: delivery === "token" ? session.token : null,
    expiresAt: session.expiresAt,
    cookies: delivery === "cookie" ? [sessionCookie(session.token, session.expiresAt), await rememberDevice(ctx.db, userId)] : [],
  };
}

async function issueToken(ctx: Context, userId: string, purpose: "email_verification" | "password_reset", ttlMs: number): Promise<string> {
  const token = generateSessionToken();
  await ctx.db.verificationToken.create({
    data: { id: hashToken(token), userId, purpose, expiresAt: new Date(Date.now() + ttlMs) },
  });
  return token;
}

/** Marks a single-use token used and returns its user, or null when unknown, used or expired. */
async function consumeToken(ctx: Context, token: string, purpose: "email_verification" | "password_reset"): Promise<string | null> {
  const id = hashToken(token);
  const row = await ctx.db.verificationToken.findUnique({ where: { id } });
  if (!row || row.purpose !== purpose) return null;
  const { count } = await ctx.db.verificationToken.updateMany({
    where: { id, usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  return count === 1 ? row.userId : null;
}

async function sendVerificationEmail(ctx: Context, userId: string, email: string): Promise<void> {
  const token = await issueToken(ctx, userId, "email_verification", EMAIL_VERIFICATION_TTL_MS);
  await ctx.mailer.send({
    to: email,
    subject: "Confirm your email for Glow",
    text: `Confirm your email address by opening this link (valid for 24 hours):\n\n${ctx.config.webUrl}/verify-email?token=${token}\n`,
  });
}

export async function register(ctx: Context, input: z.infer<typeof registerInput>): Promise<WithCookies<SignedIn>> {
  await limitCredentialAttempts(ctx, [`ip:${ctx.ip}`, `account:${input.email}`]);
  const existing = await ctx.db.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (existing) {
    throw new ConflictError("An account with this email already exists. Sign in, or reset your password.");
  }
  const passwordHash = await hashPassword(input.password);
  const user = await ctx.db.user.create({
    data: {
      email: input.email,
      name: input.name,
      passwordHash,
      roles: { create: { role: { connect: { name: "user" } } } },
    },
  });
  await audit(ctx, { action: "auth.register", actorId: user.id, subjectUserId: user.id });
  await sendVerificationEmail(ctx, user.id, input.email);
  return signIn(ctx, user.id, input.delivery);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A count of failed sign-ins that refuses for a while once it is full. */
interface FailureCount {
  name: "account" | "device" | "ip";
  limiter: Limiter;
  key: string;
  policy: RateLimitPolicy;
  refusal: string;
  orElse?: string;
}

export async function login(ctx: Context, input: z.infer<typeof loginInput>): Promise<WithCookies<SignedIn>> {
  await limitCredentialAttempts(ctx, [`ip:${ctx.ip}`]);
  const { settings } = ctx.rateLimiters;
  const user = await ctx.db.user.findUnique({ where: { email: input.email } });

  // A browser that signed in to this account before counts its own failures instead of the
  // account's, so others' failures cannot lock the owner out of it (OWASP device cookies).
  const deviceId = user ? await trustedDevice(ctx, user.id) : null;
  const own: FailureCount = deviceId
    ? {
        name: "device",
        limiter: ctx.rateLimiters.failedLoginsPerDevice,
        key: `device:${deviceId}`,
        policy: settings.failedLoginsPerDevice,
        refusal: "Too many failed sign-in attempts from this browser.",
      }
    : {
        name: "account",
        limiter: ctx.rateLimiters.failedLoginsPerAccount,
        key: `account:${input.email}`,
        policy: settings.failedLoginsPerAccount,
        refusal: "This account is temporarily locked after too many failed sign-in attempts.",
        orElse: ", or reset your password: the reset email unlocks it",
      };
  const network: FailureCount = {
    name: "ip",
    limiter: ctx.rateLimiters.failedLoginsPerIp,
    key: `ip:${ctx.ip}`,
    policy: settings.failedLoginsPerIp,
    refusal: "Too many failed sign-in attempts from your network.",
  };
  await limitCredentialAttempts(ctx, [own.key]);

  // Refused for a while after too many failures, whether or not the password is now right.
  for (const count of [own, network]) {
    const state = await count.limiter.get(count.key);
    if (state && state.consumedPoints >= count.policy.points) {
      await audit(ctx, { action: "auth.login.refused", details: { email: input.email, lockedBy: count.name } });
      throw tooMany(count.policy, state.msBeforeNext, count.refusal, count.orElse);
    }
  }

  const passwordOk = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : (await verifyPassword(await DUMMY_HASH, input.password), false);

  if (!user || !passwordOk || user.deactivatedAt) {
    const [ownState] = await Promise.all([own.limiter.penalty(own.key, 1), network.limiter.penalty(network.key, 1)]);
    await audit(ctx, { action: "auth.login.failed", subjectUserId: user?.id ?? null, details: { email: input.email } });
    // Each failure past the first few costs the caller more time: 0.25 s, 0.5 s, 1 s … up to 4 s.
    const excess = ownState.consumedPoints - settings.slowAfterFailures;
    if (excess > 0) await sleep(Math.min(250 * 2 ** (excess - 1), 4000));
    throw new UnauthorizedError(INVALID_CREDENTIALS);
  }

  await own.limiter.delete(own.key);
  await audit(ctx, { action: "auth.login.succeeded", actorId: user.id, subjectUserId: user.id });
  return signIn(ctx, user.id, input.delivery);
}

export async function logout(ctx: Context): Promise<WithCookies<{ ok: true }>> {
  if (ctx.session) {
    await invalidateSessions(ctx, [ctx.session.sessionId]);
    await audit(ctx, { action: "auth.logout", actorId: ctx.session.userId, subjectUserId: ctx.session.userId });
  }
  return { ok: true, cookies: ctx.credential?.source === "cookie" ? [clearedSessionCookie()] : [] };
}

export async function updateProfile(ctx: Context, userId: string, name: string): Promise<Account> {
  await ctx.db.user.update({ where: { id: userId }, data: { name } });
  return loadAccount(ctx, userId);
}

export async function listSessions(ctx: Context, userId: string, currentSessionId: string): Promise<SessionInfo[]> {
  const sessions = await ctx.db.session.findMany({
    where: { userId, expiresAt: { gt: new Date() } },
    orderBy: { lastSeenAt: "desc" },
  });
  return sessions.map((s) => ({
    id: s.id,
    current: s.id === currentSessionId,
    userAgent: s.userAgent,
    ip: s.ip,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    expiresAt: s.expiresAt,
  }));
}

/** Revokes one of the caller's own sessions; another user's id is "not found", never revoked. */
export async function revokeSession(ctx: Context, userId: string, sessionId: string): Promise<WithCookies<{ ok: true }>> {
  const owned = await ctx.db.session.findFirst({ where: { id: sessionId, userId }, select: { id: true } });
  if (!owned) throw new NotFoundError("No such session");
  await invalidateSessions(ctx, [sessionId]);
  await audit(ctx, { action: "auth.session.revoked", actorId: userId, subjectUserId: userId, details: { scope: "one" } });
  // The browser's own session ended: its cookie goes too.
  const own = ctx.session?.sessionId === sessionId && ctx.credential?.source === "cookie";
  return { ok: true, cookies: own ? [clearedSessionCookie()] : [] };
}

export async function revokeOtherSessions(ctx: Context, userId: string, currentSessionId: string): Promise<{ revoked: number }> {
  const revoked = await invalidateUserSessions(ctx, userId, currentSessionId);
  await audit(ctx, { action: "auth.session.revoked", actorId: userId, subjectUserId: userId, details: { scope: "others", count: revoked } });
  return { revoked };
}

export async function changePassword(
  ctx: Context,
  session: { userId: string; sessionId: string },
  input: z.infer<typeof changePasswordInput>,
): Promise<{ ok: true }> {
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
  await audit(ctx, { action: "auth.password.changed", actorId: user.id, subjectUserId: user.id, details: { tokensRevoked } });
  return { ok: true };
}

/** Ends every reset link of the account not used yet: once the password changed, none may set another. */
async function endResetLinks(ctx: Context, userId: string): Promise<void> {
  await ctx.db.verificationToken.updateMany({ where: { userId, purpose: "password_reset", usedAt: null }, data: { usedAt: new Date() } });
}

async function sendResetEmail(ctx: Context, userId: string, email: string): Promise<void> {
  const token = await issueToken(ctx, userId, "password_reset", PASSWORD_RESET_TTL_MS);
  await ctx.mailer.send({
    to: email,
    subject: "Reset your Glow password",
    text: `Someone asked to reset the password of your Glow account. If it was you, open this link within 30 minutes:\n\n${ctx.config.webUrl}/reset-password?token=${token}\n\nResetting your password signs you out everywhere and revokes your API tokens. If it was not you, ignore this email; your password stays as it is.\n`,
  });
  await audit(ctx, { action: "auth.password.reset_requested", subjectUserId: userId });
}

/** Always answers the same, and as fast, so it cannot be used to find out which emails have accounts. */
export async function requestPasswordReset(ctx: Context, email: string): Promise<{ ok: true }> {
  await limitCredentialAttempts(ctx, [`ip:${ctx.ip}`, `account:${email}`]);
  const user = await ctx.db.user.findUnique({ where: { email }, select: { id: true, deactivatedAt: true } });
  // After the answer: issuing and mailing the link would otherwise slow it exactly when the account exists.
  if (user && !user.deactivatedAt) runAfterResponse(ctx, "password reset email", () => sendResetEmail(ctx, user.id, email));
  return { ok: true };
}

export async function resetPassword(ctx: Context, input: z.infer<typeof resetPasswordInput>): Promise<{ ok: true }> {
  const userId = await consumeToken(ctx, input.token, "password_reset");
  if (!userId) {
    throw new FieldError("token", "This reset link is invalid or has expired");
  }
  const user = await ctx.db.user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(input.password) }, select: { email: true } });
  await endResetLinks(ctx, userId);
  // Account recovery: whoever had a way in (a session, an API token) loses it.
  await invalidateUserSessions(ctx, userId);
  const tokensRevoked = await revokeAllApiTokens(ctx, userId);
  // The owner proved they hold the email: the lockout that others' failures built up ends.
  if (user.email) await ctx.rateLimiters.failedLoginsPerAccount.delete(`account:${user.email}`);
  await audit(ctx, { action: "auth.password.reset", subjectUserId: userId, details: { tokensRevoked } });
  return { ok: true };
}

export async function verifyEmail(ctx: Context, token: string): Promise<{ ok: true }> {
  const userId = await consumeToken(ctx, token, "email_verification");
  if (!userId) {
    throw new FieldError("token", "This verification link is invalid or has expired");
  }
  await ctx.db.user.update({ where: { id: userId }, data: { emailVerifiedAt: new Date() } });
  await audit(ctx, { action: "auth.email.verified", subjectUserId: userId });
  return { ok: true };
}

export async function resendVerification(ctx: Context, userId: string): Promise<{ sent: boolean }> {
  const user = await ctx.db.user.findUniqueOrThrow({ where: { id: userId } });
  if (!user.email || user.emailVerifiedAt) return { sent: false };
  await limitCredentialAttempts(ctx, [`ip:${ctx.ip}`, `account:${user.email}`]);
  await sendVerificationEmail(ctx, user.id, user.email);
  return { sent: true };
}
