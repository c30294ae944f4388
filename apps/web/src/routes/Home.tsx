import { buttonClassName, Spinner, SystemStatus } from "@glow/ui";
import { Link } from "react-router";
import { useAccount } from "../account.ts";
import { ConnectionCheck } from "../components/ConnectionCheck.tsx";
import { usePageTitle } from "../forms.ts";
import { errorMessage, trpc } from "../trpc.ts";
import { Dashboard } from "./Dashboard.tsx";

/** The server's state, for visitors before they sign in (admins see it with the metrics). */
function ServerStatus() {
  const info = trpc.system.info.useQuery();
  return (
    <>
      <SystemStatus
        info={info.data}
        loading={info.isLoading}
        error={info.error ? errorMessage(info.error) : null}
        onRetry={() => void info.refetch()}
      />
      <ConnectionCheck />
    </>
  );
}

function Welcome() {
  usePageTitle("Home");
  return (
    <>
      <div className="flex flex-col gap-3">
        <h1 className="text-2xl font-bold text-slate-900">Welcome to Glow</h1>
        <p className="text-slate-600">One account to reset your feed, train, publish, shop and talk.</p>
        <div className="flex flex-wrap gap-3">
          <Link to="/sign-in" className={buttonClassName("primary")}>
            Sign in
          </Link>
          <Link to="/sign-up" className={buttonClassName("secondary")}>
            Create an account
          </Link>
        </div>
      </div>
      <ServerStatus />
    </>
  );
}

/** `/`: the welcome page for visitors, the day's plan for a signed-in person. */
export function HomePage() {
  const me = useAccount();
  if (me.isLoading) return <Spinner label="Loading your account" />;
  if (me.data) return <Dashboard account={me.data} />;
  return <Welcome />;
}
