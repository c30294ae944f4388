// The business portal (coach.portal.*): an organization's figures for its staff, and a parent
// organization's view of its descendants — aggregates only, never a client's rows.
import { sqlPool } from "@glow/db";
import type { z } from "zod";
import type { CoachContext } from "./access.ts";
import { ADHERENCE_COLUMNS, averageAdherence } from "./adherence.ts";
import type { portalChildrenOutput, portalOverviewOutput } from "./schemas.ts";

/** Monday 00:00 UTC of this ISO week, as SQL. */
const WEEK_START = `(date_trunc('week', now() AT TIME ZONE 'UTC') AT TIME ZONE 'UTC')`;

interface OverviewCounts {
  clients: number;
  active_programs: number;
  assessments_this_week: number;
}

export async function portalOverview(ctx: Pick<CoachContext, "tenant">): Promise<z.infer<typeof portalOverviewOutput>> {
  return ctx.tenant.run(async (tx) => {
    const [counts] = await tx.$queryRawUnsafe<OverviewCounts[]>(
      `SELECT (SELECT count(*)::int FROM org_memberships WHERE role = 'client') AS clients,
              (SELECT count(*)::int FROM coach_programs WHERE status = 'active') AS active_programs,
              (SELECT count(*)::int FROM coach_assessments WHERE created_at >= ${WEEK_START}) AS assessments_this_week`,
    );
    const adherence = await tx.$queryRawUnsafe<Array<{ planned: number; logged: number }>>(
      `SELECT ${ADHERENCE_COLUMNS} FROM coach_programs p WHERE p.status = 'active'`,
    );
    const recent = await tx.$queryRawUnsafe<
      Array<{ log_id: string; client_id: string; client_name: string | null; session_title: string; logged_at: Date }>
    >(
      `SELECT l.id::text AS log_id, l.client_id::text AS client_id, u.name AS client_name, s.title AS session_title, l.logged_at
         FROM coach_workout_logs l
         JOIN coach_program_sessions s ON s.id = l.session_id
         LEFT JOIN users u ON u.id = l.client_id
        ORDER BY l.logged_at DESC, l.id DESC LIMIT 10`,
    );
    return {
      clients: counts!.clients,
      activePrograms: counts!.active_programs,
      adherenceAverage: averageAdherence(adherence),
      assessmentsThisWeek: counts!.assessments_this_week,
      recentActivity: recent.map((row) => ({
        logId: row.log_id,
        clientId: row.client_id,
        // A client who has left the organization is no longer readable by name.
        clientName: row.client_name ?? "Former client",
        sessionTitle: row.session_title,
        loggedAt: row.logged_at,
      })),
    };
  });
}

interface ChildRow {
  id: string;
  name: string;
  parent_id: string;
  depth: number;
  clients: number;
  active_programs: number;
  assessments_this_week: number;
  adherence_average: number | null;
}

// Row-level security (rightly) hides other organizations from the tenant role, so this runs on
// the owner connection over an explicit list of descendants: the recursive walk down from the
// caller's organization (depth-capped against a cycle). Only counts and averages leave it.
const CHILDREN_SQL = `
WITH RECURSIVE tree AS (
  SELECT o.id, o.name, o.parent_id, 1 AS depth, ARRAY[$1::uuid, o.id] AS path FROM organizations o WHERE o.parent_id = $1::uuid
  UNION ALL
  SELECT o.id, o.name, o.parent_id, t.depth + 1, t.path || o.id FROM organizations o JOIN tree t ON o.parent_id = t.id
   WHERE o.id <> ALL (t.path)
)
SELECT t.id::text AS id, t.name, t.parent_id::text AS parent_id, t.depth,
  (SELECT count(*)::int FROM org_memberships m WHERE m.org_id = t.id AND m.role = 'client') AS clients,
  (SELECT count(*)::int FROM coach_programs p WHERE p.org_id = t.id AND p.status = 'active') AS active_programs,
  (SELECT count(*)::int FROM coach_assessments a WHERE a.org_id = t.id AND a.created_at >= ${WEEK_START}) AS assessments_this_week,
  (SELECT avg(least(1, x.logged::float8 / x.planned))
     FROM (SELECT ${ADHERENCE_COLUMNS} FROM coach_programs p WHERE p.org_id = t.id AND p.status = 'active') x
    WHERE x.planned > 0) AS adherence_average
FROM tree t
ORDER BY t.depth, t.name, t.id`;

/** Each descendant organization's figures, for the owners of `orgId` (tenantProcedure checked the role). */
export async function portalChildren(ctx: Pick<CoachContext, "tenant" | "db">): Promise<z.infer<typeof portalChildrenOutput>> {
  const { rows } = await sqlPool(ctx.db).query<ChildRow>(CHILDREN_SQL, [ctx.tenant.orgId]);
  return {
    children: rows.map((row) => ({
      id: row.id,
      name: row.name,
      parentId: row.parent_id,
      depth: row.depth,
      clients: row.clients,
      activePrograms: row.active_programs,
      assessmentsThisWeek: row.assessments_this_week,
      adherenceAverage: row.adherence_average === null ? null : Number(row.adherence_average),
    })),
  };
}
