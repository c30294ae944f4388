// The cache in front of credentials (sessions and API tokens), made so that a revoked
// credential cannot come back (decision 013):
// - an entry is written only from a fresh database read, through the cache's fence: a
//   revocation that lands between the read and the write changes the fence, so the stale
//   copy is refused; a hit is never written back;
// - revoking changes the database first and then invalidates the entry and its fence, so a
//   request that starts after the revocation either misses or reads what was written after it;
// - every change is announced on the owner's channel, so open streams re-check at once on
//   every instance.
import { readThrough, type Cache } from "../../core/cache.ts";
import type { EventBus } from "../../core/events.ts";

/** How long a validated credential is trusted without asking the database. */
export const CREDENTIAL_CACHE_SECONDS = 60;

export interface CredentialCacheDeps {
  cache: Cache;
  events: EventBus;
}

/** The cached copy, or a fresh load stored only if nothing invalidated the key while it ran (core/cache.ts). */
export function readCredential<T extends object>(cache: Cache, key: string, load: () => Promise<T | null>): Promise<T | null> {
  return readThrough(cache, key, CREDENTIAL_CACHE_SECONDS, load);
}

/** The channel on which a person's credential changes are announced (revocations, role changes, deactivation). */
export const credentialChannel = (userId: string) => `auth:credentials:${userId}`;

/**
 * Drops cached credentials after their rows changed (call it after the database write), and
 * tells every instance's open streams of those people to check their credential again.
 */
export async function invalidateCredentials(
  { cache, events }: CredentialCacheDeps,
  keys: string[],
  userIds: Iterable<string>,
): Promise<void> {
  await cache.invalidate(...keys);
  for (const userId of new Set(userIds)) await events.publish(credentialChannel(userId), { changedAt: new Date() });
}
