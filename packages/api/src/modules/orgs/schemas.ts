import { z } from "zod";
import { byNewest, pageInput } from "../../core/pagination.ts";
import { ORG_ROLES } from "../../core/tenancy.ts";
import { email } from "../auth/schemas.ts";

export const orgRole = z.enum(ORG_ROLES, { error: "Not a role: owner, staff or client" });

const orgName = z.string().trim().min(1, "Enter the organization's name").max(100, "At most 100 characters");
const orgId = z.uuid({ error: "Not an organization id" });
const userId = z.uuid({ error: "Not a user id" });
/** The token from an invitation link (generateSessionToken: 32 base32 characters). */
const invitationToken = z.string().min(16, "This link is incomplete; open it from the email again").max(128, "This link is not valid");

export const createOrgInput = z.object({ name: orgName, parentId: orgId.optional() });
/** `parentId: null` takes the organization out from under its parent. */
export const updateOrgInput = z.object({ name: orgName.optional(), parentId: orgId.nullable().optional() });

/** Members page newest first; the cursor carries the instant they joined, so it outlives their membership. */
export const membersOrder = byNewest("userId", "asc");
export const listMembersInput = pageInput(membersOrder, { default: 25, max: 100 }).extend({
  role: orgRole.optional(),
  /** Part of the member's name or email, any case. */
  search: z.string().trim().max(100).optional(),
});
export const inviteInput = z.object({ email, role: orgRole });
export const setRoleInput = z.object({ userId, role: orgRole });
export const memberIdInput = z.object({ userId });
export const invitationTokenInput = z.object({ token: invitationToken });
export const invitationIdInput = z.object({ invitationId: z.string().regex(/^[0-9a-f]{64}$/, "Not an invitation id") });

const memberCounts = z.object({ owner: z.number(), staff: z.number(), client: z.number() });
export type MemberCounts = z.infer<typeof memberCounts>;

/** One of the caller's organizations (orgs.mine, orgs.create). */
export const myOrgOutput = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  parentId: z.string().nullable(),
  role: orgRole,
  joinedAt: z.date(),
});

export const orgOutput = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  parent: z.object({ id: z.string(), name: z.string() }).nullable(),
  myRole: orgRole,
  memberCounts,
  createdAt: z.date(),
});

export const childOrgOutput = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  parentId: z.string(),
  /** 1 for a direct child, 2 for a child's child, … */
  depth: z.number(),
  memberCounts,
});

export const memberOutput = z.object({
  userId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  role: orgRole,
  joinedAt: z.date(),
});

export const invitedOutput = z.object({ invitationId: z.string(), email: z.string(), role: orgRole, expiresAt: z.date() });

export const invitationOutput = z.object({
  invitationId: z.string(),
  email: z.string(),
  role: orgRole,
  /** Null once the person who invited has left the organization. */
  invitedBy: z.object({ userId: z.string(), name: z.string() }).nullable(),
  createdAt: z.date(),
  expiresAt: z.date(),
  expired: z.boolean(),
});

export const acceptedOutput = z.object({ orgId: z.string(), name: z.string(), role: orgRole });

export const invitationPreviewOutput = z.object({ organizationName: z.string(), role: orgRole, email: z.string(), expired: z.boolean() });
