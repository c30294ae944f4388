import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { pageOutput } from "../../core/pagination.ts";
import { authedProcedure, publicProcedure, tenantProcedure } from "../../trpc.ts";
import { acceptInvitation, listInvitations, previewInvitation, revokeInvitation } from "./invitations.ts";
import { changeMemberRole, inviteMember, listMembers, removeMember } from "./members.ts";
import { childOrganizations, createOrganization, getOrganization, myOrganizations, updateOrganization } from "./organizations.ts";
import {
  acceptedOutput,
  childOrgOutput,
  createOrgInput,
  invitationIdInput,
  invitationOutput,
  invitationPreviewOutput,
  invitationTokenInput,
  invitedOutput,
  inviteInput,
  listMembersInput,
  memberIdInput,
  memberOutput,
  myOrgOutput,
  orgOutput,
  setRoleInput,
  updateOrgInput,
} from "./schemas.ts";

export const orgsRouter = {
  create: authedProcedure
    .input(createOrgInput)
    .output(myOrgOutput)
    .mutation(({ ctx, input }) => createOrganization(ctx, ctx.caller.userId, input)),
  mine: authedProcedure
    .input(z.void())
    .output(z.array(myOrgOutput))
    .query(({ ctx }) => myOrganizations(ctx, ctx.caller.userId)),
  get: tenantProcedure("client")
    .output(orgOutput)
    .query(({ ctx }) => getOrganization(ctx, ctx.tenant)),
  update: tenantProcedure("owner")
    .input(updateOrgInput)
    .output(orgOutput)
    .mutation(({ ctx, input }) => updateOrganization(ctx, ctx.tenant, input)),
  children: tenantProcedure("owner")
    .output(z.array(childOrgOutput))
    .query(({ ctx }) => childOrganizations(ctx, ctx.tenant.orgId)),
  members: {
    list: tenantProcedure("staff")
      .input(listMembersInput)
      .output(pageOutput(memberOutput))
      .query(({ ctx, input }) => listMembers(ctx.tenant, input)),
    invite: tenantProcedure("staff")
      .input(inviteInput)
      .output(invitedOutput)
      .mutation(({ ctx, input }) => inviteMember(ctx, ctx.tenant, input)),
    setRole: tenantProcedure("owner")
      .input(setRoleInput)
      .output(memberOutput)
      .mutation(({ ctx, input }) => changeMemberRole(ctx, { userId: ctx.caller.userId, asOwner: true }, input)),
    /** An owner removes anyone; any member may remove themself (leave). */
    remove: tenantProcedure("client")
      .input(memberIdInput)
      .output(z.object({ removed: z.literal(true) }))
      .mutation(({ ctx, input }) => removeMember(ctx, ctx.tenant, input.userId)),
  },
  invitations: {
    /** Before sign-in: the invitation page says who invites whom. */
    preview: publicProcedure
      .input(invitationTokenInput)
      .output(invitationPreviewOutput)
      .query(({ ctx, input }) => previewInvitation(ctx, input.token)),
    accept: authedProcedure
      .input(invitationTokenInput)
      .output(acceptedOutput)
      .mutation(({ ctx, input }) => acceptInvitation(ctx, ctx.caller.userId, input.token)),
    list: tenantProcedure("staff")
      .output(z.array(invitationOutput))
      .query(({ ctx }) => listInvitations(ctx.tenant)),
    revoke: tenantProcedure("staff")
      .input(invitationIdInput)
      .output(z.object({ revoked: z.literal(true) }))
      .mutation(({ ctx, input }) => revokeInvitation(ctx, ctx.tenant, input.invitationId)),
  },
} satisfies TRPCRouterRecord;
