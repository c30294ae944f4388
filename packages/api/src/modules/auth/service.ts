// Signing up, in and out (auth.register, auth.login, auth.logout, auth.me): the auth module's
// own procedures; each resource of it has its file (sessions, password, email, profile, tokens, oauth/).
import { hashPassword, verifyPassword } from "@glow/db";
import type { z } from "zod";
import type { Context } from "../../context.ts";
import { sessionIdOf } from "../../core/caller.ts";
import { auditRequest } from "../../core/audit.ts";
import type { WithCookies } from "../../core/cookies.ts";
import { ConflictError, UnauthorizedError } from "../../core/errors.ts";
import { grantsOf, rolesWithGrants } from "../../core/grants.ts";
import type { Limiter, RateLimitPolicy } from "../../core/rate-limit.ts";
import { limitCredentialAttempts, tooMany } from "./attempts.ts";
import { clearedSessionCookie, sessionCookie } from "./credentials.ts";
import { rememberDevice, trustedDevice } from "./devices.ts";
import { sendVerificationEmail } from "./email.ts";
import type { OAuthProviderId } from "./oauth/providers.ts";
import type { Account, loginInput, registerInput, signedInOutput } from "./schemas.ts";
import { createSession, invalidateSessions } from "./sessions.ts";

type SignedIn = z.infer<typeof signedInOutput>;

const INVALID_CREDENTIALS = "Email or password is incorrect";
// Verified against when the email is unknown, so both paths cost one argon2 verification.
const DUMMY_HASH = hashPassword("glow-timing-equaliser");

export async function loadAccount(ctx: Pick<Context, "db">, userId: string): Promise<Account> {
  const user = await ctx.db.user.findUniqueOrThrow({
    where: { id: userId },
    include: { roles: rolesWithGrants, oauthAccounts: { select: { provider: true } } },
  });
  return {
    ...accountBasics(user),
    permissions: grantsOf(user.roles).permissions,
    hasPassword: user.passwordHash !== null,
    linkedProviders: user.oauthAccounts.map((a) => a.provider as OAuthProviderId).sort(),
  };
}

/** What the account (auth.me) and an admin's view of a user (admin.users.*) both show. */
export function accountBasics(user: {
  id: string;
  email: string | null;
  name: string;
  emailVerifiedAt: Date | null;
  createdAt: Date;
  roles: Array<{ role: { name: string } }>;
}): Pick<Account, "id" | "email" | "name" | "roles" | "emailVerified" | "createdAt"> {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roles.map((r) => r.role.name).sort(),
    emailVerified: user.emailVerifiedAt !== null,
    createdAt: user.createdAt,
  };
}

/** Starts a session for the user; its token goes in a cookie (with the device cookie) or in the answer. */
export async function signIn(ctx: Context, userId: string, delivery: "cookie" | "token"): Promise<WithCookies<SignedIn>> {
  // Session fixation: whatever session the caller came with is ended, never upgraded.
  const cameWith = sessionIdOf(ctx.caller);
  if (cameWith) await invalidateSessions(ctx, [cameWith]);
  const session = await createSession(ctx, userId, { ip: ctx.ip, userAgent: ctx.userAgent });
  return {
    account: await loadAccount(ctx, userId),
    token: delivery === "token" ? session.token : null,
    expiresAt: session.expiresAt,
    cookies: delivery === "cookie" ? [sessionCookie(session.token, session.expiresAt), await rememberDevice(ctx.db, userId)] : [],
  };
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
  await auditRequest(ctx, { action: "auth.register", actorId: user.id, subjectUserId: user.id });
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
      await auditRequest(ctx, { action: "auth.login.refused", details: { email: input.email, lockedBy: count.name } });
      throw tooMany(count.policy, state.msBeforeNext, count.refusal, count.orElse);
    }
  }

  const passwordOk = user?.passwordHash
    ? await verifyPassword(user.passwordHash, input.password)
    : (await verifyPassword(await DUMMY_HASH, input.password), false);

  if (!user || !passwordOk || user.deactivatedAt) {
    const [ownState] = await Promise.all([own.limiter.penalty(own.key, 1), network.limiter.penalty(network.key, 1)]);
    await auditRequest(ctx, { action: "auth.login.failed", subjectUserId: user?.id ?? null, details: { email: input.email } });
    // Each failure past the first few costs the caller more time: 0.25 s, 0.5 s, 1 s … up to 4 s.
    const excess = ownState.consumedPoints - settings.slowAfterFailures;
    if (excess > 0) await sleep(Math.min(250 * 2 ** (excess - 1), 4000));
    throw new UnauthorizedError(INVALID_CREDENTIALS);
  }

  await own.limiter.delete(own.key);
  await auditRequest(ctx, { action: "auth.login.succeeded", actorId: user.id, subjectUserId: user.id });
  return signIn(ctx, user.id, input.delivery);
}

export async function logout(ctx: Context): Promise<WithCookies<{ signedOut: true }>> {
  if (ctx.caller) {
    // Signing out ends a session; a token caller has none (tokens are revoked in Settings).
    const sessionId = sessionIdOf(ctx.caller);
    if (sessionId) await invalidateSessions(ctx, [sessionId]);
    await auditRequest(ctx, { action: "auth.logout", actorId: ctx.caller.userId, subjectUserId: ctx.caller.userId });
  }
  return { signedOut: true, cookies: ctx.credential?.source === "cookie" ? [clearedSessionCookie()] : [] };
}
