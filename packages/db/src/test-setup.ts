// Vitest global setup shared by every package: finds a PostgreSQL server for the run
// (DATABASE_URL's server when set, otherwise an embedded PostgreSQL 17 in a temporary
// folder) and migrates a template database that test files clone.
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "./embedded.ts";
import { migrateDeploy } from "./migrate.ts";
import { databaseUrl, withAdminClient } from "./testing.ts";

export default async function setup(): Promise<(() => Promise<void>) | void> {
  // Several projects of one run share the server the first of them set up.
  if (process.env.GLOW_TEST_PG_ADMIN_URL) return;

  let adminUrl: string;
  let stopServer = async () => {};
  if (process.env.DATABASE_URL) {
    adminUrl = databaseUrl(process.env.DATABASE_URL, "postgres");
  } else {
    const root = await mkdtemp(path.join(os.tmpdir(), "glow-test-pg-"));
    await chmod(root, 0o755); // the server runs as the postgres user when we are root
    const server = await startEmbeddedPostgres({ dataDir: path.join(root, "data"), persistent: false, database: "postgres" });
    adminUrl = server.adminUrl;
    stopServer = async () => {
      await server.stop();
      await rm(root, { recursive: true, force: true });
    };
  }

  const template = `glow_template_${process.pid}_${Date.now()}`;
  await withAdminClient(adminUrl, (client) => client.query(`CREATE DATABASE ${pg.escapeIdentifier(template)}`));
  await migrateDeploy(databaseUrl(adminUrl, template));
  process.env.GLOW_TEST_PG_ADMIN_URL = adminUrl;
  process.env.GLOW_TEST_TEMPLATE_DB = template;

  return async () => {
    await withAdminClient(adminUrl, (client) => client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(template)} WITH (FORCE)`));
    await stopServer();
    delete process.env.GLOW_TEST_PG_ADMIN_URL;
  };
}
