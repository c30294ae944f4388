// One tenant statement in one round trip (tenantStatement): row-level security holds for it,
// and the organization's setting ends with it.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryAsTenant, sqlPool } from "./client.ts";
import { tenantDatabaseUrl, tenantStatement } from "./tenant.ts";
import { createTestDatabase, type TestDatabase } from "./testing.ts";

let database: TestDatabase;
const orgs: string[] = [];
beforeAll(async () => {
  database = await createTestDatabase();
  for (const name of ["A", "B"]) {
    const { rows } = await sqlPool(database.db).query<{ id: string }>(
      "INSERT INTO organizations (name, slug) VALUES ($1, $2) RETURNING id",
      [name, `${name.toLowerCase()}-${randomUUID()}`],
    );
    orgs.push(rows[0]!.id);
    await sqlPool(database.db).query(
      "INSERT INTO coach_exercises (org_id, name, muscle_groups, equipment, difficulty, contraindications) VALUES ($1, $2, '{}', '{}', 1, '{}')",
      [rows[0]!.id, `${name} squat`],
    );
  }
});
afterAll(() => database.drop());

describe("a tenant statement", () => {
  it("sees only its organization's rows, though the statement names none", async () => {
    const [a, b] = orgs as [string, string];
    const rows = await queryAsTenant<{ org_id: string }>(database.db, a, "SELECT org_id FROM coach_exercises WHERE org_id IS NOT NULL", []);
    expect(rows.map((row) => row.org_id)).toEqual([a]);
    const byId = await queryAsTenant<{ n: number }>(database.db, a, "SELECT count(*)::int AS n FROM coach_exercises WHERE org_id = $1", [
      b,
    ]);
    expect(byId).toEqual([{ n: 0 }]);
  });

  it("leaves no setting behind on its connection", async () => {
    const pool = new pg.Pool({ connectionString: tenantDatabaseUrl(database.url), max: 1 });
    try {
      await pool.query(tenantStatement(orgs[0]!, "SELECT 1", []));
      const after = await pool.query<{ org: string; n: number }>(
        "SELECT current_setting('app.org_id', true) AS org, (SELECT count(*)::int FROM coach_exercises WHERE org_id IS NOT NULL) AS n",
      );
      expect(after.rows).toEqual([{ org: "", n: 0 }]);
    } finally {
      await pool.end();
    }
  });

  it("takes uuids only, and a value for every parameter", () => {
    expect(() => tenantStatement(orgs[0]!, "SELECT $1", ["x' OR true --"])).toThrow(/uuids only/);
    expect(() => tenantStatement("not-an-org", "SELECT 1", [])).toThrow();
    expect(() => tenantStatement(orgs[0]!, "SELECT $1, $2", [randomUUID()])).toThrow(/no value for \$2/);
    const id = randomUUID();
    expect(tenantStatement(orgs[0]!, "SELECT $1", [id])).toBe(`SELECT set_config('app.org_id', '${orgs[0]}', true); SELECT '${id}'::uuid`);
  });
});
