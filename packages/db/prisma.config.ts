// Prisma CLI configuration. The CLI runs its WebAssembly schema engine through the pg
// driver adapter, because the native engine would have to be downloaded and these
// machines cannot reach Prisma's binary host. The shims below work around upstream bugs
// in that path; the runtime client (src/client.ts) needs none of them.
// See docs/decisions/002-prisma-offline.md.
import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { defineConfig } from "prisma/config";

const DEFAULT_DATABASE_URL = "postgresql://postgres:postgres@127.0.0.1:5432/glow";
const databaseUrl = process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
// The schema's datasource reads DATABASE_URL; the CLI does not load .env with a config file.
process.env.DATABASE_URL = databaseUrl;

// Workaround 1 (Prisma issue 27403): the WASM engine cannot deserialize PostgreSQL
// `name`/`char` columns (and their arrays) read through adapter-pg, which it meets when it
// introspects pg_catalog. Read them as text / text[].
const TYPE_ALIASES = new Map<number, number>([
  [18, 25],
  [19, 25],
  [1002, 1009],
  [1003, 1009],
]);
type QueryFn = (this: pg.Client, ...args: unknown[]) => unknown;
type TypeParserSource = { getTypeParser: (oid: number, format?: string) => unknown };
const originalQuery = pg.Client.prototype.query as unknown as QueryFn;
function aliasFields<T>(result: T): T {
  for (const part of [result].flat() as Array<{ fields?: Array<{ dataTypeID: number }> }>) {
    for (const field of part?.fields ?? []) {
      field.dataTypeID = TYPE_ALIASES.get(field.dataTypeID) ?? field.dataTypeID;
    }
  }
  return result;
}
(pg.Client.prototype as unknown as { query: QueryFn }).query = function (config, values, callback) {
  const types = (config as { types?: TypeParserSource } | null)?.types;
  if (types && typeof (config as { submit?: unknown }).submit !== "function") {
    const inner = types.getTypeParser.bind(types);
    config = {
      ...(config as object),
      types: { getTypeParser: (oid: number, format?: string) => inner(TYPE_ALIASES.get(oid) ?? oid, format) },
    };
  }
  if (typeof values === "function") [values, callback] = [undefined, values];
  if (typeof callback === "function") {
    const done = callback as (error: unknown, result: unknown) => void;
    return originalQuery.call(this, config, values, (error: unknown, result: unknown) => done(error, error ? result : aliasFields(result)));
  }
  const returned = originalQuery.call(this, config, values);
  return returned instanceof Promise ? returned.then(aliasFields) : returned;
};

// Workaround 4: the WASM engine leaves 10 s and 60 s timers armed, so `migrate dev`
// lingers a minute after finishing. Long timers created while the CLI runs don't hold it open.
const originalSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const timer = originalSetTimeout(handler, ms, ...args);
  if ((ms ?? 0) >= 10_000) timer.unref();
  return timer;
}) as typeof setTimeout;

// Workaround 2: with a connectionString, adapter-pg's shadow pool silently connects to the
// main database (the string wins over `database`). Discrete settings avoid that.
function poolConfig(url: string): pg.PoolConfig {
  const parsed = new URL(url);
  return {
    host: decodeURIComponent(parsed.hostname),
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username || "postgres"),
    password: decodeURIComponent(parsed.password),
    database: decodeURIComponent(parsed.pathname.slice(1)),
    allowExitOnIdle: true,
  };
}

// Workaround 6: adapter-pg's executeScript splits migration scripts on every ";", which
// breaks function bodies ($$ … ; … $$). PostgreSQL's simple query protocol runs a whole
// multi-statement script itself, so send it unsplit.
type ScriptAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;
function sendScriptsWhole<T extends ScriptAdapter>(adapter: T): T {
  adapter.executeScript = async (script: string) => {
    try {
      await (adapter.underlyingDriver() as pg.Pool).query(script);
    } catch (error) {
      (adapter as unknown as { onError(error: unknown): never }).onError(error);
    }
  };
  return adapter;
}

// Workaround 3: adapter-pg drops the shadow database before closing the shadow pool, so
// the DROP fails and one database leaks per run. Close the pool first, then drop.
function createAdapterFactory(url: string): PrismaPg {
  const factory = new PrismaPg(poolConfig(url));
  const connect = factory.connect.bind(factory);
  factory.connect = async () => sendScriptsWhole(await connect());
  factory.connectToShadowDb = async () => {
    const admin = await factory.connect();
    const database = `prisma_migrate_shadow_db_${randomUUID()}`;
    await admin.executeScript(`CREATE DATABASE "${database}"`);
    const shadow = sendScriptsWhole(await new PrismaPg({ ...poolConfig(url), database }).connect());
    const disposeShadow = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await disposeShadow();
      await admin.executeScript(`DROP DATABASE IF EXISTS "${database}"`);
      await admin.dispose();
    };
    return shadow;
  };
  return factory;
}

// Workaround 5 (PostgreSQL 18 NOT NULL constraints in pg_constraint) is avoided by
// running PostgreSQL 17 for the embedded default; Debian's 15 is also fine.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  engine: "js",
  experimental: { adapter: true },
  adapter: async () => createAdapterFactory(databaseUrl),
});
