// Invitations (orgs.invitations.*): the emailed token is the credential; the database holds
// only its SHA-256 (the invitation's id). Accepting is single use and race-safe: the row is
// marked accepted by one conditional UPDATE, in the same transaction as the membership.
import type { z } from "zod";
import type { Context } from "../../context.ts";
import { checkTeamRoom, TEAM_ROLES } from "../../core/billing/allowance.ts";
import { FieldError, ForbiddenError, NotFoundError } from "../../core/errors.ts";
import { hasOrgRole, invalidateMembership, type OrgRole, type Tenant } from "../../core/tenancy.ts";
import { hashToken } from "../auth/sessions.ts";
import { auditIn, lockOrganization } from "./organizations.ts";
import type { acceptedOutput, invitationOutput, invitationPreviewOutput } from "./schemas.ts";

const NOT_VALID = "This invitation link is not valid, or it was already used";

async function pendingInvitation(ctx: Context, token: string) {
  const invitation = await ctx.db.orgInvitation.findUnique({
    where: { id: hashToken(token) },
    include: { organization: { select: { name: true } } },
  });
  if (!invitation || invitation.acceptedAt) throw new FieldError("token", NOT_VALID);
  return invitation;
}

/** What the invitation page shows before sign-in: who invites whom, as what. */
export async function previewInvitation(ctx: Context, token: string): Promise<z.infer<typeof invitationPreviewOutput>> {
  const invitation = await pendingInvitation(ctx, token);
  return {
    organizationName: invitation.organization.name,
    role: invitation.role,
    email: invitation.email,
    expired: invitation.expiresAt <= new Date(),
  };
}

/** The signed-in person joins (or rises to the invited role), if the invitation was sent to their email. */
export async function acceptInvitation(ctx: Context, userId: string, token: string): Promise<z.infer<typeof acceptedOutput>> {
  const invitation = await pendingInvitation(ctx, token);
  if (invitation.expiresAt <= new Date()) throw new FieldError("token", "This invitation has expired: ask for a new one");
  const me = await ctx.db.user.findUniqueOrThrow({ where: { id: userId }, select: { email: true } });
  if (me.email?.toLowerCase() !== invitation.email.toLowerCase())
    throw new ForbiddenError(
      `This invitation was sent to ${invitation.email}, and you are signed in as ${me.email ?? "an account without an email"}: ` +
        "sign in with that address to accept it",
    );

  const { id, orgId } = invitation;
  const accepted = await ctx.db.$transaction(async (tx) => {
    // One of two racing accepts marks it; the other waits for that row, then matches nothing.
    const now = new Date();
    const { count } = await tx.orgInvitation.updateMany({
      where: { id, acceptedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now, acceptedById: userId },
    });
    if (count !== 1) throw new FieldError("token", NOT_VALID);
    await lockOrganization(tx, orgId);
    const current = await tx.orgMembership.findUnique({ where: { orgId_userId: { orgId, userId } }, select: { role: true } });
    let role: OrgRole = invitation.role;
    // A new owner or staff member takes a seat of the plan's team-members limit (clients do not).
    const joinsTeam =
      (TEAM_ROLES as readonly OrgRole[]).includes(role) && !(current && (TEAM_ROLES as readonly OrgRole[]).includes(current.role));
    if (joinsTeam) await checkTeamRoom(tx, orgId);
    if (!current) await tx.orgMembership.create({ data: { orgId, userId, role } });
    else if (hasOrgRole(current.role, role))
      role = current.role; // an invitation never lowers a role
    else await tx.orgMembership.update({ where: { orgId_userId: { orgId, userId } }, data: { role } });
    await auditIn(tx, ctx, {
      action: "orgs.invitation.accepted",
      actorId: userId,
      subjectUserId: userId,
      details: { orgId, invitationId: id, invited: invitation.role, before: current?.role ?? null, role },
    });
    return { orgId, name: invitation.organization.name, role };
  });
  await invalidateMembership(ctx.cache, orgId, userId);
  return accepted;
}

/** Invitations not accepted yet (expired ones too, marked), newest first, read as the tenant. */
export async function listInvitations(tenant: Tenant): Promise<Array<z.infer<typeof invitationOutput>>> {
  const { invitations, inviters } = await tenant.run(async (tx) => {
    const pending = await tx.orgInvitation.findMany({
      where: { orgId: tenant.orgId, acceptedAt: null },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    });
    const ids = [...new Set(pending.flatMap((i) => (i.invitedById ? [i.invitedById] : [])))];
    // Row-level security shows only people who are still members.
    const people = ids.length > 0 ? await tx.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } }) : [];
    return { invitations: pending, inviters: new Map(people.map((u) => [u.id, u.name])) };
  });
  const now = new Date();
  return invitations.map((invitation) => {
    const inviterName = invitation.invitedById ? inviters.get(invitation.invitedById) : undefined;
    return {
      invitationId: invitation.id,
      email: invitation.email,
      role: invitation.role,
      invitedBy: invitation.invitedById && inviterName !== undefined ? { userId: invitation.invitedById, name: inviterName } : null,
      createdAt: invitation.createdAt,
      expiresAt: invitation.expiresAt,
      expired: invitation.expiresAt <= now,
    };
  });
}

/** Withdraws a pending invitation; staff may withdraw clients' only, as they may invite only clients. */
export async function revokeInvitation(ctx: Context, tenant: Tenant, invitationId: string): Promise<{ revoked: true }> {
  const { orgId } = tenant;
  const invitation = await ctx.db.orgInvitation.findFirst({ where: { id: invitationId, orgId, acceptedAt: null } });
  if (!invitation) throw new NotFoundError("No such invitation");
  if (invitation.role !== "client" && tenant.role !== "owner")
    throw new ForbiddenError("Only owners can withdraw an invitation for staff or owners");
  await ctx.db.$transaction(async (tx) => {
    const { count } = await tx.orgInvitation.deleteMany({ where: { id: invitationId, orgId, acceptedAt: null } });
    if (count !== 1) throw new NotFoundError("No such invitation");
    await auditIn(tx, ctx, {
      action: "orgs.invitation.revoked",
      actorId: tenant.userId,
      details: { orgId, invitationId, email: invitation.email, role: invitation.role },
    });
  });
  return { revoked: true };
}
