// Tenancy: who may work inside an organization, and the handle that runs that work under
// PostgreSQL row-level security (docs/decisions/020-tenancy-rls.md). Used by tenantProcedure
// in trpc.ts; the orgs module manages organizations, members and invitations.
import { queryAsTenant, sqlPool, withTenant, withTenantConnection, type Db, type SqlConnection, type TenantTx } from "@glow/db";
import { readThrough, type Cache } from "./cache.ts";
import { ForbiddenError } from "./errors.ts";

export type OrgRole = "owner" | "staff" | "client";
export const ORG_ROLES = ["owner", "staff", "client"] as const satisfies readonly OrgRole[];

/** Each role can do what the roles after it can: an owner is staff, staff are not owners. */
const RANK: Record<OrgRole, number> = { owner: 3, staff: 2, client: 1 };

export function hasOrgRole(held: OrgRole, needed: OrgRole): boolean {
  return RANK[held] >= RANK[needed];
}

const ROLE_WORDS: Record<OrgRole, string> = { owner: "an owner", staff: "staff", client: "a member" };

/** The organization a call works in, the caller's role there, and its row-level-security doors. */
export interface Tenant {
  orgId: string;
  userId: string;
  role: OrgRole;
  /** Runs `work` in one transaction as the tenant role, with this organization set. */
  run<T>(work: (tx: TenantTx) => Promise<T>): Promise<T>;
  /** As run, on a raw pg connection: for hot reads written as one SQL statement. */
  sql<T>(work: (client: SqlConnection) => Promise<T>): Promise<T>;
  /** One statement whose parameters are uuids, with the organization set, in one round trip (the hottest reads). */
  query<R extends object>(sql: string, uuids: readonly string[]): Promise<R[]>;
}

export function tenantOf(db: Db, orgId: string, userId: string, role: OrgRole): Tenant {
  return {
    orgId,
    userId,
    role,
    run: (work) => withTenant(db, orgId, work),
    sql: (work) => withTenantConnection(db, orgId, work),
    query: (sql, uuids) => queryAsTenant(db, orgId, sql, uuids),
  };
}

/** How long a membership is trusted without asking the database; every change invalidates it at once. */
const MEMBERSHIP_CACHE_SECONDS = 60;
const membershipKey = (orgId: string, userId: string) => `org:member:${orgId}:${userId}`;

export interface TenancyDeps {
  db: Db;
  cache: Cache;
}

/**
 * The caller's role in the organization, or null when they are not a member (or it does not
 * exist). Cached through the cache's fence like credentials (decision 013): changes to a
 * membership write the database, then call invalidateMembership.
 */
export async function membershipRole(deps: TenancyDeps, orgId: string, userId: string): Promise<OrgRole | null> {
  const membership = await readThrough(deps.cache, membershipKey(orgId, userId), MEMBERSHIP_CACHE_SECONDS, async () => {
    const { rows } = await sqlPool(deps.db).query<{ role: OrgRole }>(
      "SELECT role FROM org_memberships WHERE org_id = $1 AND user_id = $2",
      [orgId, userId],
    );
    return rows[0] ? { role: rows[0].role } : null;
  });
  return membership?.role ?? null;
}

/** After a membership's row changed (role, removal): the next call reads it afresh, on every instance. */
export function invalidateMembership(cache: Cache, orgId: string, userId: string): Promise<void> {
  return cache.invalidate(membershipKey(orgId, userId));
}

/** The caller's tenant handle, or a ForbiddenError naming what they lack. */
export async function enterTenant(deps: TenancyDeps, orgId: string, userId: string, needed: OrgRole): Promise<Tenant> {
  const role = await membershipRole(deps, orgId, userId);
  // Not a member and no such organization read the same, so ids cannot be probed.
  if (!role) throw new ForbiddenError("You are not a member of this organization");
  if (!hasOrgRole(role, needed)) throw new ForbiddenError(`Only ${ROLE_WORDS[needed]} of this organization can do this`);
  return tenantOf(deps.db, orgId, userId, role);
}
