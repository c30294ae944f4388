import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "./generated/prisma/client.ts";

export type Db = PrismaClient;
export type SqlPool = pg.Pool;

export interface CreateDbOptions {
  url: string;
  /** Connections in this instance's pool. */
  poolSize?: number;
}

const pools = new WeakMap<Db, pg.Pool>();

/**
 * The one way the server and the tests get a database client. Prisma and `sqlPool(db)`
 * share one pg pool; `$disconnect()` closes it.
 */
export function createDb({ url, poolSize = 10 }: CreateDbOptions): Db {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle connection the server ends (a restart, a failover, pg_terminate_backend) emits
  // an error; without a listener it would crash the process. The pool drops that client
  // and the next query opens a new one, and a real outage shows on that query.
  pool.on("error", () => {});
  const db = new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  pools.set(db, pool);
  return db;
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
