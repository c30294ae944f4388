import { forgetCachedTokens } from "./tokens.ts";

/** What revoking needs: the database and whatever forgetting cached tokens takes (cache, events). */
type RevocationDeps = Parameters<typeof forgetCachedTokens>[0];

/** Revokes every API token of the user that is not revoked yet; answers how many. */
export async function revokeAllApiTokens(deps: RevocationDeps, userId: string): Promise<number> {
  const { count } = await deps.db.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  await forgetCachedTokens(deps, userId);
  return count;
}
