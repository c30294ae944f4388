// Who may see whose coach data inside an organization: a client their own, staff (and owners)
// everyone's. Row-level security already keeps other organizations out; this keeps clients
// of one organization apart. Another client's record reads as "not found", never "forbidden".
import type { TenantTx } from "@glow/db";
import type { Context } from "../../context.ts";
import { NotFoundError } from "../../core/errors.ts";
import { hasOrgRole, type Tenant } from "../../core/tenancy.ts";

/** What a coach service needs: the tenant handle (all tenant data goes through it) and the owner client for audit events. */
export type CoachContext = Pick<Context, "db" | "ip" | "userAgent"> & { tenant: Tenant };

export function isStaff(tenant: Tenant): boolean {
  return hasOrgRole(tenant.role, "staff");
}

/** Whether the caller may read `clientId`'s records: their own, or any as staff. */
export function maySee(tenant: Tenant, clientId: string): boolean {
  return clientId === tenant.userId || isStaff(tenant);
}

/** Throws "not found" unless the caller may read `clientId`'s records. */
export function requireVisible(tenant: Tenant, clientId: string, what: string): void {
  if (!maySee(tenant, clientId)) throw new NotFoundError(`No such ${what}`);
}

/** The client's name and email, when they are a client member of the organization (read under RLS). */
export async function requireClient(
  tx: TenantTx,
  tenant: Tenant,
  clientId: string,
): Promise<{ id: string; name: string; email: string | null; joinedAt: Date }> {
  const membership = await tx.orgMembership.findFirst({
    where: { orgId: tenant.orgId, userId: clientId, role: "client" },
    select: { createdAt: true, user: { select: { id: true, name: true, email: true } } },
  });
  if (!membership) throw new NotFoundError("No such client in this organization");
  return { ...membership.user, joinedAt: membership.createdAt };
}
