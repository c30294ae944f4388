import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { permittedProcedure } from "../../trpc.ts";
import { pageOutput } from "../../core/pagination.ts";
import { listAudit } from "./audit.ts";
import * as metrics from "./metrics.ts";
import { cancelJob, jobQueues, listJobs, retryJob } from "./jobs.ts";
import { jobIdInput, jobOutput, listJobsInput, queuesOutput } from "./jobs.schemas.ts";
import { listOutbox } from "./outbox.ts";
import { getOrg, listOrgs, setOrgMemberRole } from "./orgs.ts";
import { getRequest, listRequests } from "./requests.ts";
import { adminResetRouter } from "./reset/router.ts";
import { listPermissions } from "./permissions.ts";
import { createRole, grantPermission, listRoles, MANAGE_ROLES, revokePermission } from "./roles.ts";
import {
  adminOrgDetail,
  adminOrgIdInput,
  adminOrgSummary,
  auditEventOutput,
  challengeFunnelOutput,
  createRoleInput,
  listAuditInput,
  listOrgsInput,
  listOutboxInput,
  listRequestsInput,
  requestIdInput,
  requestLogOutput,
  revokeUserSessionInput,
  listUsersInput,
  outboxEmailOutput,
  overviewOutput,
  planCompletionOutput,
  rangeInput,
  permissionOutput,
  roleOutput,
  rolePermissionInput,
  setOrgMemberRoleInput,
  setRolesInput,
  userDetail,
  userIdInput,
  userSummary,
  systemOutput,
} from "./schemas.ts";
import { memberOutput } from "../orgs/schemas.ts";
import { deactivateUser, getUser, listUsers, revokeUserSession, setRoles } from "./users.ts";

const metricsProcedure = permittedProcedure({ action: "read", entity: "metrics" }).input(rangeInput);

export const adminRouter = {
  users: {
    list: permittedProcedure({ action: "read", entity: "users" })
      .input(listUsersInput)
      .output(pageOutput(userSummary))
      .query(({ ctx, input }) => listUsers(ctx, input)),
    get: permittedProcedure({ action: "read", entity: "users" })
      .input(userIdInput)
      .output(userDetail)
      .query(({ ctx, input }) => getUser(ctx, input.id)),
    setRoles: permittedProcedure({ action: "write", entity: "users" })
      .input(setRolesInput)
      .output(userSummary)
      .mutation(({ ctx, input }) => setRoles(ctx, ctx.caller.userId, input.id, input.roles)),
    revokeSession: permittedProcedure({ action: "write", entity: "users" })
      .input(revokeUserSessionInput)
      .output(z.object({ revoked: z.literal(true) }))
      .mutation(({ ctx, input }) => revokeUserSession(ctx, ctx.caller.userId, input.userId, input.sessionId)),
    deactivate: permittedProcedure({ action: "write", entity: "users" })
      .input(userIdInput)
      .output(userSummary)
      .mutation(({ ctx, input }) => deactivateUser(ctx, ctx.caller.userId, input.id)),
  },
  roles: {
    list: permittedProcedure({ action: "read", entity: "users" })
      .input(z.void())
      .output(z.array(roleOutput))
      .query(({ ctx }) => listRoles(ctx)),
    create: permittedProcedure(MANAGE_ROLES)
      .input(createRoleInput)
      .output(roleOutput)
      .mutation(({ ctx, input }) => createRole(ctx, ctx.caller.userId, input)),
    grant: permittedProcedure(MANAGE_ROLES)
      .input(rolePermissionInput)
      .output(z.object({ granted: z.literal(true) }))
      .mutation(({ ctx, input }) => grantPermission(ctx, ctx.caller.userId, input)),
    revoke: permittedProcedure(MANAGE_ROLES)
      .input(rolePermissionInput)
      .output(z.object({ revoked: z.literal(true) }))
      .mutation(({ ctx, input }) => revokePermission(ctx, ctx.caller.userId, input)),
  },
  permissions: {
    list: permittedProcedure({ action: "read", entity: "users" })
      .input(z.void())
      .output(z.array(permissionOutput))
      .query(({ ctx }) => listPermissions(ctx)),
  },
  audit: {
    list: permittedProcedure({ action: "read", entity: "audit" })
      .input(listAuditInput)
      .output(pageOutput(auditEventOutput))
      .query(({ ctx, input }) => listAudit(ctx, input)),
  },
  requests: {
    list: permittedProcedure({ action: "read", entity: "audit" })
      .input(listRequestsInput)
      .output(pageOutput(requestLogOutput))
      .query(({ ctx, input }) => listRequests(ctx, input)),
    get: permittedProcedure({ action: "read", entity: "audit" })
      .input(requestIdInput)
      .output(z.array(requestLogOutput))
      .query(({ ctx, input }) => getRequest(ctx, input.requestId)),
  },
  reset: adminResetRouter,
  /** Each takes an optional { from, to } (default: the last 30 days). */
  metrics: {
    overview: metricsProcedure.output(overviewOutput).query(({ ctx, input }) => metrics.overview(ctx, input)),
    challenge: metricsProcedure.output(challengeFunnelOutput).query(({ ctx, input }) => metrics.challengeFunnel(ctx, input)),
    plans: metricsProcedure.output(planCompletionOutput).query(({ ctx, input }) => metrics.planCompletion(ctx, input)),
    system: metricsProcedure.output(systemOutput).query(({ ctx, input }) => metrics.system(ctx, input)),
  },
  orgs: {
    list: permittedProcedure({ action: "read", entity: "organizations" })
      .input(listOrgsInput)
      .output(pageOutput(adminOrgSummary))
      .query(({ ctx, input }) => listOrgs(ctx, input)),
    get: permittedProcedure({ action: "read", entity: "organizations" })
      .input(adminOrgIdInput)
      .output(adminOrgDetail)
      .query(({ ctx, input }) => getOrg(ctx, input.orgId)),
    setMemberRole: permittedProcedure({ action: "write", entity: "organizations" })
      .input(setOrgMemberRoleInput)
      .output(memberOutput)
      .mutation(({ ctx, input }) => setOrgMemberRole(ctx, ctx.caller.userId, input)),
  },
  jobs: {
    list: permittedProcedure({ action: "read", entity: "jobs" })
      .input(listJobsInput)
      .output(pageOutput(jobOutput))
      .query(({ ctx, input }) => listJobs(ctx, input)),
    queues: permittedProcedure({ action: "read", entity: "jobs" })
      .input(z.void())
      .output(queuesOutput)
      .query(({ ctx }) => jobQueues(ctx)),
    retry: permittedProcedure({ action: "write", entity: "jobs" })
      .input(jobIdInput)
      .output(jobOutput)
      .mutation(({ ctx, input }) => retryJob(ctx, ctx.caller.userId, input.id)),
    cancel: permittedProcedure({ action: "write", entity: "jobs" })
      .input(jobIdInput)
      .output(jobOutput)
      .mutation(({ ctx, input }) => cancelJob(ctx, ctx.caller.userId, input.id)),
  },
  outbox: {
    list: permittedProcedure({ action: "read", entity: "outbox" })
      .input(listOutboxInput)
      .output(pageOutput(outboxEmailOutput))
      .query(({ ctx, input }) => listOutbox(ctx, input)),
  },
} satisfies TRPCRouterRecord;
