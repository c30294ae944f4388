// Roles (admin.roles.*): rows people hold, and the permissions each grants (data too: decision 019).
import type { z } from "zod";
import type { Context } from "../../context.ts";
import { auditRequest } from "../../core/audit.ts";
import { FieldError, NotFoundError } from "../../core/errors.ts";
import { grantName, type PermissionCheck } from "../../core/permissions.ts";
import { forgetCachedSessions } from "../auth/sessions.ts";
import { forgetCachedTokens } from "../auth/tokens.ts";
import { permissionView } from "./permissions.ts";
import type { roleOutput } from "./schemas.ts";

type RoleView = z.infer<typeof roleOutput>;

/** Granting and revoking permissions needs this one; it is never taken from the last role, or the caller's last role, that has it. */
export const MANAGE_ROLES = { action: "write", entity: "roles" } as const satisfies PermissionCheck;

const roleDetails = { _count: { select: { users: true } }, permissions: { select: { permission: true } } } as const;

function roleView(role: {
  id: string;
  name: string;
  description: string;
  _count: { users: number };
  permissions: Array<{ permission: Parameters<typeof permissionView>[0] }>;
}): RoleView {
  const permissions = role.permissions.map((p) => permissionView(p.permission));
  permissions.sort((a, b) => a.entity.localeCompare(b.entity) || a.action.localeCompare(b.action) || a.access.localeCompare(b.access));
  return { id: role.id, name: role.name, description: role.description, userCount: role._count.users, permissions };
}

export async function listRoles(ctx: Context): Promise<RoleView[]> {
  const roles = await ctx.db.role.findMany({ orderBy: { name: "asc" }, include: roleDetails });
  return roles.map(roleView);
}

export async function createRole(ctx: Context, actorId: string, input: { name: string; description: string }): Promise<RoleView> {
  const existing = await ctx.db.role.findUnique({ where: { name: input.name } });
  if (existing) throw new FieldError("name", "A role with this name exists");
  const role = await ctx.db.role.create({ data: input, include: roleDetails });
  await auditRequest(ctx, { action: "admin.role.created", actorId, details: { name: role.name } });
  return roleView(role);
}

interface RolePermission {
  roleId: string;
  permissionId: string;
}

async function findRoleAndPermission(ctx: Context, input: RolePermission) {
  const [role, permission] = await Promise.all([
    ctx.db.role.findUnique({ where: { id: input.roleId } }),
    ctx.db.permission.findUnique({ where: { id: input.permissionId } }),
  ]);
  if (!role) throw new NotFoundError("No such role");
  if (!permission) throw new NotFoundError("No such permission");
  return { role, permission };
}

/** Everyone holding the role gets it on their next request: their cached credentials carry the old grants. */
async function forgetHoldersCredentials(ctx: Context, roleId: string): Promise<void> {
  const holders = await ctx.db.userRole.findMany({ where: { roleId }, select: { userId: true } });
  for (const { userId } of holders) {
    await forgetCachedSessions(ctx, userId);
    await forgetCachedTokens(ctx, userId);
  }
}

export async function grantPermission(ctx: Context, actorId: string, input: RolePermission): Promise<{ granted: true }> {
  const { role, permission } = await findRoleAndPermission(ctx, input);
  const { count } = await ctx.db.rolePermission.createMany({ data: [input], skipDuplicates: true });
  if (count > 0) {
    await forgetHoldersCredentials(ctx, role.id);
    await auditRequest(ctx, {
      action: "admin.role.permission_granted",
      actorId,
      details: { role: role.name, permission: grantName(permission) },
    });
  }
  return { granted: true };
}

export async function revokePermission(ctx: Context, actorId: string, input: RolePermission): Promise<{ revoked: true }> {
  const { role, permission } = await findRoleAndPermission(ctx, input);
  const managesRoles =
    permission.action === MANAGE_ROLES.action && permission.entity === MANAGE_ROLES.entity && permission.access === "any";
  const count = await ctx.db.$transaction(async (tx) => {
    if (managesRoles) {
      // Two revokes of this permission at once must not both see the other's role still holding it.
      await tx.$queryRaw`SELECT id FROM permissions WHERE id = ${permission.id}::uuid FOR UPDATE`;
      const elsewhere = { permissionId: permission.id, roleId: { not: role.id } };
      if ((await tx.rolePermission.count({ where: elsewhere })) === 0) {
        throw new FieldError("permissionId", `No other role may grant permissions: give ${grantName(permission)} to another role first`);
      }
      const holdsRole = await tx.userRole.count({ where: { userId: actorId, roleId: role.id } });
      const keepsIt = await tx.rolePermission.count({ where: { ...elsewhere, role: { users: { some: { userId: actorId } } } } });
      if (holdsRole > 0 && keepsIt === 0) {
        throw new FieldError(
          "permissionId",
          `This is your only role that grants ${grantName(permission)}: you could no longer manage roles`,
        );
      }
    }
    return (await tx.rolePermission.deleteMany({ where: input })).count;
  });
  if (count > 0) {
    await forgetHoldersCredentials(ctx, role.id);
    await auditRequest(ctx, {
      action: "admin.role.permission_revoked",
      actorId,
      details: { role: role.name, permission: grantName(permission) },
    });
  }
  return { revoked: true };
}
