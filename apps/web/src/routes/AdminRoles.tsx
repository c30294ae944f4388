import { RolesEditor } from "@glow/react";
import { hasPermission, type Account } from "../account.ts";
import { NoAccess } from "../components/NoAccess.tsx";
import { RequireAccount } from "../components/RequireAccount.tsx";
import { usePageTitle } from "../forms.ts";

function AdminRoles({ account }: { account: Account }) {
  if (!hasPermission(account, { action: "read", entity: "users" })) return <NoAccess screen="Roles" />;
  return (
    <>
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Roles</h1>
        <p className="mt-1 text-slate-600">What each role lets its people do. A change applies on their next request.</p>
      </div>
      <RolesEditor account={account} />
    </>
  );
}

export function AdminRolesPage() {
  usePageTitle("Roles");
  return <RequireAccount>{(account) => <AdminRoles account={account} />}</RequireAccount>;
}
