// Assessments (coach.assessments.*): a client answers a template; the answers are checked
// against it, scored, and a program is generated and stored, all in one tenant transaction.
import type { Prisma, TenantTx } from "@glow/db";
import { FieldError, NotFoundError } from "../../core/errors.ts";
import { toPage, type Page } from "../../core/pagination.ts";
import { isStaff, requireVisible, type CoachContext } from "./access.ts";
import { programExercises, programFor, storeProgram, storedScore } from "./programs.ts";
import { answersSchemaFor, type Question } from "./questions.ts";
import { assessmentsOrder, type AssessmentSubmitView, type AssessmentSummaryView, type AssessmentView } from "./schemas.ts";
import { scoreAssessment, type ScoreBreakdown } from "./scoring.ts";
import { readableTemplate } from "./templates.ts";

/** What the score column holds: the breakdown when scored; the screening's reasons when stopped. */
type StoredScore = ScoreBreakdown | { reasons: string[] };

function reasonsOf(outcome: string, score: unknown): string[] {
  if (outcome !== "see_doctor" || typeof score !== "object" || score === null) return [];
  const reasons = (score as { reasons?: unknown }).reasons;
  return Array.isArray(reasons) ? reasons.filter((r): r is string => typeof r === "string") : [];
}

/**
 * The caller answers `templateId` for themself. Bad answers are refused naming
 * `answers.<questionId>`; a "see a doctor" screening answer stores the assessment with no
 * program; otherwise the program generated from the score replaces the caller's active one.
 */
export async function submitAssessment(
  ctx: Pick<CoachContext, "tenant">,
  input: { templateId: string; answers: Record<string, unknown> },
): Promise<AssessmentSubmitView> {
  const { tenant } = ctx;
  return tenant.run(async (tx) => {
    const template = await readableTemplate(tx, tenant.orgId, input.templateId);
    if (template.archivedAt) throw new NotFoundError("No such template");
    const questions = template.questions as Question[];
    const parsed = answersSchemaFor(questions).safeParse(input.answers);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new FieldError(["answers", ...issue.path.map(String)].join("."), issue.message);
    }
    const result = scoreAssessment(questions, parsed.data);
    const stored: StoredScore = result.outcome === "scored" ? result.score : { reasons: result.reasons };
    const assessment = await tx.coachAssessment.create({
      data: {
        orgId: tenant.orgId,
        clientId: tenant.userId,
        templateId: template.id,
        templateVersion: template.version,
        answers: parsed.data as Prisma.InputJsonObject,
        outcome: result.outcome,
        score: stored as unknown as Prisma.InputJsonObject,
      },
      select: { id: true },
    });
    if (result.outcome === "see_doctor") {
      return { assessmentId: assessment.id, outcome: "see_doctor", score: null, reasons: result.reasons, programId: null };
    }
    const exercises = await programExercises(tx, tenant.orgId);
    const generated = programFor(result.score, exercises, assessment.id);
    const { programId } = await storeProgram(tx, tenant.orgId, { clientId: tenant.userId, assessmentId: assessment.id, generated });
    return { assessmentId: assessment.id, outcome: "scored", score: result.score, reasons: [], programId };
  });
}

const summarySelect = {
  id: true,
  clientId: true,
  templateId: true,
  outcome: true,
  score: true,
  createdAt: true,
  template: { select: { name: true } },
} as const satisfies Prisma.CoachAssessmentSelect;

type SummaryRow = Prisma.CoachAssessmentGetPayload<{ select: typeof summarySelect }>;

function summaryView(row: SummaryRow): AssessmentSummaryView {
  const score = row.outcome === "scored" ? storedScore(row.score) : null;
  return {
    id: row.id,
    clientId: row.clientId,
    templateId: row.templateId,
    templateName: row.template.name,
    outcome: row.outcome,
    level: score?.level ?? null,
    total: score?.total ?? null,
    createdAt: row.createdAt,
  };
}

/** The caller's own assessment, or any client's for staff; another client's is "not found". */
export async function getAssessment(ctx: Pick<CoachContext, "tenant">, assessmentId: string): Promise<AssessmentView> {
  const { tenant } = ctx;
  const row = await tenant.run((tx) =>
    tx.coachAssessment.findFirst({
      where: { id: assessmentId, orgId: tenant.orgId },
      select: {
        ...summarySelect,
        templateVersion: true,
        answers: true,
        programs: { select: { id: true }, orderBy: { createdAt: "asc" }, take: 1 },
      },
    }),
  );
  if (!row) throw new NotFoundError("No such assessment");
  requireVisible(tenant, row.clientId, "assessment");
  return {
    ...summaryView(row),
    templateVersion: row.templateVersion,
    answers: row.answers as Record<string, unknown>,
    score: row.outcome === "scored" ? storedScore(row.score) : null,
    reasons: reasonsOf(row.outcome, row.score),
    programId: row.programs[0]?.id ?? null,
  };
}

/** A client's assessments, newest first: the caller's own, or (staff) anyone's or one client's. */
export async function listAssessments(
  ctx: Pick<CoachContext, "tenant">,
  input: { clientId?: string | undefined; cursor?: string | undefined; limit: number },
): Promise<Page<AssessmentSummaryView>> {
  const { tenant } = ctx;
  // A client lists their own; naming someone else is "not found", as reading theirs would be.
  if (input.clientId) requireVisible(tenant, input.clientId, "client");
  const clientId = input.clientId ?? (isStaff(tenant) ? undefined : tenant.userId);
  const rows = await tenant.run((tx) => assessmentRows(tx, tenant.orgId, clientId, input.cursor, input.limit + 1));
  return toPage(rows, input.limit, assessmentsOrder, summaryView);
}

function assessmentRows(
  tx: TenantTx,
  orgId: string,
  clientId: string | undefined,
  cursor: string | undefined,
  take: number,
): Promise<SummaryRow[]> {
  return tx.coachAssessment.findMany({
    where: { orgId, ...(clientId ? { clientId } : {}), ...assessmentsOrder.after(cursor) },
    select: summarySelect,
    orderBy: assessmentsOrder.orderBy,
    take,
  });
}

/** A client's newest assessments (for coach.clients.get). */
export async function latestAssessments(tx: TenantTx, orgId: string, clientId: string, limit: number): Promise<AssessmentSummaryView[]> {
  const rows = await assessmentRows(tx, orgId, clientId, undefined, limit);
  return rows.map(summaryView);
}
