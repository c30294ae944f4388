import { z } from "zod";
import { dateInput } from "../../core/inputs.ts";
import { byNewest, bySequenceNewestFirst, pageInput } from "../../core/pagination.ts";

const PAGE = { default: 25, max: 100 };
/** Users and outbox emails page newest first; their cursors carry the instant, so they outlive their row. */
export const newestFirst = byNewest("id", "desc");
const newestFirstPage = pageInput(newestFirst, PAGE);
const logPage = pageInput(bySequenceNewestFirst, PAGE);

export const listUsersInput = newestFirstPage.extend({ search: z.string().trim().max(100).optional() });
export const userIdInput = z.object({ id: z.uuid("Not a user id") });
export const setRolesInput = z.object({
  id: z.uuid("Not a user id"),
  roles: z.array(z.string().min(1).max(50)).max(20),
});
export const createRoleInput = z.object({
  name: z.string().trim().toLowerCase().regex(/^[a-z][a-z0-9-]{1,29}$/, "2–30 lowercase letters, digits or dashes"),
  description: z.string().trim().max(200).default(""),
});
export const listAuditInput = logPage.extend({
  action: z.string().max(60).optional(),
  userId: z.uuid().optional(),
});
export const listOutboxInput = newestFirstPage.extend({ to: z.string().max(254).optional() });

export const userSummary = z.object({
  id: z.string(),
  email: z.string().nullable(),
  name: z.string(),
  roles: z.array(z.string()),
  emailVerified: z.boolean(),
  deactivatedAt: z.date().nullable(),
  createdAt: z.date(),
});

export const userDetail = userSummary.extend({
  linkedProviders: z.array(z.string()),
  sessions: z.array(
    z.object({
      id: z.string(),
      userAgent: z.string().nullable(),
      ip: z.string().nullable(),
      createdAt: z.date(),
      lastSeenAt: z.date(),
      /** The session the admin is using right now. */
      current: z.boolean(),
    }),
  ),
});

export const roleOutput = z.object({ id: z.string(), name: z.string(), description: z.string(), userCount: z.number() });

export const auditEventOutput = z.object({
  id: z.string(),
  action: z.string(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  subjectUserId: z.string().nullable(),
  subjectEmail: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.date(),
});

export const outboxEmailOutput = z.object({ id: z.string(), to: z.string(), subject: z.string(), text: z.string(), createdAt: z.date() });

export const revokeUserSessionInput = z.object({ userId: z.uuid("Not a user id"), sessionId: z.string().regex(/^[0-9a-f]{64}$/, "Not a session id") });

export const listRequestsInput = logPage.extend({
  procedure: z.string().trim().max(100).optional(),
  /** An exact status (404) or a class ("4xx", "5xx"). */
  status: z.union([z.number().int().min(100).max(599), z.enum(["2xx", "4xx", "5xx"])]).optional(),
  userId: z.uuid().optional(),
  requestId: z.string().trim().max(128).optional(),
  from: dateInput.optional(),
  to: dateInput.optional(),
});
export const requestLogOutput = z.object({
  id: z.string(),
  requestId: z.string(),
  procedure: z.string(),
  status: z.number(),
  durationMs: z.number(),
  userId: z.string().nullable(),
  userEmail: z.string().nullable(),
  createdAt: z.date(),
});
export const requestIdInput = z.object({ requestId: z.string().trim().min(1).max(128) });
