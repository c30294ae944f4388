// Row-level security as the database enforces it, over every table with an org_id column
// (read from information_schema, so a new tenant table is covered, or fails, without a new
// test): each has policies for glow_tenant; with one tenant set, a SELECT with no WHERE shows
// none of another's rows; with none set it shows nothing (Glow's shared library excepted);
// the role cannot step around the policies; writes into another tenant are refused; people
// are seen only as the tenant's members. Then tenantProcedure's per-organization rate limit.
import { randomUUID } from "node:crypto";
import { sqlPool, TENANT_ROLE, tenantDatabaseUrl, withTenantConnection, type SqlConnection, type SqlPool } from "@glow/db";
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../context.ts";
import { createCaller } from "../root.ts";
import { createTestServices, RELAXED_RATE_LIMITS, testContext, testRedisUrl } from "../testing.ts";
import { validateSessionToken } from "../modules/auth/sessions.ts";

let database: TestDatabase;
let owner: SqlPool;
/** glow_tenant's own connections, apart from the server's tenant pool (so a session can go without a tenant). */
let tenantPool: SqlPool;

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Tables whose org_id may be NULL: Glow's shared library, readable by every tenant. */
const LIBRARY_TABLES = ["coach_exercises", "coach_templates"];

interface Column {
  column_name: string;
  data_type: string;
  udt_name: string;
  is_nullable: "YES" | "NO";
  column_default: string | null;
  references_table: string | null;
  references_column: string | null;
}

async function tenantTables(): Promise<string[]> {
  const { rows } = await owner.query<{ table_name: string }>(`
    SELECT c.table_name::text FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema = 'public' AND c.column_name = 'org_id' ORDER BY 1`);
  return rows.map((row) => row.table_name);
}

async function columnsOf(table: string): Promise<Column[]> {
  const { rows } = await owner.query<Column>(
    `SELECT c.column_name::text, c.data_type::text, c.udt_name::text, c.is_nullable::text, c.column_default::text,
       fk.references_table, fk.references_column
     FROM information_schema.columns c
     LEFT JOIN LATERAL (
       SELECT rt.relname::text AS references_table, ra.attname::text AS references_column
       FROM pg_constraint k
       JOIN pg_class ct ON ct.oid = k.conrelid
       JOIN pg_attribute ca ON ca.attrelid = k.conrelid AND ca.attnum = k.conkey[1]
       JOIN pg_class rt ON rt.oid = k.confrelid
       JOIN pg_attribute ra ON ra.attrelid = k.confrelid AND ra.attnum = k.confkey[1]
       WHERE k.contype = 'f' AND ct.relname = c.table_name AND ca.attname = c.column_name AND array_length(k.conkey, 1) = 1
       LIMIT 1
     ) fk ON true
     WHERE c.table_schema = 'public' AND c.table_name = $1 ORDER BY c.ordinal_position`,
    [table],
  );
  return rows;
}

async function firstEnumLabel(type: string): Promise<string> {
  const { rows } = await owner.query<{ label: string }>(
    "SELECT e.enumlabel AS label FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid WHERE t.typname = $1 ORDER BY e.enumsortorder LIMIT 1",
    [type],
  );
  if (!rows[0]) throw new Error(`${type} is no enum: teach tenancy.test.ts its values`);
  return rows[0].label;
}

/** A value of `column`'s type for a made-up row (the table's CHECKs are enums, so any label fits). */
async function sampleValue(column: Column): Promise<unknown> {
  switch (column.data_type) {
    case "uuid":
      return randomUUID();
    case "text":
    case "character varying":
      return `fixture-${randomUUID()}`;
    case "integer":
    case "smallint":
    case "bigint":
    case "numeric":
    case "real":
    case "double precision":
      return 1;
    case "boolean":
      return false;
    case "json":
    case "jsonb":
      return "{}";
    case "timestamp with time zone":
    case "timestamp without time zone":
    case "date":
      return new Date();
    case "ARRAY":
      return "{}";
    case "USER-DEFINED":
      return firstEnumLabel(column.udt_name);
    default:
      throw new Error(`no sample for ${column.column_name} (${column.data_type}): teach tenancy.test.ts this type`);
  }
}

/** One row per table and organization (`null`: the shared library), made as the owner; each referenced row is made first, in the same organization. */
const made = new Map<string, Record<string, unknown>>();
const people = new Map<string, string>();

async function rowOf(table: string, orgId: string | null): Promise<Record<string, unknown>> {
  const key = `${table}:${orgId}`;
  const known = made.get(key);
  if (known) return known;
  if (table === "organizations" && orgId) return { id: orgId };
  if (table === "users") return { id: people.get(orgId ?? "") ?? (await person(`library-${randomUUID()}`)) };
  const names: string[] = [];
  const values: unknown[] = [];
  const casts: string[] = [];
  for (const column of await columnsOf(table)) {
    let value: unknown;
    if (column.column_name === "org_id") value = orgId;
    else if (column.references_table) {
      if (column.is_nullable === "YES") continue;
      value = (await rowOf(column.references_table, orgId))[column.references_column!];
    } else if (column.is_nullable === "NO" && column.column_default === null) value = await sampleValue(column);
    else continue;
    names.push(ident(column.column_name));
    values.push(value);
    casts.push(`$${values.length}::${ident(column.udt_name)}`);
  }
  const { rows } = await owner.query<Record<string, unknown>>(
    `INSERT INTO ${ident(table)} (${names.join(", ")}) VALUES (${casts.join(", ")}) RETURNING *`,
    values,
  );
  made.set(key, rows[0]!);
  return rows[0]!;
}

async function person(name: string): Promise<string> {
  const { rows } = await owner.query<{ id: string }>(
    "INSERT INTO users (email, name, password_hash) VALUES ($1, $2, 'not-a-real-hash') RETURNING id",
    [`${name}@example.test`, name],
  );
  return rows[0]!.id;
}

async function organization(name: string): Promise<string> {
  const { rows } = await owner.query<{ id: string }>("INSERT INTO organizations (name, slug) VALUES ($1, $2) RETURNING id", [
    name,
    `${name}-${randomUUID()}`,
  ]);
  return rows[0]!.id;
}

/** A session as glow_tenant of its own (not the pool's), with `orgId` set for one transaction when given. */
async function tenantSession<T>(orgId: string | null, work: (client: SqlConnection) => Promise<T>): Promise<T> {
  const client = await tenantPool.connect();
  try {
    await client.query("BEGIN");
    if (orgId) await client.query("SELECT set_config('app.org_id', $1, true)", [orgId]);
    return await work(client);
  } finally {
    await client.query("ROLLBACK").catch(() => {});
    client.release(true); // never reused: each test starts on a fresh session
  }
}

/** The error a statement fails with, inside a savepoint so that the transaction goes on. */
async function failure(client: SqlConnection, sql: string, params: unknown[] = []): Promise<string> {
  await client.query("SAVEPOINT attempt");
  try {
    await client.query(sql, params);
  } catch (error) {
    await client.query("ROLLBACK TO SAVEPOINT attempt");
    return (error as Error).message;
  }
  await client.query("RELEASE SAVEPOINT attempt");
  return "(succeeded)";
}

let tables: string[];
let businessA: string;
let businessB: string;

beforeAll(async () => {
  database = await createTestDatabase();
  owner = sqlPool(database.db);
  // pg's Pool, taken from the owner's (@glow/api does not depend on pg itself).
  const Pool = owner.constructor as new (config: { connectionString: string; max: number }) => SqlPool;
  tenantPool = new Pool({ connectionString: tenantDatabaseUrl(database.url), max: 2 });
  tables = await tenantTables();
  businessA = await organization("business-a");
  businessB = await organization("business-b");
  people.set(businessA, await person("member-a"));
  people.set(businessB, await person("member-b"));
  for (const table of tables) {
    await rowOf(table, businessA);
    await rowOf(table, businessB);
  }
  for (const table of LIBRARY_TABLES) await rowOf(table, null);
});
afterAll(async () => {
  await tenantPool?.end();
  await database.drop();
});

describe("every table with an org_id column", () => {
  it("has row-level security on, and policies for glow_tenant", async () => {
    expect(tables).toEqual(expect.arrayContaining(["org_memberships", "org_invitations", "coach_programs", "coach_exercises"]));
    const { rows } = await owner.query<{ table_name: string; rls: boolean; policies: number }>(
      `SELECT c.relname::text AS table_name, c.relrowsecurity AS rls,
         (SELECT count(*)::int FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname AND $2 = ANY(p.roles)) AS policies
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relname = ANY($1::text[]) ORDER BY 1`,
      [tables, TENANT_ROLE],
    );
    const unguarded = rows.filter((row) => !row.rls || row.policies === 0).map((row) => row.table_name);
    expect(unguarded, "tables with org_id but no row-level security for glow_tenant").toEqual([]);
    expect(rows).toHaveLength(tables.length);
  });

  it("lets org_id be NULL only in the shared library's tables", async () => {
    const { rows } = await owner.query<{ table_name: string }>(
      "SELECT table_name::text FROM information_schema.columns WHERE table_schema = 'public' AND column_name = 'org_id' AND is_nullable = 'YES' ORDER BY 1",
    );
    expect(rows.map((row) => row.table_name)).toEqual(LIBRARY_TABLES);
  });
});

describe("with business A's tenant set", () => {
  it("SELECT * with no WHERE shows A's rows and the library, never B's, in every tenant table", async () => {
    for (const table of tables) {
      const { rows } = await withTenantConnection(database.db, businessA, (client) =>
        client.query<{ org_id: string | null }>(`SELECT * FROM ${ident(table)}`),
      );
      const orgs = new Set(rows.map((row) => row.org_id));
      expect(orgs.has(businessA), `${table} shows A its own row`).toBe(true);
      expect(orgs.has(businessB), `${table} shows A a row of B`).toBe(false);
      expect([...orgs].sort(), table).toEqual(LIBRARY_TABLES.includes(table) ? [businessA, null] : [businessA]);
    }
  });

  it("refuses writes into B or into the library (WITH CHECK), and cannot touch B's rows", async () => {
    await tenantSession(businessA, async (client) => {
      const writable = await client.query<{ table_name: string }>(
        "SELECT table_name::text FROM information_schema.role_table_grants WHERE grantee = $1 AND privilege_type = 'UPDATE' AND table_name = ANY($2::text[])",
        [TENANT_ROLE, tables],
      );
      expect(writable.rows.length).toBeGreaterThan(0);
      for (const { table_name } of writable.rows) {
        const table = ident(table_name);
        expect(await failure(client, `UPDATE ${table} SET org_id = $1`, [businessB]), table_name).toMatch(
          /violates row-level security policy/,
        );
        expect((await client.query(`UPDATE ${table} SET org_id = org_id WHERE org_id = $1`, [businessB])).rowCount, table_name).toBe(0);
        expect((await client.query(`DELETE FROM ${table} WHERE org_id = $1`, [businessB])).rowCount, table_name).toBe(0);
      }
      const insert = "INSERT INTO coach_exercises (org_id, name, difficulty) VALUES ($1, 'Sneaky squat', 1)";
      expect(await failure(client, insert, [businessB])).toMatch(/violates row-level security policy/);
      expect(await failure(client, insert, [null])).toMatch(/violates row-level security policy/);
      expect((await client.query("UPDATE coach_exercises SET name = 'mine now' WHERE org_id IS NULL")).rowCount).toBe(0);
      expect((await client.query("SELECT count(*)::int AS n FROM coach_exercises WHERE org_id IS NULL")).rows[0].n).toBe(1);
      expect(await failure(client, insert, [businessA])).toBe("(succeeded)");
      // Memberships and invitations are core data: tenant work reads them and never writes them.
      expect(
        await failure(client, "INSERT INTO org_memberships (org_id, user_id, role) VALUES ($1, $2, 'owner')", [
          businessA,
          people.get(businessB),
        ]),
      ).toMatch(/permission denied/);
      expect(await failure(client, "UPDATE org_memberships SET role = 'owner'")).toMatch(/permission denied/);
    });
    expect((await owner.query("SELECT count(*)::int AS n FROM coach_exercises WHERE name = 'mine now'")).rows[0].n).toBe(0);
  });

  it("sees the tenant's members' id, name and email only, never their password hash", async () => {
    await tenantSession(businessA, async (client) => {
      const { rows } = await client.query<{ id: string; email: string }>("SELECT id, name, email FROM users");
      expect(rows.map((row) => row.id)).toEqual([people.get(businessA)]);
      expect(await failure(client, "SELECT password_hash FROM users")).toMatch(/permission denied/);
      expect(await failure(client, "SELECT * FROM users")).toMatch(/permission denied/);
    });
  });
});

describe("with no tenant set", () => {
  it("every tenant table shows nothing but the shared library, also on a session that had a tenant before", async () => {
    await tenantSession(null, async (client) => {
      for (const round of ["never set", "set in an earlier transaction"]) {
        for (const table of tables) {
          const { rows } = await client.query<{ org_id: string | null }>(`SELECT * FROM ${ident(table)}`);
          expect(
            rows.map((row) => row.org_id),
            `${table} (${round})`,
          ).toEqual(LIBRARY_TABLES.includes(table) ? [null] : []);
        }
        expect((await client.query("SELECT id FROM users")).rows, round).toEqual([]);
        await client.query("SELECT set_config('app.org_id', $1, true)", [businessA]);
        await client.query("COMMIT");
        await client.query("BEGIN");
        expect((await client.query("SELECT current_setting('app.org_id', true) AS setting")).rows[0].setting).toBe("");
      }
    });
  });
});

describe("the glow_tenant role", () => {
  it("is no superuser, cannot bypass row-level security, owns nothing and belongs to no other role", async () => {
    await tenantSession(businessA, async (client) => {
      const { rows } = await client.query("SELECT rolbypassrls, rolsuper FROM pg_roles WHERE rolname = current_user");
      expect(rows).toEqual([{ rolbypassrls: false, rolsuper: false }]);
      const owned = await client.query(
        "SELECT count(*)::int AS n FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = current_user",
      );
      expect(owned.rows[0].n).toBe(0);
      const memberOf = await client.query(
        "SELECT count(*)::int AS n FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.member WHERE r.rolname = current_user",
      );
      expect(memberOf.rows[0].n).toBe(0);
    });
  });

  it("cannot become the owner, nor turn row-level security off", async () => {
    await tenantSession(businessA, async (client) => {
      expect(await failure(client, "SET ROLE postgres")).toMatch(/permission denied/);
      expect(await failure(client, "SET SESSION AUTHORIZATION postgres")).toMatch(/permission denied/);
      expect(await failure(client, "ALTER TABLE coach_programs DISABLE ROW LEVEL SECURITY")).toMatch(/must be owner/);
      expect(await failure(client, "ALTER TABLE coach_programs NO FORCE ROW LEVEL SECURITY")).toMatch(/must be owner/);
      expect(await failure(client, "DROP POLICY tenant_isolation ON coach_programs")).toMatch(/must be owner/);
      // With row_security off, a query that policies would filter fails instead of showing everything.
      await client.query("SET LOCAL row_security = off");
      expect(await failure(client, "SELECT * FROM coach_programs")).toMatch(/row-level security/);
      expect(await failure(client, "SELECT * FROM org_memberships")).toMatch(/row-level security/);
    });
  });
});

describe("the per-organization rate limit", () => {
  const limits = { ...RELAXED_RATE_LIMITS, tenant: { points: 5, durationSeconds: 60 } };
  const redisUrl = testRedisUrl();

  async function signedIn(services: AppServices, email: string) {
    const { token, account } = await createCaller(testContext(services)).auth.register({
      email,
      password: "sunflower-violin-42",
      name: email.split("@")[0]!,
      delivery: "token",
    });
    const caller = await validateSessionToken(services, token!);
    return {
      id: account.id,
      /** A call in a context of its own, whose response headers the test reads. */
      call() {
        const ctx = testContext(services, { caller });
        return { api: createCaller(ctx), headers: ctx.recorded.headers };
      },
    };
  }

  /** Two members of one organization, each served by their own services (two instances when they share Redis). */
  async function sharedOrganization(left: AppServices, right: AppServices) {
    const tag = randomUUID().slice(0, 8);
    const first = await signedIn(left, `first-${tag}@example.test`);
    const second = await signedIn(right, `second-${tag}@example.test`);
    const org = await first.call().api.orgs.create({ name: `Busy ${tag}` });
    await database.db.orgMembership.create({ data: { orgId: org.id, userId: second.id, role: "client" } });
    const other = await signedIn(right, `other-${tag}@example.test`);
    const quiet = await other.call().api.orgs.create({ name: `Quiet ${tag}` });
    return { orgId: org.id, first, second, other, quietId: quiet.id };
  }

  /** Five calls across the two members, then a sixth from each: what each answered, and the refusal's headers. */
  async function spendTogether(left: AppServices, right: AppServices) {
    const { orgId, first, second, other, quietId } = await sharedOrganization(left, right);
    const answers: string[] = [];
    const answer = (call: Promise<unknown>) =>
      call.then(
        () => answers.push("served"),
        (error: { code: string }) => answers.push(error.code),
      );
    for (let i = 0; i < 5; i++) await answer((i % 2 === 0 ? first : second).call().api.orgs.get({ orgId }));
    const refused = second.call();
    await answer(refused.api.orgs.get({ orgId }));
    await answer(first.call().api.orgs.members.list({ orgId }));
    await answer(other.call().api.orgs.get({ orgId: quietId })); // another organization has its own budget
    return { answers, retryAfter: Number(refused.headers.get("retry-after")?.[0]), policy: refused.headers.get("ratelimit-policy") };
  }

  const SPENT = {
    answers: ["served", "served", "served", "served", "served", "TOO_MANY_REQUESTS", "TOO_MANY_REQUESTS", "served"],
    retryAfter: expect.toSatisfy((seconds: number) => seconds > 0 && seconds <= 60),
    policy: ["5;w=60"],
  };

  it("is shared by the organization's members: the 6th call across two of them gets 429 with Retry-After", async () => {
    const services = createTestServices(database.db, { rateLimits: limits });
    expect(await spendTogether(services, services)).toEqual(SPENT);
  });

  it.skipIf(!redisUrl)(
    `is shared across two server instances through Redis${redisUrl ? "" : " (skipped: REDIS_URL is not set)"}`,
    async () => {
      const clients = [new Redis(redisUrl!), new Redis(redisUrl!)];
      try {
        const [left, right] = clients.map((redis) => createTestServices(database.db, { redis, rateLimits: limits })) as [
          AppServices,
          AppServices,
        ];
        expect(await spendTogether(left, right)).toEqual(SPENT);
      } finally {
        await Promise.all(clients.map((client) => client.quit()));
      }
    },
  );
});
