// Sessions after Lucia's design (lucia-auth.com): the client holds a random token; the
// database holds only its SHA-256, so a leaked table cannot be replayed. Expiry slides
// forward while the session is used. Lookups are cached (Redis or in process) so a warm
// session costs no database round trip; credential-cache.ts keeps revocation race-free.
// A person's own sessions as auth.sessions.* lists and revokes them are at the end.
import type { Db } from "@glow/db";
import { createHash } from "node:crypto";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import type { z } from "zod";
import { auditRequest } from "../../core/audit.ts";
import { sessionIdOf, type Caller, type SessionCaller } from "../../core/caller.ts";
import { grantsOf, rolesWithGrants } from "../../core/grants.ts";
import type { WithCookies } from "../../core/cookies.ts";
import { NotFoundError } from "../../core/errors.ts";
import { invalidateCredentials, readCredential, type CredentialCacheDeps } from "./credential-cache.ts";
import { clearedSessionCookie, type Credential } from "./credentials.ts";
import type { sessionOutput } from "./schemas.ts";

const DAY_MS = 24 * 60 * 60 * 1000;
export const SESSION_TTL_MS = 30 * DAY_MS;
/** Extend a session once it has less than this left. */
const RENEW_WITHIN_MS = 15 * DAY_MS;
/** "Last seen" is written at most this often per session. */
const LAST_SEEN_EVERY_MS = 5 * 60 * 1000;
export const MAX_SESSIONS_PER_USER = 5;

interface SessionDeps extends CredentialCacheDeps {
  db: Db;
}

interface CachedSession extends SessionCaller {
  expiresAt: Date;
  lastSeenAt: Date;
}

export function generateSessionToken(): string {
  return encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
}

/** SHA-256, hex: the session id stored for a token (node:crypto's native hash: this runs on every request). */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

const cacheKey = (sessionId: string) => `session:${sessionId}`;

export interface NewSession {
  token: string;
  sessionId: string;
  expiresAt: Date;
}

/** Starts a session; if the user now has more than five, the oldest are ended. */
export async function createSession(
  deps: SessionDeps,
  userId: string,
  client: { ip: string; userAgent: string | null },
): Promise<NewSession> {
  const token = generateSessionToken();
  const sessionId = hashToken(token);
  const expiresAt = new Date(Date.now() + SESSION_TTL_MS);
  const ended = await deps.db.$transaction(async (tx) => {
    await tx.session.create({ data: { id: sessionId, userId, expiresAt, ip: client.ip, userAgent: client.userAgent } });
    const excess = await tx.session.findMany({
      where: { userId },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: MAX_SESSIONS_PER_USER,
      select: { id: true },
    });
    const ids = excess.map((session) => session.id);
    if (ids.length > 0) await tx.session.deleteMany({ where: { id: { in: ids } } });
    return ids;
  });
  await invalidateCredentials(deps, ended.map(cacheKey), ended.length > 0 ? [userId] : []);
  return { token, sessionId, expiresAt };
}

/** The session a token belongs to, or null when unknown, expired, or its user is deactivated. */
export async function validateSessionToken(deps: SessionDeps, token: string): Promise<Caller | null> {
  const sessionId = hashToken(token);
  const session = await readCredential<CachedSession>(deps.cache, cacheKey(sessionId), () => loadSession(deps, sessionId));
  if (!session) return null;
  const now = Date.now();
  if (session.expiresAt.getTime() <= now) {
    await invalidateSessions(deps, [sessionId]);
    return null;
  }
  const renew = session.expiresAt.getTime() - now < RENEW_WITHIN_MS;
  if (renew || now - session.lastSeenAt.getTime() >= LAST_SEEN_EVERY_MS) {
    const updated = await deps.db.session.updateMany({
      where: { id: sessionId },
      data: { lastSeenAt: new Date(now), ...(renew ? { expiresAt: new Date(now + SESSION_TTL_MS) } : {}) },
    });
    if (updated.count === 0) return null; // revoked meanwhile
    // The copy is dropped, not rewritten: only a fresh database read may fill the cache.
    await deps.cache.delete(cacheKey(sessionId));
  }
  return { kind: "session", sessionId: session.sessionId, userId: session.userId, roles: session.roles, permissions: session.permissions };
}

async function loadSession({ db }: SessionDeps, sessionId: string): Promise<CachedSession | null> {
  const row = await db.session.findUnique({
    where: { id: sessionId },
    include: { user: { select: { deactivatedAt: true, roles: rolesWithGrants } } },
  });
  if (!row || row.user.deactivatedAt) return null;
  return {
    kind: "session",
    sessionId,
    userId: row.userId,
    ...grantsOf(row.user.roles),
    expiresAt: row.expiresAt,
    lastSeenAt: row.lastSeenAt,
  };
}

/** Ends the given sessions (database, then cache). */
export async function invalidateSessions(deps: SessionDeps, sessionIds: string[]): Promise<number> {
  if (sessionIds.length === 0) return 0;
  const owners = await deps.db.session.findMany({ where: { id: { in: sessionIds } }, select: { userId: true } });
  const { count } = await deps.db.session.deleteMany({ where: { id: { in: sessionIds } } });
  await invalidateCredentials(
    deps,
    sessionIds.map(cacheKey),
    owners.map((o) => o.userId),
  );
  return count;
}

/** Ends every session of a user, optionally keeping one. */
export async function invalidateUserSessions(deps: SessionDeps, userId: string, keepSessionId?: string): Promise<number> {
  const sessions = await deps.db.session.findMany({
    where: { userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
    select: { id: true },
  });
  return invalidateSessions(
    deps,
    sessions.map((s) => s.id),
  );
}

/** Drops cached copies of a user's sessions after their roles, those roles' permissions or their status changed (call it after the database write). */
export async function forgetCachedSessions(deps: SessionDeps, userId: string): Promise<void> {
  const sessions = await deps.db.session.findMany({ where: { userId }, select: { id: true } });
  await invalidateCredentials(
    deps,
    sessions.map((s) => cacheKey(s.id)),
    [userId],
  );
}

// ── auth.sessions.* ──

/** What revoking needs of the request besides the sessions: who asks, with which credential, from where. */
interface RequestDeps extends SessionDeps {
  ip: string;
  userAgent: string | null;
  caller: Caller | null;
  credential: Credential | null;
}

export async function listSessions(
  ctx: Pick<SessionDeps, "db">,
  userId: string,
  currentSessionId: string,
): Promise<Array<z.infer<typeof sessionOutput>>> {
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
export async function revokeSession(ctx: RequestDeps, userId: string, sessionId: string): Promise<WithCookies<{ revoked: true }>> {
  const owned = await ctx.db.session.findFirst({ where: { id: sessionId, userId }, select: { id: true } });
  if (!owned) throw new NotFoundError("No such session");
  await invalidateSessions(ctx, [sessionId]);
  await auditRequest(ctx, { action: "auth.session.revoked", actorId: userId, subjectUserId: userId, details: { scope: "one" } });
  // The browser's own session ended: its cookie goes too.
  const own = sessionIdOf(ctx.caller) === sessionId && ctx.credential?.source === "cookie";
  return { revoked: true, cookies: own ? [clearedSessionCookie()] : [] };
}

export async function revokeOtherSessions(ctx: RequestDeps, userId: string, currentSessionId: string): Promise<{ revoked: number }> {
  const revoked = await invalidateUserSessions(ctx, userId, currentSessionId);
  await auditRequest(ctx, {
    action: "auth.session.revoked",
    actorId: userId,
    subjectUserId: userId,
    details: { scope: "others", count: revoked },
  });
  return { revoked };
}
