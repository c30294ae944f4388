import { z } from "zod";
import { dateInput } from "../../core/inputs.ts";
import { PERMISSION_ACCESS } from "../../core/permissions.ts";
import { byNewest, bySequenceNewestFirst, pageInput } from "../../core/pagination.ts";
import { memberOutput, orgRole } from "../orgs/schemas.ts";

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
  name: z
    .string()
    .trim()
    .toLowerCase()
    .regex(/^[a-z][a-z0-9-]{1,29}$/, "2–30 lowercase letters, digits or dashes"),
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

export const permissionOutput = z.object({
  id: z.string(),
  action: z.string(),
  entity: z.string(),
  access: z.enum(PERMISSION_ACCESS),
  description: z.string(),
});
export const roleOutput = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  userCount: z.number(),
  /** What the role grants, by entity, then action. */
  permissions: z.array(permissionOutput),
});
export const rolePermissionInput = z.object({ roleId: z.uuid("Not a role id"), permissionId: z.uuid("Not a permission id") });

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

export const revokeUserSessionInput = z.object({
  userId: z.uuid("Not a user id"),
  sessionId: z.string().regex(/^[0-9a-f]{64}$/, "Not a session id"),
});

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

// ── metrics (admin.metrics.*) ──

const DAY_MS = 86_400_000;

/** `{ from, to }` as instants from 1970 to 2200; the last 30 days by default; at most a year. */
export const rangeInput = z
  .object({ from: dateInput.optional(), to: dateInput.optional() })
  .optional()
  .transform((range) => {
    const to = range?.to ?? new Date();
    const from = range?.from ?? new Date(to.getTime() - 30 * DAY_MS);
    return { from, to };
  })
  .refine(({ from, to }) => from < to, { path: ["from"], message: "from must be before to" })
  .refine(({ from, to }) => to.getTime() - from.getTime() <= 366 * DAY_MS, { path: ["from"], message: "At most 366 days at once" });
export type Range = z.output<typeof rangeInput>;

const rangeOutput = z.object({ from: z.date(), to: z.date() });

export const overviewOutput = z.object({
  range: rangeOutput,
  totalUsers: z.number(),
  newUsers: z.number(),
  /** Distinct signed-in people active each UTC day of the range. */
  dau: z.array(z.object({ date: z.string(), users: z.number() })),
  averageDau: z.number(),
});

export const challengeFunnelOutput = z.object({
  range: rangeOutput,
  /** People whose challenge started in the range. */
  enrolled: z.number(),
  funnel: z.array(z.object({ day: z.number(), users: z.number(), rate: z.number() })),
});

export const planCompletionOutput = z.object({
  range: rangeOutput,
  plans: z.number(),
  steps: z.array(z.object({ step: z.string(), completed: z.number(), rate: z.number() })),
  fullyCompleted: z.number(),
  fullRate: z.number(),
});

export const systemOutput = z.object({
  range: rangeOutput,
  totals: z.object({ requests: z.number(), errorRate: z.number(), p50: z.number(), p95: z.number(), p99: z.number() }),
  procedures: z.array(
    z.object({
      procedure: z.string(),
      requests: z.number(),
      p50: z.number(),
      p95: z.number(),
      p99: z.number(),
      errorRate: z.number(),
      clientErrorRate: z.number(),
    }),
  ),
  /** Requests per hour across the range, for the latency chart. */
  latency: z.array(z.object({ hour: z.date(), requests: z.number(), p95: z.number() })),
  ai: z.object({ calls: z.number(), failed: z.number(), costUsd: z.number(), promptTokens: z.number(), completionTokens: z.number() }),
  /** Background jobs that used up their retries (admin.jobs.list({ state: "failed" })), now. */
  jobs: z.object({ deadLetters: z.number() }),
});

// ── organizations (admin.orgs.*) ──

export const listOrgsInput = newestFirstPage.extend({
  /** Part of the name or slug, any case. */
  search: z.string().trim().max(100).optional(),
});
export const adminOrgIdInput = z.object({ orgId: z.uuid("Not an organization id") });
export const setOrgMemberRoleInput = z.object({ orgId: z.uuid("Not an organization id"), userId: z.uuid("Not a user id"), role: orgRole });

const orgLink = z.object({ id: z.string(), name: z.string() });
export const adminOrgSummary = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  parent: orgLink.nullable(),
  memberCount: z.number(),
  createdAt: z.date(),
});
export const adminOrgDetail = adminOrgSummary.extend({
  /** Direct children; each lists its own. */
  children: z.array(orgLink.extend({ slug: z.string(), memberCount: z.number() })),
  /** Owners first, then staff, then clients; each by when they joined. */
  members: z.array(memberOutput),
});
