// The organization's clients as staff see them (coach.clients.*): members with the client
// role, with where each one stands (latest assessment, active program, last workout).
import type { TenantTx } from "@glow/db";
import { containsText } from "../../core/inputs.ts";
import { toPage, type Page } from "../../core/pagination.ts";
import { requireClient, type CoachContext } from "./access.ts";
import { ADHERENCE_COLUMNS, adherenceOf } from "./adherence.ts";
import { latestAssessments } from "./assessments.ts";
import { clientsOrder, type ClientDetailView, type ClientSummaryView } from "./schemas.ts";

interface StandingRow {
  client_id: string;
  assessment_id: string | null;
  assessment_at: Date | null;
  outcome: "scored" | "see_doctor" | null;
  level: number | null;
  program_id: string | null;
  last_workout_at: Date | null;
}

/** Per client: the latest assessment, the active program and the last workout (one statement). */
function standings(tx: TenantTx, clientIds: string[]): Promise<StandingRow[]> {
  return tx.$queryRawUnsafe<StandingRow[]>(
    `SELECT c.id::text AS client_id, a.id::text AS assessment_id, a.created_at AS assessment_at, a.outcome::text AS outcome,
            CASE WHEN a.outcome = 'scored' THEN (a.score->>'level')::int END AS level,
            p.id::text AS program_id, w.last_workout_at
       FROM unnest($1::uuid[]) AS c(id)
       LEFT JOIN LATERAL (SELECT id, created_at, outcome, score FROM coach_assessments
                           WHERE client_id = c.id ORDER BY created_at DESC, id DESC LIMIT 1) a ON true
       LEFT JOIN LATERAL (SELECT id FROM coach_programs
                           WHERE client_id = c.id AND status = 'active' ORDER BY created_at DESC LIMIT 1) p ON true
       LEFT JOIN LATERAL (SELECT max(logged_at) AS last_workout_at FROM coach_workout_logs WHERE client_id = c.id) w ON true`,
    clientIds,
  );
}

const levelOf = (level: number | null) => (level === 1 || level === 2 || level === 3 ? level : null);

export async function listClients(
  ctx: Pick<CoachContext, "tenant">,
  input: { cursor?: string | undefined; limit: number; search?: string | undefined },
): Promise<Page<ClientSummaryView>> {
  const { tenant } = ctx;
  const { members, standing } = await tenant.run(async (tx) => {
    const page = await tx.orgMembership.findMany({
      where: {
        orgId: tenant.orgId,
        role: "client",
        ...(input.search ? { user: { OR: [{ name: containsText(input.search) }, { email: containsText(input.search) }] } } : {}),
        ...clientsOrder.after(input.cursor),
      },
      select: { userId: true, createdAt: true, user: { select: { name: true, email: true } } },
      orderBy: clientsOrder.orderBy,
      take: input.limit + 1,
    });
    const rows =
      page.length > 0
        ? await standings(
            tx,
            page.map((m) => m.userId),
          )
        : [];
    return { members: page, standing: rows };
  });
  const byClient = new Map(standing.map((row) => [row.client_id, row]));
  return toPage(members, input.limit, clientsOrder, (member): ClientSummaryView => {
    const row = byClient.get(member.userId);
    return {
      id: member.userId,
      name: member.user.name,
      email: member.user.email,
      joinedAt: member.createdAt,
      latestAssessment:
        row?.assessment_id && row.assessment_at && row.outcome
          ? { id: row.assessment_id, at: row.assessment_at, outcome: row.outcome, level: levelOf(row.level) }
          : null,
      activeProgramId: row?.program_id ?? null,
      lastWorkoutAt: row?.last_workout_at ?? null,
    };
  });
}

interface ProgramStandingRow {
  id: string;
  title: string;
  weeks: number;
  created_at: Date;
  sessions: number;
  planned: number;
  logged: number;
}

/** One client's profile, newest assessments, active program and adherence. */
export async function getClient(ctx: Pick<CoachContext, "tenant">, clientId: string): Promise<ClientDetailView> {
  const { tenant } = ctx;
  return tenant.run(async (tx) => {
    const client = await requireClient(tx, tenant, clientId);
    const assessments = await latestAssessments(tx, tenant.orgId, clientId, 10);
    const [program] = await tx.$queryRawUnsafe<ProgramStandingRow[]>(
      `SELECT p.id::text AS id, p.title, p.weeks, p.created_at,
              (SELECT count(*)::int FROM coach_program_sessions s WHERE s.program_id = p.id) AS sessions, ${ADHERENCE_COLUMNS}
         FROM coach_programs p WHERE p.client_id = $1::uuid AND p.status = 'active' ORDER BY p.created_at DESC LIMIT 1`,
      clientId,
    );
    const last = await tx.coachWorkoutLog.findFirst({ where: { orgId: tenant.orgId, clientId }, orderBy: { loggedAt: "desc" } });
    return {
      ...client,
      assessments,
      program: program
        ? { id: program.id, title: program.title, weeks: program.weeks, sessions: program.sessions, createdAt: program.created_at }
        : null,
      adherence: adherenceOf(program),
      lastWorkoutAt: last?.loggedAt ?? null,
    };
  });
}
