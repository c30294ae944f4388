// Who may work inside an organization, over every tenant procedure of the router (those whose
// input takes `orgId`; read from the router, so a new one is covered without a new test):
// - a member of another organization (its owner, even) gets 403 and changes nothing;
// - an owner of the parent organization gets 403: a parent sees its children only through the
//   aggregates made for it (coach.portal.children), never their rows;
// - a member below the role the procedure needs (a client where staff are needed, staff where
//   an owner is) gets 403;
// - a member holding exactly that role is served (neither 401 nor 403).
// Anonymous callers and bad tokens get 401 from these too: authorization.test.ts covers every procedure for that.
import type { Db } from "@glow/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../testing.ts";
import { registerUser, type TestUser } from "./fixtures.ts";
import { callProcedure, procedures, type Procedure } from "./procedures.ts";
import { validInput } from "./valid-input.ts";

type Role = "owner" | "staff" | "client";

const tenantProcedures = procedures.filter((procedure) => procedure.tenantRole !== null);
const below: Record<Role, Role[]> = { owner: ["staff", "client"], staff: ["client"], client: [] };

let server: TestServer;
let db: Db;
const people = {} as Record<"owner" | "staff" | "client" | "otherOwner" | "parentOwner", TestUser>;
let orgId: string;

async function organization(name: string, parentId: string | null, members: Array<[TestUser, Role]>): Promise<string> {
  const org = await db.organization.create({ data: { name, slug: `${name.toLowerCase()}-${Date.now()}`, parentId } });
  await db.orgMembership.createMany({ data: members.map(([user, role]) => ({ orgId: org.id, userId: user.id, role })) });
  return org.id;
}

/** A digest of every organization, membership and tenant table's rows: refused calls must leave it as it was. */
async function everyTenantRow(): Promise<string> {
  const tables = await db.$queryRaw<Array<{ table_name: string }>>`
    SELECT DISTINCT table_name::text FROM information_schema.columns
    WHERE table_schema = 'public' AND column_name = 'org_id' ORDER BY 1`;
  const digests: string[] = [];
  for (const { table_name } of [...tables, { table_name: "organizations" }]) {
    const [row] = await db.$queryRawUnsafe<Array<{ digest: string | null }>>(
      `SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS digest FROM "${table_name}" t`,
    );
    digests.push(`${table_name}:${row!.digest}`);
  }
  return digests.join("\n");
}

/** Inputs a role is entitled to send, where a sampled one would ask for more (staff may invite clients, not staff). */
const WITHIN_ROLE: Record<string, Record<string, unknown>> = {
  "orgs.members.invite": { role: "client" },
};

function asCaller(who: keyof typeof people, procedure: Procedure) {
  const input = validInput(procedure, { orgId, ...WITHIN_ROLE[procedure.path] });
  return callProcedure(server.url, procedure, input, people[who].token, { streamWaitMs: 1_000 });
}

beforeAll(async () => {
  server = await startTestServer();
  db = server.database.db;
  for (const who of ["owner", "staff", "client", "otherOwner", "parentOwner"] as const) people[who] = await registerUser(server.url, who);
  const parentId = await organization("Head office", null, [[people.parentOwner, "owner"]]);
  orgId = await organization("Downtown", parentId, [
    [people.owner, "owner"],
    [people.staff, "staff"],
    [people.client, "client"],
  ]);
  await organization("Elsewhere", null, [[people.otherOwner, "owner"]]);
});
afterAll(() => server?.close());

describe("the tenant procedures", () => {
  it("are the ones that take orgId, at every role level", () => {
    const paths = tenantProcedures.map((procedure) => procedure.path);
    expect(paths).toEqual(
      expect.arrayContaining(["orgs.get", "orgs.members.list", "orgs.members.setRole", "coach.programs.current", "coach.clients.list"]),
    );
    expect(new Set(tenantProcedures.map((procedure) => procedure.tenantRole))).toEqual(new Set(["owner", "staff", "client"]));
    // Every procedure with an orgId in its input goes through tenantProcedure (or says why not in orgs.*/admin.*).
    const untenanted = procedures.filter(
      (procedure) =>
        procedure.tenantRole === null &&
        !procedure.path.startsWith("admin.") &&
        JSON.stringify(procedure.parser ? Object.keys((procedure.parser as { shape?: object }).shape ?? {}) : []).includes('"orgId"'),
    );
    expect(untenanted.map((procedure) => procedure.path)).toEqual([]);
  });
});

describe("refusals change nothing", () => {
  let before: string;
  beforeAll(async () => {
    before = await everyTenantRow();
  });

  it.each(tenantProcedures)("$path refuses a member of another organization: 403", async (procedure) => {
    const answer = await asCaller("otherOwner", procedure);
    expect(answer.status, answer.body).toBe(403);
  });

  it.each(tenantProcedures)("$path refuses an owner of the parent organization: 403", async (procedure) => {
    const answer = await asCaller("parentOwner", procedure);
    expect(answer.status, answer.body).toBe(403);
  });

  it.each(tenantProcedures.filter((procedure) => below[procedure.tenantRole!].length > 0))(
    "$path ($tenantRole) refuses members below that role: 403",
    async (procedure) => {
      for (const who of below[procedure.tenantRole!]) {
        const answer = await asCaller(who, procedure);
        expect(answer.status, `${who}: ${answer.body}`).toBe(403);
      }
    },
  );

  it("and the organizations' rows are as they were", async () => {
    expect(await everyTenantRow()).toBe(before);
  });
});

describe("members holding the role", () => {
  it.each(tenantProcedures)("$path serves its $tenantRole (neither 401 nor 403)", async (procedure) => {
    const answer = await asCaller(procedure.tenantRole!, procedure);
    expect([401, 403], answer.body).not.toContain(answer.status);
  });
});
