// Organizations (orgs.create, mine, get, update, children): core data, written on the owner
// connection; what a member reads of their own organization goes through the tenant handle.
import type { Prisma } from "@glow/db";
import type { z } from "zod";
import type { Context } from "../../context.ts";
import { recordAudit, type AuditEventInput } from "../../core/audit.ts";
import { FieldError, ForbiddenError } from "../../core/errors.ts";
import { startsWithText } from "../../core/inputs.ts";
import type { OrgRole, Tenant } from "../../core/tenancy.ts";
import type { childOrgOutput, MemberCounts, myOrgOutput, orgOutput } from "./schemas.ts";

type Tx = Prisma.TransactionClient;
type MyOrgView = z.infer<typeof myOrgOutput>;
type OrgView = z.infer<typeof orgOutput>;
type ChildOrgView = z.infer<typeof childOrgOutput>;

/** Parent chains are walked at most this deep (a guard, not a product limit anyone meets). */
const MAX_DEPTH = 100;
/** Re-parentings take this advisory lock, one at a time, so two of them cannot close a cycle together. */
const TREE_LOCK = 7_203_114_001;
const SLUG_ATTEMPTS = 20;

/** Writes an audit event in the caller's transaction, with the request's IP and user agent. */
export function auditIn(tx: Tx, ctx: Context, event: Omit<AuditEventInput, "ip" | "userAgent">): Promise<void> {
  return recordAudit(tx, { ...event, ip: ctx.ip, userAgent: ctx.userAgent });
}

/**
 * Locks the organization's row until the transaction ends: every change to its members takes
 * this lock first, so checks such as "one owner stays" see the other changes' results. False when it does not exist.
 */
export async function lockOrganization(tx: Tx, orgId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<Array<{ id: string }>>`SELECT id::text FROM organizations WHERE id = ${orgId}::uuid FOR NO KEY UPDATE`;
  return rows.length === 1;
}

/** The caller's role in `orgId`, read under a share lock (a concurrent demotion waits for this transaction). */
async function lockedRole(tx: Tx, orgId: string, userId: string): Promise<OrgRole | null> {
  const rows = await tx.$queryRaw<Array<{ role: OrgRole }>>`
    SELECT role::text AS role FROM org_memberships WHERE org_id = ${orgId}::uuid AND user_id = ${userId}::uuid FOR SHARE`;
  return rows[0]?.role ?? null;
}

/** Only an owner of a parent may put an organization under it; a parent that does not exist reads the same, so ids cannot be probed. */
async function requireParentOwner(tx: Tx, parentId: string, userId: string): Promise<void> {
  if ((await lockedRole(tx, parentId, userId)) !== "owner")
    throw new ForbiddenError("Only an owner of the parent organization can put an organization under it");
}

/** Lowercase ASCII letters, digits and dashes from a name ("Café Zürich" → "cafe-zurich"); "org" when nothing is left. */
export function slugFrom(name: string): string {
  const slug = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+/, "")
    .slice(0, 48)
    .replace(/-+$/, "");
  return slug || "org";
}

/** The first free slug after those taken: `base`, then base-2, base-3, … */
async function nextSlug(tx: Tx, base: string): Promise<string> {
  const taken = await tx.organization.findMany({
    where: { OR: [{ slug: base }, { slug: startsWithText(`${base}-`) }] },
    select: { slug: true },
  });
  const used = new Set(taken.map((row) => row.slug));
  if (!used.has(base)) return base;
  let highest = 1;
  for (const { slug } of taken) {
    const suffix = /^-(\d{1,9})$/.exec(slug.slice(base.length))?.[1];
    if (suffix) highest = Math.max(highest, Number(suffix));
  }
  return `${base}-${highest + 1}`;
}

export async function createOrganization(
  ctx: Context,
  userId: string,
  input: { name: string; parentId?: string | undefined },
): Promise<MyOrgView> {
  const parentId = input.parentId ?? null;
  return ctx.db.$transaction(async (tx) => {
    if (parentId) await requireParentOwner(tx, parentId, userId);
    const base = slugFrom(input.name);
    // The unique index decides between racing creators: a taken slug inserts nothing, and the next one is tried.
    for (let attempt = 0; attempt < SLUG_ATTEMPTS; attempt++) {
      const slug = await nextSlug(tx, base);
      const [org] = await tx.organization.createManyAndReturn({ data: [{ name: input.name, slug, parentId }], skipDuplicates: true });
      if (!org) continue;
      const membership = await tx.orgMembership.create({ data: { orgId: org.id, userId, role: "owner" } });
      await auditIn(tx, ctx, {
        action: "orgs.created",
        actorId: userId,
        details: { orgId: org.id, name: org.name, slug: org.slug, parentId },
      });
      return { id: org.id, name: org.name, slug: org.slug, parentId: org.parentId, role: "owner", joinedAt: membership.createdAt };
    }
    throw new Error(`No free slug for "${base}" after ${SLUG_ATTEMPTS} attempts`);
  });
}

/** Every organization the person belongs to, with their role in each, by name. */
export async function myOrganizations(ctx: Context, userId: string): Promise<MyOrgView[]> {
  const memberships = await ctx.db.orgMembership.findMany({
    where: { userId },
    select: { role: true, createdAt: true, organization: { select: { id: true, name: true, slug: true, parentId: true } } },
    orderBy: [{ organization: { name: "asc" } }, { orgId: "asc" }],
  });
  return memberships.map(({ organization, role, createdAt }) => ({ ...organization, role, joinedAt: createdAt }));
}

/** Members by role, read as the tenant (row-level security keeps it to this organization). */
export async function memberCounts(tenant: Tenant): Promise<MemberCounts> {
  const { rows } = await tenant.sql((client) =>
    client.query<{ role: OrgRole; members: number }>(
      "SELECT role::text AS role, count(*)::int AS members FROM org_memberships WHERE org_id = $1 GROUP BY role",
      [tenant.orgId],
    ),
  );
  const counts: MemberCounts = { owner: 0, staff: 0, client: 0 };
  for (const row of rows) counts[row.role] = row.members;
  return counts;
}

export async function getOrganization(ctx: Context, tenant: Tenant): Promise<OrgView> {
  const [org, counts] = await Promise.all([
    ctx.db.organization.findUniqueOrThrow({ where: { id: tenant.orgId }, include: { parent: { select: { id: true, name: true } } } }),
    memberCounts(tenant),
  ]);
  return {
    id: org.id,
    name: org.name,
    slug: org.slug,
    parent: org.parent,
    myRole: tenant.role,
    memberCounts: counts,
    createdAt: org.createdAt,
  };
}

/** Whether `orgId` is `candidate` or one of its ancestors: putting `orgId` under `candidate` would close a loop. */
async function wouldCycle(tx: Tx, orgId: string, candidate: string): Promise<boolean> {
  const rows = await tx.$queryRaw<Array<{ found: boolean }>>`
    WITH RECURSIVE up AS (
      SELECT id, parent_id, 1 AS depth FROM organizations WHERE id = ${candidate}::uuid
      UNION ALL
      SELECT o.id, o.parent_id, up.depth + 1 FROM organizations o JOIN up ON o.id = up.parent_id WHERE up.depth < ${MAX_DEPTH}
    )
    SELECT EXISTS (SELECT 1 FROM up WHERE id = ${orgId}::uuid) AS found`;
  return rows[0]?.found === true;
}

/** Renames, or moves under another parent (or none): the same rule as creating, and never into a loop. */
export async function updateOrganization(
  ctx: Context,
  tenant: Tenant,
  input: { name?: string | undefined; parentId?: string | null | undefined },
): Promise<OrgView> {
  const { orgId, userId } = tenant;
  await ctx.db.$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({ where: { id: orgId } });
    if (input.name !== undefined && input.name !== before.name) {
      await tx.organization.update({ where: { id: orgId }, data: { name: input.name } });
      await auditIn(tx, ctx, { action: "orgs.updated", actorId: userId, details: { orgId, before: before.name, after: input.name } });
    }
    if (input.parentId !== undefined && input.parentId !== before.parentId) {
      const parentId = input.parentId;
      if (parentId) {
        await requireParentOwner(tx, parentId, userId);
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${TREE_LOCK}::bigint)`;
        if (parentId === orgId || (await wouldCycle(tx, orgId, parentId)))
          throw new FieldError("parentId", "An organization cannot be put under itself or under one of its own children");
      }
      await tx.organization.update({ where: { id: orgId }, data: { parentId } });
      await auditIn(tx, ctx, {
        action: "orgs.reparented",
        actorId: userId,
        details: { orgId, before: before.parentId, after: parentId },
      });
    }
  });
  return getOrganization(ctx, tenant);
}

/** Every organization under `orgId`, at any depth, with its members by role (aggregates only: never their people). */
export async function childOrganizations(ctx: Context, orgId: string): Promise<ChildOrgView[]> {
  const rows = await ctx.db.$queryRaw<
    Array<{ id: string; name: string; slug: string; parent_id: string; depth: number; owner: number; staff: number; client: number }>
  >`
    WITH RECURSIVE tree AS (
      SELECT id, name, slug, parent_id, 1 AS depth FROM organizations WHERE parent_id = ${orgId}::uuid
      UNION ALL
      SELECT o.id, o.name, o.slug, o.parent_id, tree.depth + 1 FROM organizations o JOIN tree ON o.parent_id = tree.id
      WHERE tree.depth < ${MAX_DEPTH}
    )
    SELECT tree.id::text, tree.name, tree.slug, tree.parent_id::text, tree.depth,
      count(*) FILTER (WHERE m.role = 'owner')::int AS owner,
      count(*) FILTER (WHERE m.role = 'staff')::int AS staff,
      count(*) FILTER (WHERE m.role = 'client')::int AS client
    FROM tree LEFT JOIN org_memberships m ON m.org_id = tree.id
    GROUP BY tree.id, tree.name, tree.slug, tree.parent_id, tree.depth
    ORDER BY tree.depth, tree.name, tree.id`;
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    slug: row.slug,
    parentId: row.parent_id,
    depth: row.depth,
    memberCounts: { owner: row.owner, staff: row.staff, client: row.client },
  }));
}
