// Tenant work runs as the `glow_tenant` database role, on a pool of its own, inside a
// transaction that sets `app.org_id`: PostgreSQL's row-level security then shows and
// accepts only that organization's rows (docs/decisions/020-tenancy-rls.md).
import { createHash } from "node:crypto";
import pg from "pg";
import type { Prisma } from "./generated/prisma/client.ts";

export const TENANT_ROLE = "glow_tenant";

/** A Prisma transaction client whose every query runs under one tenant's row-level security. */
export type TenantTx = Prisma.TransactionClient;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Where tenant work connects: `override` (TENANT_DATABASE_URL, for a deployment whose
 * operator made the role), else the owner's server and database as `glow_tenant`, with a
 * password derived from the owner's (the same on every instance and test database of a
 * cluster, and worth nothing to someone who does not already hold the owner's).
 */
export function tenantDatabaseUrl(ownerUrl: string, override?: string): string {
  if (override) return override;
  const url = new URL(ownerUrl);
  const ownerPassword = decodeURIComponent(url.password);
  url.username = TENANT_ROLE;
  url.password = createHash("sha256").update(`glow_tenant:${ownerPassword}`).digest("hex");
  return url.toString();
}

function passwordOf(url: string): string {
  return decodeURIComponent(new URL(url).password);
}

async function canLogIn(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch (error) {
    const code = (error as { code?: string }).code;
    // 28P01: wrong password; 28000: the role may not log in (or pg_hba refuses it).
    if (code === "28P01" || code === "28000") return false;
    throw error;
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Makes sure the tenant role can log in with the derived password (run once at start, by
 * the owner, after migrations). Only touches the role when the login fails, so instances
 * and test databases of one cluster agree without fighting over it.
 */
export async function ensureTenantLogin(ownerUrl: string, override?: string): Promise<void> {
  const tenantUrl = tenantDatabaseUrl(ownerUrl, override);
  if (await canLogIn(tenantUrl)) return;
  if (override) throw new Error(`TENANT_DATABASE_URL cannot log in: create the ${TENANT_ROLE} role with that password`);
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        // ALTER ROLE takes no parameters; the password is hex, so quoting it is exact.
        await owner.query(`ALTER ROLE ${TENANT_ROLE} WITH LOGIN PASSWORD ${pg.escapeLiteral(passwordOf(tenantUrl))}`);
        break;
      } catch (error) {
        // Another process altering the role at the same moment ("tuple concurrently updated").
        if (attempt >= 5 || (error as { code?: string }).code !== "XX000") throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  } finally {
    await owner.end();
  }
  if (!(await canLogIn(tenantUrl))) throw new Error(`The ${TENANT_ROLE} role still cannot log in: check pg_hba.conf for it`);
}

/** Sets the tenant for the transaction `client` is in; the id is checked here, not trusted. */
export function tenantSettingSql(orgId: string): string {
  if (!UUID.test(orgId)) throw new Error("Not an organization id");
  return `SELECT set_config('app.org_id', '${orgId}', true)`;
}

/**
 * Runs `work` on one connection of the tenant pool inside a transaction with the tenant set:
 * the raw-SQL path for hot reads. BEGIN and the setting go in one round trip.
 */
export async function withTenantSql<T>(pool: pg.Pool, orgId: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const setting = tenantSettingSql(orgId);
  const client = await pool.connect();
  let healthy = true;
  try {
    await client.query(`BEGIN; ${setting}`);
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {
      healthy = false;
    });
    throw error;
  } finally {
    client.release(!healthy);
  }
}

/**
 * One tenant statement in one round trip: the setting and the statement go in one
 * simple-protocol message, which PostgreSQL runs as one implicit transaction, so the setting
 * holds for the statement and ends with it (no BEGIN, no COMMIT). The simple protocol takes no
 * parameters, so `$1`, `$2`… are replaced by `uuids` as literals — uuids only, checked here,
 * and the statement must hold no other `$n`.
 */
export function tenantStatement(orgId: string, sql: string, uuids: readonly string[]): string {
  for (const value of uuids) if (!UUID.test(value)) throw new Error("A tenant statement takes uuids only");
  const text = sql.replace(/\$(\d+)/g, (_, n: string) => {
    const value = uuids[Number(n) - 1];
    if (value === undefined) throw new Error(`A tenant statement has no value for $${n}`);
    return `'${value}'::uuid`;
  });
  return `${tenantSettingSql(orgId)}; ${text}`;
}

/** Runs a tenantStatement on `pool` and returns the statement's rows. */
export async function queryTenantStatement<R extends pg.QueryResultRow>(
  pool: pg.Pool,
  orgId: string,
  sql: string,
  uuids: readonly string[],
): Promise<R[]> {
  const results = (await pool.query(tenantStatement(orgId, sql, uuids))) as unknown as Array<pg.QueryResult<R>>;
  return results[1]!.rows;
}
