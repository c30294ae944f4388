// Assessment templates (coach.templates.*): the organization's own, plus Glow's library
// template (org_id NULL, readable by every tenant and changed by none).
import type { CoachTemplateModel as CoachTemplate, TenantTx } from "@glow/db";
import { auditRequest } from "../../core/audit.ts";
import { ForbiddenError, NotFoundError } from "../../core/errors.ts";
import { toPage, type Page } from "../../core/pagination.ts";
import { isStaff, type CoachContext } from "./access.ts";
import type { Question } from "./questions.ts";
import { templatesOrder, type TemplateSummaryView, type TemplateView } from "./schemas.ts";

function summaryView(row: CoachTemplate): TemplateSummaryView {
  return {
    id: row.id,
    library: row.orgId === null,
    name: row.name,
    description: row.description,
    version: row.version,
    questionCount: (row.questions as unknown[]).length,
    archivedAt: row.archivedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

function templateView(row: CoachTemplate): TemplateView {
  return { ...summaryView(row), questions: row.questions as Question[] };
}

/** The tenant's own templates and the library's; archived ones only for staff who ask. */
export async function listTemplates(
  ctx: CoachContext,
  input: { cursor?: string | undefined; limit: number; includeArchived: boolean },
): Promise<Page<TemplateSummaryView>> {
  const archived = input.includeArchived && isStaff(ctx.tenant) ? {} : { archivedAt: null };
  const rows = await ctx.tenant.run((tx) =>
    tx.coachTemplate.findMany({
      where: { AND: [{ OR: [{ orgId: ctx.tenant.orgId }, { orgId: null }] }, archived, templatesOrder.after(input.cursor) ?? {}] },
      orderBy: templatesOrder.orderBy,
      take: input.limit + 1,
    }),
  );
  return toPage(rows, input.limit, templatesOrder, summaryView);
}

/** A template the tenant can read (its own or the library's), or "not found". */
export async function readableTemplate(tx: TenantTx, orgId: string, templateId: string): Promise<CoachTemplate> {
  const row = await tx.coachTemplate.findFirst({ where: { id: templateId, OR: [{ orgId }, { orgId: null }] } });
  if (!row) throw new NotFoundError("No such template");
  return row;
}

export async function getTemplate(ctx: CoachContext, templateId: string): Promise<TemplateView> {
  const row = await ctx.tenant.run((tx) => readableTemplate(tx, ctx.tenant.orgId, templateId));
  // Clients take assessments from live templates only.
  if (row.archivedAt && !isStaff(ctx.tenant)) throw new NotFoundError("No such template");
  return templateView(row);
}

export async function createTemplate(
  ctx: CoachContext,
  input: { name: string; description: string; questions: Question[] },
): Promise<TemplateView> {
  const row = await ctx.tenant.run((tx) =>
    tx.coachTemplate.create({
      data: { orgId: ctx.tenant.orgId, name: input.name, description: input.description, questions: input.questions },
    }),
  );
  await auditRequest(ctx, {
    action: "coach.template.created",
    actorId: ctx.tenant.userId,
    details: { orgId: ctx.tenant.orgId, templateId: row.id, name: row.name },
  });
  return templateView(row);
}

/** The tenant's own template, to change: a library template is refused (403), another org's is not found. */
async function ownTemplate(tx: TenantTx, orgId: string, templateId: string): Promise<CoachTemplate> {
  const row = await readableTemplate(tx, orgId, templateId);
  if (row.orgId === null) throw new ForbiddenError("Glow's library templates cannot be changed: create your own instead");
  return row;
}

/** Changes a template; every change is a new version (an assessment keeps the version it answered). */
export async function updateTemplate(
  ctx: CoachContext,
  input: { templateId: string; name?: string | undefined; description?: string | undefined; questions?: Question[] | undefined },
): Promise<TemplateView> {
  const row = await ctx.tenant.run(async (tx) => {
    await ownTemplate(tx, ctx.tenant.orgId, input.templateId);
    return tx.coachTemplate.update({
      where: { id: input.templateId },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.questions !== undefined ? { questions: input.questions } : {}),
        version: { increment: 1 },
      },
    });
  });
  await auditRequest(ctx, {
    action: "coach.template.updated",
    actorId: ctx.tenant.userId,
    details: { orgId: ctx.tenant.orgId, templateId: row.id, version: row.version, questionsChanged: input.questions !== undefined },
  });
  return templateView(row);
}

export async function archiveTemplate(ctx: CoachContext, templateId: string): Promise<{ archived: true }> {
  await ctx.tenant.run(async (tx) => {
    const row = await ownTemplate(tx, ctx.tenant.orgId, templateId);
    if (!row.archivedAt) await tx.coachTemplate.update({ where: { id: templateId }, data: { archivedAt: new Date() } });
  });
  await auditRequest(ctx, {
    action: "coach.template.updated",
    actorId: ctx.tenant.userId,
    details: { orgId: ctx.tenant.orgId, templateId, archived: true },
  });
  return { archived: true };
}
