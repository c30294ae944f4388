// Sign-in, sign-up, reset and verification attempts: how often one key may try, and the
// refusal that names the limit and when to come back.
import type { Context } from "../../context.ts";
import { LimitReachedError } from "../../core/errors.ts";
import { isRateLimited, type RateLimitPolicy } from "../../core/rate-limit.ts";

/** A refusal that names the limit that refused (not the generic one) and when to come back. */
export function tooMany(policy: RateLimitPolicy, msBeforeNext: number, what: string, orElse = ""): LimitReachedError {
  const minutes = Math.max(1, Math.ceil(msBeforeNext / 60_000));
  return new LimitReachedError(`${what} Try again in ${minutes} minute${minutes === 1 ? "" : "s"}${orElse}.`, { policy, msBeforeNext });
}

/** Sign-in, sign-up and reset attempts: 10 a minute per key (the IP, and the account or the device). */
export async function limitCredentialAttempts(ctx: Context, keys: string[]): Promise<void> {
  try {
    for (const key of keys) await ctx.rateLimiters.credentials.consume(key);
  } catch (error) {
    if (isRateLimited(error)) throw tooMany(ctx.rateLimiters.settings.credentials, error.msBeforeNext, "Too many attempts.");
    throw error;
  }
}
