import { buttonClassName, linkClassName, Notice, Spinner, SystemStatus } from "@glow/ui";
import { Link } from "react-router";
import { useAccount } from "../account.ts";
import { ConnectionCheck } from "../components/ConnectionCheck.tsx";
import { usePageTitle } from "../forms.ts";
import { errorMessage, trpc } from "../trpc.ts";

function Greeting() {
  const me = useAccount();
  if (me.isLoading) return <Spinner label="Loading your account" />;
  const account = me.data;

  if (!account) {
    return (
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
    );
  }

  return (
    <div className="flex flex-col gap-3">
      <h1 className="text-2xl font-bold text-slate-900">Welcome, {account.name}</h1>
      <p className="text-slate-600">One account to reset your feed, train, publish, shop and talk.</p>
      {account.email && !account.emailVerified && (
        <Notice tone="warning">
          <p>
            Please confirm your email address: we sent a link to <strong>{account.email}</strong>.{" "}
            <Link to="/settings" className={linkClassName}>
              Send a new link
            </Link>
          </p>
        </Notice>
      )}
    </div>
  );
}

export function HomePage() {
  usePageTitle("Home");
  const info = trpc.system.info.useQuery();
  return (
    <>
      <Greeting />
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
