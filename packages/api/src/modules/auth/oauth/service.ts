import { generateCodeVerifier, generateState } from "arctic";
import type { Context } from "../../../context.ts";
import { auditRequest } from "../../../core/audit.ts";
import { InvalidInputError, PreconditionFailedError, UnauthorizedError } from "../../../core/errors.ts";
import { timingSafeEqual } from "node:crypto";
import { pkceChallenge } from "../../../core/pkce.ts";
import type { CookieToSet, WithCookies } from "../../../core/cookies.ts";
import { clearedOAuthStateCookie, OAUTH_STATE_COOKIE, oauthStateCookie, readCookie } from "../credentials.ts";
import { generateSessionToken, hashToken } from "../sessions.ts";
import { signIn } from "../service.ts";
import type { OAuthErrorCode } from "./errors.ts";
import type { OAuthProviderId } from "./providers.ts";

const STATE_TTL_MS = 10 * 60 * 1000;

/**
 * Starts an authorization: the state (hashed) and the PKCE verifier wait in the database
 * for the callback. With `link`, the signed-in caller's account gets the identity. A web
 * flow is also bound to this browser by a cookie holding the state's hash (decision 015).
 */
export async function startOAuth(
  ctx: Context,
  provider: OAuthProviderId,
  { link, client: app = "web", codeChallenge }: { link: boolean; client?: "web" | "desktop"; codeChallenge?: string | undefined },
): Promise<WithCookies<{ url: string }>> {
  // A link finishes in the browser session that started it, so it needs one (not an API token).
  if (link && ctx.caller?.kind !== "session") throw new UnauthorizedError("Sign in to link an account");
  const linkSession = link && ctx.caller?.kind === "session" ? ctx.caller : null;
  const client = ctx.oauth.client(provider);
  if (!client) throw new PreconditionFailedError(`Sign-in with ${provider} is not set up on this server`);
  const state = generateState();
  const codeVerifier = generateCodeVerifier();
  await ctx.db.oAuthState.deleteMany({ where: { expiresAt: { lt: new Date() } } });
  await ctx.db.oAuthState.create({
    data: {
      id: hashToken(state),
      provider,
      codeVerifier,
      linkUserId: linkSession?.userId ?? null,
      linkSessionId: linkSession?.sessionId ?? null,
      client: app,
      desktopChallenge: app === "desktop" ? (codeChallenge ?? null) : null,
      expiresAt: new Date(Date.now() + STATE_TTL_MS),
    },
  });
  return {
    url: client.authorizationUrl(state, codeVerifier).toString(),
    cookies: app === "web" ? [oauthStateCookie(hashToken(state), STATE_TTL_MS / 1000)] : [],
  };
}

type Resolved =
  | { kind: "signed-in"; userId: string; created: boolean }
  | { kind: "linked"; userId: string }
  /** Only a code travels back to the apps, which word it (see errors.ts). */
  | { kind: "failed"; code: OAuthErrorCode }
  /** The desktop app's sign-in: a one-time code for glow://auth/callback. */
  | { kind: "desktop-code"; userId: string; code: string };

/** Where it ended, which app started it, and the cookies the callback sets (a web sign-in's session, the spent state's removal). */
export type OAuthOutcome = WithCookies<Resolved & { client: "web" | "desktop" }>;

const failed = (code: OAuthErrorCode): Resolved => ({ kind: "failed", code });

const DESKTOP_CODE_SECONDS = 120;
const desktopCodeKey = (code: string) => `oauth-desktop:${hashToken(code)}`;

/**
 * Finishes an authorization at the callback: checks the state (single use, unexpired, same
 * provider, started in this browser), exchanges the code with the verifier, then links the
 * identity or signs in.
 * A provider identity never attaches itself to an existing account by email: linking is
 * done from a signed-in session, so a provider account with someone's email cannot take
 * over their Glow account.
 */
export async function finishOAuth(
  ctx: Context,
  provider: OAuthProviderId,
  params: { code: string | null; state: string | null; error: string | null },
): Promise<OAuthOutcome> {
  // Which app started it decides where the browser goes back to, even on failure.
  const started = params.state
    ? await ctx.db.oAuthState.findUnique({ where: { id: hashToken(params.state) }, select: { client: true } })
    : null;
  const app: "web" | "desktop" = started?.client === "desktop" ? "desktop" : "web";
  const cookies: CookieToSet[] = [];
  const outcome = await resolveOAuth(ctx, provider, params, cookies);
  return { ...outcome, client: app, cookies };
}

const sameHash = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

async function resolveOAuth(
  ctx: Context,
  provider: OAuthProviderId,
  params: { code: string | null; state: string | null; error: string | null },
  cookies: CookieToSet[],
): Promise<Resolved> {
  if (params.error) return failed("oauth_cancelled");
  if (!params.code || !params.state) return failed("oauth_failed");
  const client = ctx.oauth.client(provider);
  if (!client) return failed("oauth_unavailable");

  // Single use: the row is taken and deleted in one statement.
  const stateHash = hashToken(params.state);
  const [stored] = await ctx.db.$queryRaw<
    Array<{
      code_verifier: string;
      link_user_id: string | null;
      link_session_id: string | null;
      client: string;
      desktop_challenge: string | null;
    }>
  >`
    DELETE FROM oauth_states
    WHERE id = ${stateHash} AND provider = ${provider} AND expires_at > now()
    RETURNING code_verifier, link_user_id::text, link_session_id, client, desktop_challenge`;
  if (!stored) return failed("oauth_expired");

  if (stored.client === "web") {
    // Login CSRF: a callback URL from someone else's flow, opened in this browser, would sign
    // it in to their account (or link to it). Only the browser that started the flow holds
    // its cookie. The desktop's flow cannot be bound this way (the system browser shares no
    // cookies with the app); its one-time code is bound to the app's own PKCE challenge
    // instead, checked at auth.oauth.exchange, so a code from another's flow is useless.
    const bound = readCookie(ctx.cookieHeader, OAUTH_STATE_COOKIE);
    if (!bound || !sameHash(bound, stateHash)) return failed("state_mismatch");
    cookies.push(clearedOAuthStateCookie()); // spent, whatever happens next
  }
  // Link CSRF: the identity goes only to the account whose session started the link, in that session.
  if (stored.link_user_id && (ctx.caller?.kind !== "session" || ctx.caller.sessionId !== stored.link_session_id)) {
    return failed("link_mismatch");
  }

  let profile;
  try {
    profile = await client.finish(params.code, stored.code_verifier);
  } catch (error) {
    ctx.logger.warn({ err: error, provider, requestId: ctx.requestId }, "oauth code exchange failed");
    return failed("oauth_failed");
  }

  const identity = await ctx.db.oAuthAccount.findUnique({
    where: { provider_providerUserId: { provider, providerUserId: profile.id } },
    include: { user: { select: { deactivatedAt: true } } },
  });

  if (stored.link_user_id) {
    const userId = stored.link_user_id;
    if (identity && identity.userId !== userId) return failed("already_linked");
    if (!identity) {
      const already = await ctx.db.oAuthAccount.findUnique({ where: { userId_provider: { userId, provider } } });
      if (already) return failed("provider_already_linked");
      await ctx.db.oAuthAccount.create({ data: { userId, provider, providerUserId: profile.id, email: profile.email } });
    }
    await auditRequest(ctx, { action: "auth.oauth.linked", actorId: userId, subjectUserId: userId, details: { provider } });
    return { kind: "linked", userId };
  }

  /** The web app gets its cookie now; the desktop app a one-time code to exchange with its verifier. */
  const complete = async (userId: string, created: boolean): Promise<Resolved> => {
    await auditRequest(ctx, { action: "auth.oauth.signed_in", actorId: userId, subjectUserId: userId, details: { provider } });
    if (stored.client === "desktop") {
      // Never a browser cookie for a desktop flow: it has no browser binding (see above).
      if (!stored.desktop_challenge) return failed("oauth_failed");
      const code = generateSessionToken();
      await ctx.cache.set(desktopCodeKey(code), { userId, challenge: stored.desktop_challenge }, DESKTOP_CODE_SECONDS);
      return { kind: "desktop-code", userId, code };
    }
    cookies.push(...(await signIn(ctx, userId, "cookie")).cookies);
    return { kind: "signed-in", userId, created };
  };

  if (identity) {
    if (identity.user.deactivatedAt) return failed("deactivated");
    return complete(identity.userId, false);
  }

  if (profile.email && (await ctx.db.user.findUnique({ where: { email: profile.email }, select: { id: true } })))
    return failed("account_exists");
  const user = await ctx.db.user.create({
    data: {
      email: profile.email,
      name: profile.name,
      emailVerifiedAt: profile.email ? new Date() : null,
      roles: { create: { role: { connect: { name: "user" } } } },
      oauthAccounts: { create: { provider, providerUserId: profile.id, email: profile.email } },
    },
  });
  await auditRequest(ctx, { action: "auth.register", actorId: user.id, subjectUserId: user.id, details: { provider } });
  return complete(user.id, true);
}

/**
 * The desktop app trades the one-time code from glow://auth/callback, with the PKCE
 * verifier only it holds, for a session token. The code works once, for two minutes.
 */
export async function exchangeDesktopCode(ctx: Context, code: string, codeVerifier: string) {
  const pending = await ctx.cache.take<{ userId: string; challenge: string }>(desktopCodeKey(code));
  if (!pending || pkceChallenge(codeVerifier) !== pending.challenge) {
    throw new InvalidInputError("This sign-in code is invalid or has expired. Please sign in again.");
  }
  const user = await ctx.db.user.findUnique({ where: { id: pending.userId }, select: { deactivatedAt: true } });
  if (!user || user.deactivatedAt) throw new InvalidInputError("This account has been deactivated");
  return signIn(ctx, pending.userId, "token");
}
