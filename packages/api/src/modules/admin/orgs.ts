// Organizations as platform admins see them (admin.orgs.*, the desktop console's
// Organizations screen): every organization, on the owner connection, outside any tenant.
import type { z } from "zod";
import type { Context } from "../../context.ts";
import { NotFoundError } from "../../core/errors.ts";
import { containsText } from "../../core/inputs.ts";
import { toPage, type Page } from "../../core/pagination.ts";
import type { OrgRole } from "../../core/tenancy.ts";
import { changeMemberRole } from "../orgs/members.ts";
import type { memberOutput } from "../orgs/schemas.ts";
import { newestFirst, type adminOrgDetail, type adminOrgSummary, type listOrgsInput } from "./schemas.ts";

type OrgSummary = z.infer<typeof adminOrgSummary>;

const summaryFields = {
  id: true,
  name: true,
  slug: true,
  createdAt: true,
  parent: { select: { id: true, name: true } },
  _count: { select: { memberships: true } },
} as const;

function summary(org: {
  id: string;
  name: string;
  slug: string;
  createdAt: Date;
  parent: { id: string; name: string } | null;
  _count: { memberships: number };
}): OrgSummary {
  return { id: org.id, name: org.name, slug: org.slug, parent: org.parent, memberCount: org._count.memberships, createdAt: org.createdAt };
}

export async function listOrgs(ctx: Context, input: z.infer<typeof listOrgsInput>): Promise<Page<OrgSummary>> {
  const search = input.search || undefined;
  const rows = await ctx.db.organization.findMany({
    // AND, not a spread: the search and the cursor are both an OR, and one would replace the other.
    where: {
      AND: [search ? { OR: [{ name: containsText(search) }, { slug: containsText(search) }] } : {}, newestFirst.after(input.cursor) ?? {}],
    },
    select: summaryFields,
    orderBy: newestFirst.orderBy,
    take: input.limit + 1,
  });
  return toPage(rows, input.limit, newestFirst, summary);
}

export async function getOrg(ctx: Context, orgId: string): Promise<z.infer<typeof adminOrgDetail>> {
  const org = await ctx.db.organization.findUnique({
    where: { id: orgId },
    select: {
      ...summaryFields,
      children: {
        select: { id: true, name: true, slug: true, _count: { select: { memberships: true } } },
        orderBy: [{ name: "asc" }, { id: "asc" }],
      },
      memberships: {
        select: { userId: true, role: true, createdAt: true, user: { select: { name: true, email: true } } },
        orderBy: [{ role: "asc" }, { createdAt: "asc" }, { userId: "asc" }],
      },
    },
  });
  if (!org) throw new NotFoundError("No such organization");
  return {
    ...summary(org),
    children: org.children.map((child) => ({ id: child.id, name: child.name, slug: child.slug, memberCount: child._count.memberships })),
    members: org.memberships.map((m) => ({
      userId: m.userId,
      name: m.user.name,
      email: m.user.email,
      role: m.role,
      joinedAt: m.createdAt,
    })),
  };
}

/** Support changes a member's role in any organization; the organization still keeps an owner. */
export function setOrgMemberRole(
  ctx: Context,
  actorId: string,
  input: { orgId: string; userId: string; role: OrgRole },
): Promise<z.infer<typeof memberOutput>> {
  return changeMemberRole(ctx, { userId: actorId, asOwner: false }, input, "admin");
}
