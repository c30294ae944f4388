// Permissions (admin.permissions.*): what roles can be granted; rows the migrations seed (decision 019).
import type { z } from "zod";
import type { Context } from "../../context.ts";
import type { PermissionAccess } from "../../core/permissions.ts";
import type { permissionOutput } from "./schemas.ts";

type PermissionView = z.infer<typeof permissionOutput>;

export function permissionView(permission: {
  id: string;
  action: string;
  entity: string;
  access: PermissionAccess;
  description: string;
}): PermissionView {
  return {
    id: permission.id,
    action: permission.action,
    entity: permission.entity,
    access: permission.access,
    description: permission.description,
  };
}

export async function listPermissions(ctx: Context): Promise<PermissionView[]> {
  const permissions = await ctx.db.permission.findMany({ orderBy: [{ entity: "asc" }, { action: "asc" }, { access: "asc" }] });
  return permissions.map(permissionView);
}
