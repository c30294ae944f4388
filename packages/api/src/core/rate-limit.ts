import type { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";

export interface RateLimitPolicy {
  points: number;
  durationSeconds: number;
  /** Once the points are spent, refuse for this long (default: until the window ends). */
  blockSeconds?: number;
}

export interface RateLimitSettings {
  /** Queries, per user (per IP when anonymous). */
  read: RateLimitPolicy;
  /** Mutations, per user (per IP when anonymous). */
  write: RateLimitPolicy;
  /** Every call inside one organization (tenantProcedure), across its members, on top of theirs. */
  tenant: RateLimitPolicy;
  /** Sign-in, sign-up and password reset attempts, per IP and per account. */
  credentials: RateLimitPolicy;
  /** Failed sign-ins per account before it is refused for a while. */
  failedLoginsPerAccount: RateLimitPolicy;
  /** Failed sign-ins per IP before it is refused for a while. */
  failedLoginsPerIp: RateLimitPolicy;
  /**
   * Failed sign-ins from a browser that signed in to the account before (it shows a device
   * cookie), counted instead of the account's: others' failures cannot lock it out.
   */
  failedLoginsPerDevice: RateLimitPolicy;
  /** Failed sign-ins per account after which each further attempt is slowed. */
  slowAfterFailures: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = {
  read: { points: 100, durationSeconds: 60 },
  write: { points: 20, durationSeconds: 60 },
  tenant: { points: 1000, durationSeconds: 60 },
  credentials: { points: 10, durationSeconds: 60 },
  failedLoginsPerAccount: { points: 10, durationSeconds: 15 * 60, blockSeconds: 15 * 60 },
  failedLoginsPerIp: { points: 50, durationSeconds: 15 * 60, blockSeconds: 15 * 60 },
  failedLoginsPerDevice: { points: 10, durationSeconds: 15 * 60, blockSeconds: 15 * 60 },
  slowAfterFailures: 3,
};

export type Limiter = RateLimiterAbstract;
export { RateLimiterRes };

export interface RateLimiters {
  settings: RateLimitSettings;
  read: Limiter;
  write: Limiter;
  tenant: Limiter;
  credentials: Limiter;
  failedLoginsPerAccount: Limiter;
  failedLoginsPerIp: Limiter;
  failedLoginsPerDevice: Limiter;
}

/** rate-limiter-flexible counters: Redis-backed when configured (shared across instances), in process otherwise. */
export function createRateLimiters(redis: Redis | null, settings: RateLimitSettings = DEFAULT_RATE_LIMITS): RateLimiters {
  const make = (name: string, policy: RateLimitPolicy): Limiter => {
    const options = {
      keyPrefix: `glow:rl:${name}`,
      points: policy.points,
      duration: policy.durationSeconds,
      blockDuration: policy.blockSeconds ?? 0,
    };
    return redis ? new RateLimiterRedis({ ...options, storeClient: redis }) : new RateLimiterMemory(options);
  };
  return {
    settings,
    read: make("read", settings.read),
    write: make("write", settings.write),
    tenant: make("tenant", settings.tenant),
    credentials: make("credentials", settings.credentials),
    failedLoginsPerAccount: make("failed-account", settings.failedLoginsPerAccount),
    failedLoginsPerIp: make("failed-ip", settings.failedLoginsPerIp),
    failedLoginsPerDevice: make("failed-device", settings.failedLoginsPerDevice),
  };
}

/** True for the rejection rate-limiter-flexible gives when the points are spent. */
export function isRateLimited(error: unknown): error is RateLimiterRes {
  return error instanceof RateLimiterRes;
}

/**
 * The RateLimit-* headers (IETF draft) for the limiter that decided this answer, and
 * Retry-After when it refused: a client learns the limit that applies, not another one.
 */
export function setRateLimitHeaders(
  response: { setHeader(name: string, value: string): void },
  policy: RateLimitPolicy,
  state: { remaining: number; msBeforeNext: number; refused?: boolean },
): void {
  const resetSeconds = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  response.setHeader("RateLimit-Policy", `${policy.points};w=${policy.durationSeconds}`);
  response.setHeader("RateLimit-Limit", String(policy.points));
  response.setHeader("RateLimit-Remaining", String(Math.max(0, state.remaining)));
  response.setHeader("RateLimit-Reset", String(resetSeconds));
  if (state.refused) response.setHeader("Retry-After", String(resetSeconds));
}
