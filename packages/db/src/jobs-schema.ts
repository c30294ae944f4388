// The durable job queue's tables (pg-boss, decision 023) live in their own schema, installed
// and upgraded by pg-boss itself. Done beside the Prisma migrations, so that a test database
// cloned from the migrated template, or a server started after `migrate deploy`, has them.
import { PgBoss } from "pg-boss";

export const JOBS_SCHEMA = "pgboss";

export async function installJobSchema(databaseUrl: string): Promise<void> {
  const boss = new PgBoss({ connectionString: databaseUrl, schema: JOBS_SCHEMA, max: 1, supervise: false, schedule: false });
  const errors: unknown[] = [];
  boss.on("error", (error) => errors.push(error));
  await boss.start();
  await boss.stop({ graceful: false, close: true });
  if (errors.length > 0) throw errors[0];
}
