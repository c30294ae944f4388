// Test databases on a real PostgreSQL: the vitest global setup (test-setup.ts) migrates a
// template database once per run, and each test file clones its own from it.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { createDb, type Db } from "./client.ts";

export interface TestDatabase {
  url: string;
  db: Db;
  /** Disconnects and drops the database. */
  drop(): Promise<void>;
}

export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export async function withAdminClient<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function testServer(): { adminUrl: string; template: string } {
  const adminUrl = process.env.GLOW_TEST_PG_ADMIN_URL;
  const template = process.env.GLOW_TEST_TEMPLATE_DB;
  if (!adminUrl || !template) {
    throw new Error("No test database server: run tests through vitest so that @glow/db/test-setup runs first");
  }
  return { adminUrl, template };
}

/** A fresh, migrated database of this test file's own. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const { adminUrl, template } = testServer();
  const name = `glow_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  await withAdminClient(adminUrl, (client) =>
    client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)} TEMPLATE ${pg.escapeIdentifier(template)}`),
  );
  const url = databaseUrl(adminUrl, name);
  const db = createDb({ url, poolSize: 4 });
  return {
    url,
    db,
    async drop() {
      await db.$disconnect();
      await withAdminClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`));
    },
  };
}
