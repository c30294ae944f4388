// /admin/jobs: the background job queues, their dead letters, and Retry / Cancel (the shared
// Jobs widget, as on the desktop's Jobs screen).
import { Jobs } from "@glow/react";
import { hasPermission, type Account } from "../account.ts";
import { NoAccess } from "../components/NoAccess.tsx";
import { RequireAccount } from "../components/RequireAccount.tsx";
import { usePageTitle } from "../forms.ts";

function AdminJobs({ account }: { account: Account }) {
  if (!hasPermission(account, { action: "read", entity: "jobs" })) return <NoAccess screen="The jobs screen" />;
  return (
    <>
      <div>
        <h1 className="text-2xl font-bold text-slate-900">Jobs</h1>
        <p className="mt-1 text-slate-600">
          Background work (scheduled posts, emails, cleanup): what waits, what runs, and the dead letters that used up their retries.
        </p>
      </div>
      <Jobs account={account} />
    </>
  );
}

export function AdminJobsPage() {
  usePageTitle("Jobs");
  return <RequireAccount>{(account) => <AdminJobs account={account} />}</RequireAccount>;
}
