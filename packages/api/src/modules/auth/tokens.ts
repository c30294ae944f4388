// Personal access tokens (auth.tokens.*) for developers' scripts and other languages' clients. A token is
// shown once; the database keeps its SHA-256. Scopes narrow what it may do, and it never
// exceeds its owner: its roles are the owner's current roles, less admin unless scoped.
import type { Db } from "@glow/db";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { FieldError, NotFoundError, PreconditionFailedError } from "../../core/errors.ts";
import type { Context, Caller } from "../../context.ts";
import type { TokenCaller } from "../../core/caller.ts";
import { auditRequest } from "../../core/audit.ts";
import { grantsOf, rolesWithGrants } from "../../core/grants.ts";
import { invalidateCredentials, readCredential, type CredentialCacheDeps } from "./credential-cache.ts";
import { hashToken } from "./sessions.ts";

export const API_TOKEN_PREFIX = "glow_pat_";
export const TOKEN_SCOPES = ["read", "write", "admin"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
const MAX_TOKENS_PER_USER = 20;
const LAST_USED_EVERY_MS = 5 * 60 * 1000;

interface Deps extends CredentialCacheDeps {
  db: Db;
}

interface CachedToken extends TokenCaller {
  lastUsedAt: Date | null;
  expiresAt: Date | null;
}

const cacheKey = (tokenId: string) => `api-token:${tokenId}`;

export function isApiToken(token: string): boolean {
  return token.startsWith(API_TOKEN_PREFIX);
}

/** The caller a token stands for, or null when it is unknown, revoked, expired, or its owner is deactivated. */
export async function validateApiToken(deps: Deps, token: string): Promise<Caller | null> {
  const tokenHash = hashToken(token);
  const cached = await readCredential<CachedToken>(deps.cache, cacheKey(tokenHash), () => loadToken(deps, tokenHash));
  if (!cached) return null;
  const now = Date.now();
  if (cached.expiresAt && cached.expiresAt.getTime() <= now) return null;
  if (!cached.lastUsedAt || now - cached.lastUsedAt.getTime() >= LAST_USED_EVERY_MS) {
    const updated = await deps.db.apiToken.updateMany({ where: { tokenHash, revokedAt: null }, data: { lastUsedAt: new Date(now) } });
    if (updated.count === 0) return null; // revoked meanwhile
    // Dropped, not rewritten: only a fresh database read may fill the cache.
    await deps.cache.delete(cacheKey(tokenHash));
  }
  const { lastUsedAt: _used, expiresAt: _expires, ...session } = cached;
  return session;
}

async function loadToken({ db }: Deps, tokenHash: string): Promise<CachedToken | null> {
  const row = await db.apiToken.findUnique({
    where: { tokenHash },
    include: { user: { select: { deactivatedAt: true, roles: rolesWithGrants } } },
  });
  if (!row || row.revokedAt || row.user.deactivatedAt) return null;
  return {
    kind: "token",
    tokenId: row.id,
    userId: row.userId,
    // Without the admin scope the token keeps the owner's other roles, and only what they grant.
    ...grantsOf(row.user.roles, (role) => role !== "admin" || row.scopes.includes("admin")),
    scopes: row.scopes as TokenScope[],
    lastUsedAt: row.lastUsedAt,
    expiresAt: row.expiresAt,
  };
}

export interface TokenView {
  id: string;
  name: string;
  prefix: string;
  scopes: TokenScope[];
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  createdAt: Date;
}

function view(row: {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  lastUsedAt: Date | null;
  expiresAt: Date | null;
  createdAt: Date;
}): TokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: row.scopes as TokenScope[],
    lastUsedAt: row.lastUsedAt,
    expiresAt: row.expiresAt,
    createdAt: row.createdAt,
  };
}

export async function createApiToken(
  ctx: Context,
  session: Caller,
  input: { name: string; scopes: TokenScope[]; expiresAt?: Date | undefined },
): Promise<TokenView & { token: string }> {
  if (input.scopes.includes("admin") && !session.roles.includes("admin"))
    throw new FieldError("scopes", "Only admins can create admin tokens");
  const active = await ctx.db.apiToken.count({ where: { userId: session.userId, revokedAt: null } });
  if (active >= MAX_TOKENS_PER_USER) throw new PreconditionFailedError(`At most ${MAX_TOKENS_PER_USER} tokens; revoke one first`);
  const token = API_TOKEN_PREFIX + encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(20)));
  const row = await ctx.db.apiToken.create({
    data: {
      userId: session.userId,
      name: input.name,
      tokenHash: hashToken(token),
      prefix: token.slice(0, API_TOKEN_PREFIX.length + 4),
      scopes: [...new Set(input.scopes)].sort(),
      expiresAt: input.expiresAt ?? null,
    },
  });
  await auditRequest(ctx, {
    action: "auth.token.created",
    actorId: session.userId,
    subjectUserId: session.userId,
    details: { name: input.name, scopes: row.scopes },
  });
  return { ...view(row), token };
}

export async function listApiTokens(ctx: Pick<Context, "db">, userId: string): Promise<TokenView[]> {
  const rows = await ctx.db.apiToken.findMany({ where: { userId, revokedAt: null }, orderBy: { createdAt: "desc" } });
  return rows.map(view);
}

/** Revokes one of the caller's tokens; another user's is "not found". */
export async function revokeApiToken(ctx: Context, userId: string, id: string): Promise<{ revoked: true }> {
  const row = await ctx.db.apiToken.findFirst({ where: { id, userId, revokedAt: null } });
  if (!row) throw new NotFoundError("No such token");
  await ctx.db.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
  await invalidateCredentials(ctx, [cacheKey(row.tokenHash)], [userId]);
  await auditRequest(ctx, { action: "auth.token.revoked", actorId: userId, subjectUserId: userId, details: { name: row.name } });
  return { revoked: true };
}

/** Drops cached copies of a user's tokens after they were revoked, or their owner deactivated or given other roles or permissions (call it after the database write). */
export async function forgetCachedTokens(deps: Deps, userId: string): Promise<void> {
  const tokens = await deps.db.apiToken.findMany({ where: { userId }, select: { tokenHash: true } });
  await invalidateCredentials(
    deps,
    tokens.map((t) => cacheKey(t.tokenHash)),
    [userId],
  );
}
