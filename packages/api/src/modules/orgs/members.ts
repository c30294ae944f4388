// Members of an organization (orgs.members.*): listed through the tenant handle (row-level
// security shows only this organization's people); changed on the owner connection under the
// organization's row lock, so that an organization always keeps an owner however calls race.
import type { Prisma } from "@glow/db";
import type { z } from "zod";
import type { Context } from "../../context.ts";
import { checkTeamRoom } from "../../core/billing/allowance.ts";
import { ConflictError, ForbiddenError, NotFoundError } from "../../core/errors.ts";
import { containsText } from "../../core/inputs.ts";
import { toPage, type Page } from "../../core/pagination.ts";
import { hasOrgRole, invalidateMembership, type OrgRole, type Tenant } from "../../core/tenancy.ts";
import { generateSessionToken, hashToken } from "../auth/sessions.ts";
import { auditIn, lockOrganization } from "./organizations.ts";
import { membersOrder, type invitedOutput, type listMembersInput, type memberOutput } from "./schemas.ts";

type Tx = Prisma.TransactionClient;
type MemberView = z.infer<typeof memberOutput>;

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const ROLE_NAMES: Record<OrgRole, string> = { owner: "an owner", staff: "staff", client: "a client" };

function memberView(row: { userId: string; role: OrgRole; createdAt: Date; user: { name: string; email: string | null } }): MemberView {
  return { userId: row.userId, name: row.user.name, email: row.user.email, role: row.role, joinedAt: row.createdAt };
}

export async function listMembers(tenant: Tenant, input: z.infer<typeof listMembersInput>): Promise<Page<MemberView>> {
  const search = input.search || undefined;
  const rows = await tenant.run((tx) =>
    tx.orgMembership.findMany({
      where: {
        orgId: tenant.orgId,
        ...(input.role ? { role: input.role } : {}),
        ...(search ? { user: { OR: [{ name: containsText(search) }, { email: containsText(search) }] } } : {}),
        ...membersOrder.after(input.cursor),
      },
      select: { userId: true, role: true, createdAt: true, user: { select: { name: true, email: true } } },
      orderBy: membersOrder.orderBy,
      take: input.limit + 1,
    }),
  );
  return toPage(rows, input.limit, membersOrder, memberView);
}

const LAST_OWNER = "An organization needs at least one owner: make someone else an owner first";

/** Refuses a change that would leave the organization without an owner (call under lockOrganization). */
async function keepAnOwner(tx: Tx, orgId: string, member: { role: OrgRole }): Promise<void> {
  if (member.role !== "owner") return;
  const owners = await tx.orgMembership.count({ where: { orgId, role: "owner" } });
  if (owners <= 1) throw new ConflictError(LAST_OWNER);
}

/** Who asks for a change, and whether they must (still) be an owner of the organization (false: a platform admin). */
export interface MemberChangeActor {
  userId: string;
  asOwner: boolean;
}

/** The actor's role, read again under the lock: a demotion that committed meanwhile counts. */
async function requireStillOwner(
  tx: Tx,
  orgId: string,
  actor: MemberChangeActor,
  refusal = "Only an owner of this organization can do this",
): Promise<void> {
  if (!actor.asOwner) return;
  const mine = await tx.orgMembership.findUnique({ where: { orgId_userId: { orgId, userId: actor.userId } }, select: { role: true } });
  if (mine?.role !== "owner") throw new ForbiddenError(refusal);
}

/** Gives a member another role; an organization always keeps at least one owner. */
export async function changeMemberRole(
  ctx: Context,
  actor: MemberChangeActor,
  input: { orgId: string; userId: string; role: OrgRole },
  scope: "org" | "admin" = "org",
): Promise<MemberView> {
  const { orgId, userId, role } = input;
  const changed = await ctx.db.$transaction(async (tx) => {
    if (!(await lockOrganization(tx, orgId))) throw new NotFoundError("No such organization");
    await requireStillOwner(tx, orgId, actor);
    const member = await tx.orgMembership.findUnique({
      where: { orgId_userId: { orgId, userId } },
      select: { userId: true, role: true, createdAt: true, user: { select: { name: true, email: true } } },
    });
    if (!member) throw new NotFoundError("No such member");
    if (member.role === role) return memberView(member);
    if (role !== "owner") await keepAnOwner(tx, orgId, member);
    // A client made owner or staff takes a team seat of the plan (admins may go past it).
    if (member.role === "client" && scope === "org") await checkTeamRoom(tx, orgId);
    await tx.orgMembership.update({ where: { orgId_userId: { orgId, userId } }, data: { role } });
    await auditIn(tx, ctx, {
      action: "orgs.member.role_changed",
      actorId: actor.userId,
      subjectUserId: userId,
      details: { orgId, before: member.role, after: role, scope },
    });
    return memberView({ ...member, role });
  });
  await invalidateMembership(ctx.cache, orgId, userId);
  return changed;
}

/** An owner removes a member, or a member leaves (removes themself); the last owner can do neither. */
export async function removeMember(ctx: Context, tenant: Tenant, userId: string): Promise<{ removed: true }> {
  const { orgId } = tenant;
  const leaving = userId === tenant.userId;
  const removed = await ctx.db.$transaction(async (tx) => {
    await lockOrganization(tx, orgId);
    const member = await tx.orgMembership.findUnique({ where: { orgId_userId: { orgId, userId } }, select: { role: true } });
    if (!member) throw new NotFoundError("No such member");
    if (!leaving) await requireStillOwner(tx, orgId, { userId: tenant.userId, asOwner: true }, "Only owners can remove other members");
    if (member.role === "owner") {
      const owners = await tx.orgMembership.count({ where: { orgId, role: "owner" } });
      if (owners <= 1)
        throw new ConflictError(leaving ? "You are the last owner: make someone else an owner before you leave" : LAST_OWNER);
    }
    await tx.orgMembership.delete({ where: { orgId_userId: { orgId, userId } } });
    await auditIn(tx, ctx, {
      action: "orgs.member.removed",
      actorId: tenant.userId,
      subjectUserId: userId,
      details: { orgId, role: member.role, left: leaving },
    });
    return { removed: true as const };
  });
  await invalidateMembership(ctx.cache, orgId, userId);
  return removed;
}

/**
 * Emails an invitation link holding a fresh random token; only its SHA-256 is stored, as the
 * invitation's id. Staff may invite clients; only owners may invite staff or owners. A new
 * invitation to the same address replaces a pending one.
 */
export async function inviteMember(
  ctx: Context,
  tenant: Tenant,
  input: { email: string; role: OrgRole },
): Promise<z.infer<typeof invitedOutput>> {
  const { orgId } = tenant;
  const { email, role } = input;
  if (role !== "client" && tenant.role !== "owner")
    throw new ForbiddenError(`Only owners can invite ${role === "owner" ? "owners" : "staff"}`);

  const [org, inviter, existing] = await Promise.all([
    ctx.db.organization.findUniqueOrThrow({ where: { id: orgId }, select: { name: true } }),
    ctx.db.user.findUniqueOrThrow({ where: { id: tenant.userId }, select: { name: true } }),
    ctx.db.orgMembership.findFirst({ where: { orgId, user: { email: { equals: email, mode: "insensitive" } } }, select: { role: true } }),
  ]);
  if (existing && hasOrgRole(existing.role, role))
    throw new ConflictError(`This person is already ${ROLE_NAMES[existing.role]} of this organization`, "email");

  const token = generateSessionToken();
  const invitationId = hashToken(token);
  const expiresAt = new Date(Date.now() + INVITATION_TTL_MS);
  await ctx.db.$transaction(async (tx) => {
    // One invitation per address and organization at a time, also when two are sent at once.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`org-invitation:${orgId}:${email}`}, 0))`;
    // Refused now rather than when accepted: the plan has no seat for another owner or staff member.
    if (role !== "client") await checkTeamRoom(tx, orgId);
    await tx.orgInvitation.deleteMany({ where: { orgId, email, acceptedAt: null } });
    await tx.orgInvitation.create({ data: { id: invitationId, orgId, email, role, invitedById: tenant.userId, expiresAt } });
    await auditIn(tx, ctx, { action: "orgs.member.invited", actorId: tenant.userId, details: { orgId, email, role, invitationId } });
  });
  await ctx.mailer.send({
    to: email,
    subject: `You are invited to ${org.name} on Glow`,
    text:
      `${inviter.name} invited you to join ${org.name} on Glow as ${ROLE_NAMES[role]}.\n\n` +
      `Open this link to accept (valid for 7 days, once):\n\n${ctx.config.webUrl}/invite/${token}\n\n` +
      `If you did not expect this, ignore this email.\n`,
  });
  return { invitationId, email, role, expiresAt };
}
