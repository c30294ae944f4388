// Single-use links sent by email (email verification, password reset): the database keeps
// only the token's SHA-256, and using one marks it used.
import type { Context } from "../../context.ts";
import { generateSessionToken, hashToken } from "./sessions.ts";

type Purpose = "email_verification" | "password_reset";

export async function issueToken(ctx: Pick<Context, "db">, userId: string, purpose: Purpose, ttlMs: number): Promise<string> {
  const token = generateSessionToken();
  await ctx.db.verificationToken.create({
    data: { id: hashToken(token), userId, purpose, expiresAt: new Date(Date.now() + ttlMs) },
  });
  return token;
}

/** Marks a single-use token used and returns its user, or null when unknown, used or expired. */
export async function consumeToken(ctx: Context, token: string, purpose: Purpose): Promise<string | null> {
  const id = hashToken(token);
  const row = await ctx.db.verificationToken.findUnique({ where: { id } });
  if (!row || row.purpose !== purpose) return null;
  const { count } = await ctx.db.verificationToken.updateMany({
    where: { id, usedAt: null, expiresAt: { gt: new Date() } },
    data: { usedAt: new Date() },
  });
  return count === 1 ? row.userId : null;
}
