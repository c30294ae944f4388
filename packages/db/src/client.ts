import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client.ts";
import { queryTenantStatement, tenantDatabaseUrl, tenantSettingSql, withTenantSql, type TenantTx } from "./tenant.ts";

export type Db = PrismaClient;
export type SqlPool = pg.Pool;
export type SqlConnection = pg.PoolClient;

export interface CreateDbOptions {
  url: string;
  /** Connections in this instance's pool (the tenant pool gets as many). */
  poolSize?: number;
  /** Where tenant work connects; derived from `url` when not given (see tenant.ts). */
  tenantUrl?: string;
}

interface TenantClient {
  prisma: PrismaClient;
  pool: pg.Pool;
}

const pools = new WeakMap<Db, pg.Pool>();
const urls = new WeakMap<Db, string>();
const tenantClients = new WeakMap<Db, () => TenantClient>();

function poolFor(url: string, max: number): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection the server ends (a restart, a failover, pg_terminate_backend) emits
  // an error; without a listener it would crash the process. The pool drops that client
  // and the next query opens a new one, and a real outage shows on that query.
  pool.on("error", () => {});
  return pool;
}

/**
 * The one way the server and the tests get a database client. Prisma and `sqlPool(db)`
 * share one pg pool; `$disconnect()` closes it.
 */
export function createDb({ url, poolSize = 10, tenantUrl }: CreateDbOptions): Db {
  const pool = poolFor(url, poolSize);
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(db, pool);
  urls.set(db, url);
  // The tenant pool opens on first use (most tests and processes never need it) and
  // closes with the owner's client.
  let tenant: TenantClient | null = null;
  tenantClients.set(db, () => {
    if (!tenant) {
      const tenantPool = poolFor(tenantDatabaseUrl(url, tenantUrl), poolSize);
      tenant = { pool: tenantPool, prisma: new PrismaClient({ adapter: new PrismaPg(tenantPool, { disposeExternalPool: true }) }) };
    }
    return tenant;
  });
  const disconnect = db.$disconnect.bind(db);
  db.$disconnect = async () => {
    await tenant?.prisma.$disconnect();
    await disconnect();
  };
  return db;
}

function tenantClient(db: Db): TenantClient {
  const open = tenantClients.get(db);
  if (!open) throw new Error("This client was not made by createDb()");
  return open();
}

/**
 * Runs `work` in one transaction as the tenant role with `orgId` set: row-level security
 * then limits every query to that organization's rows, whatever its WHERE says.
 */
export function withTenant<T>(db: Db, orgId: string, work: (tx: TenantTx) => Promise<T>): Promise<T> {
  const setting = tenantSettingSql(orgId);
  return tenantClient(db).prisma.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(setting);
      return work(tx);
    },
    // Prisma's defaults (2 s to get a connection, 5 s to finish) fail a busy but healthy
    // instance; requests have their own deadlines, so these only catch what is truly stuck.
    { maxWait: 10_000, timeout: 20_000 },
  );
}

/** One statement as the tenant role with `orgId` set, in one round trip (tenant.ts tenantStatement); its parameters are uuids. */
export function queryAsTenant<R extends pg.QueryResultRow>(db: Db, orgId: string, sql: string, uuids: readonly string[]): Promise<R[]> {
  return queryTenantStatement<R>(tenantClient(db).pool, orgId, sql, uuids);
}

/** As withTenant, on a raw pg connection (for hot reads written as single SQL statements). */
export function withTenantConnection<T>(db: Db, orgId: string, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withTenantSql(tenantClient(db).pool, orgId, work);
}

/**
 * The pg pool behind a client, for the few hot paths written as single SQL statements
 * (Prisma's query compiler costs about 0.7 ms of CPU per query; see benchmarks/).
 */
export function sqlPool(db: Db): pg.Pool {
  const pool = pools.get(db);
  if (!pool) throw new Error("This client was not made by createDb()");
  return pool;
}

/** The connection URL a client was made with (for parts that open their own connections: the job queue). */
export function databaseUrlOf(db: Db): string {
  const url = urls.get(db);
  if (!url) throw new Error("This client was not made by createDb()");
  return url;
}

/** True when the database answers a trivial query within `timeoutMs`. */
export async function pingDb(db: Db, timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  const query = sqlPool(db)
    .query("SELECT 1")
    .then(
      () => true,
      () => false,
    );
  try {
    return await Promise.race([query, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
