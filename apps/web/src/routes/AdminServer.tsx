import { ServerStatus } from "@glow/react";
import { hasPermission, type Account } from "../account.ts";
import { ConnectionCheck } from "../components/ConnectionCheck.tsx";
import { NoAccess } from "../components/NoAccess.tsx";
import { RequireAccount } from "../components/RequireAccount.tsx";
import { usePageTitle } from "../forms.ts";

function ServerStatusScreen() {
  return (
    <>
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Server status</h1>
        <p className="mt-1 text-slate-600">Which version this server runs, how long it has been up, and whether it answers this browser.</p>
      </div>
      <ServerStatus details />
      <ConnectionCheck />
    </>
  );
}

// Operators' information, so it opens with the metrics (the same people read both).
function AdminServer({ account }: { account: Account }) {
  if (!hasPermission(account, { action: "read", entity: "metrics" })) return <NoAccess screen="Server status" />;
  return <ServerStatusScreen />;
}

/** `/admin/server`: the server's version, uptime and a connection check, for administrators. */
export function AdminServerPage() {
  usePageTitle("Server status");
  return <RequireAccount>{(account) => <AdminServer account={account} />}</RequireAccount>;
}
