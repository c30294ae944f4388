import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { permittedProcedure } from "../../trpc.ts";
import { pageOutput } from "../../core/pagination.ts";
import { metricsRouter } from "../metrics/router.ts";
import { resetCurationRouter } from "../reset/curation-router.ts";
import {
  auditEventOutput,
  createRoleInput,
  listAuditInput,
  listOutboxInput,
  listRequestsInput,
  requestIdInput,
  requestLogOutput,
  revokeUserSessionInput,
  listUsersInput,
  outboxEmailOutput,
  roleOutput,
  setRolesInput,
  userDetail,
  userIdInput,
  userSummary,
} from "./schemas.ts";
import * as admin from "./service.ts";

export const adminRouter = {
  users: {
    list: permittedProcedure("users:read").input(listUsersInput).output(pageOutput(userSummary)).query(({ ctx, input }) => admin.listUsers(ctx, input)),
    get: permittedProcedure("users:read").input(userIdInput).output(userDetail).query(({ ctx, input }) => admin.getUser(ctx, input.id)),
    setRoles: permittedProcedure("users:write")
      .input(setRolesInput)
      .output(userSummary)
      .mutation(({ ctx, input }) => admin.setRoles(ctx, ctx.session.userId, input.id, input.roles)),
    revokeSession: permittedProcedure("users:write")
      .input(revokeUserSessionInput)
      .output(z.object({ ok: z.literal(true) }))
      .mutation(({ ctx, input }) => admin.revokeUserSession(ctx, ctx.session.userId, input.userId, input.sessionId)),
    deactivate: permittedProcedure("users:write")
      .input(userIdInput)
      .output(userSummary)
      .mutation(({ ctx, input }) => admin.deactivateUser(ctx, ctx.session.userId, input.id)),
  },
  roles: {
    list: permittedProcedure("users:read").input(z.void()).output(z.array(roleOutput)).query(({ ctx }) => admin.listRoles(ctx)),
    create: permittedProcedure("roles:write")
      .input(createRoleInput)
      .output(roleOutput)
      .mutation(({ ctx, input }) => admin.createRole(ctx, ctx.session.userId, input)),
  },
  audit: {
    list: permittedProcedure("audit:read").input(listAuditInput).output(pageOutput(auditEventOutput)).query(({ ctx, input }) => admin.listAudit(ctx, input)),
  },
  requests: {
    list: permittedProcedure("audit:read").input(listRequestsInput).output(pageOutput(requestLogOutput)).query(({ ctx, input }) => admin.listRequests(ctx, input)),
    get: permittedProcedure("audit:read").input(requestIdInput).output(z.array(requestLogOutput)).query(({ ctx, input }) => admin.getRequest(ctx, input.requestId)),
  },
  reset: resetCurationRouter,
  metrics: metricsRouter,
  outbox: {
    list: permittedProcedure("outbox:read").input(listOutboxInput).output(pageOutput(outboxEmailOutput)).query(({ ctx, input }) => admin.listOutbox(ctx, input)),
  },
} satisfies TRPCRouterRecord;
