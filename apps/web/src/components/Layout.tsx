import { errorMessage, OrgSwitcher } from "@glow/react";
import { AppShell, Button, buttonClassName, cn, FormError, linkClassName, Spinner } from "@glow/ui";
import { Link, NavLink, Outlet, ScrollRestoration } from "react-router";
import { hasPermission, useAccount, useSignOut } from "../account.ts";

const navLinkClass = ({ isActive }: { isActive: boolean }) =>
  cn(
    "rounded-sm text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-glow-500",
    isActive ? "text-glow-700 underline underline-offset-4" : "text-slate-700 hover:text-glow-700",
  );

function AccountNav({ onSignOut, signingOut }: { onSignOut: () => void; signingOut: boolean }) {
  const me = useAccount();
  if (me.isLoading) return null;
  const account = me.data;

  if (!account) {
    return (
      <nav aria-label="Account" className="flex items-center gap-4">
        <Link to="/sign-in" className={linkClassName + " text-sm"}>
          Sign in
        </Link>
        <Link to="/sign-up" className={buttonClassName("primary", "py-1.5")}>
          Sign up
        </Link>
      </nav>
    );
  }

  return (
    <nav aria-label="Account" className="flex min-w-0 flex-wrap items-center justify-end gap-x-4 gap-y-2">
      <OrgSwitcher
        className="flex min-w-0 max-w-full items-center gap-3"
        createLink={
          <Link to="/orgs/new" className={linkClassName + " shrink-0 text-sm"}>
            Create a business
          </Link>
        }
      />
      {hasPermission(account, { action: "read", entity: "metrics" }) && (
        <NavLink to="/admin/metrics" className={navLinkClass}>
          Metrics
        </NavLink>
      )}
      {hasPermission(account, { action: "write", entity: "content" }) && (
        <NavLink to="/admin/curation" className={navLinkClass}>
          Curation
        </NavLink>
      )}
      {hasPermission(account, { action: "read", entity: "outbox" }) && (
        <NavLink to="/admin/outbox" className={navLinkClass}>
          Outbox
        </NavLink>
      )}
      {hasPermission(account, { action: "read", entity: "jobs" }) && (
        <NavLink to="/admin/jobs" className={navLinkClass}>
          Jobs
        </NavLink>
      )}
      {hasPermission(account, { action: "read", entity: "metrics" }) && (
        <NavLink to="/admin/server" className={navLinkClass}>
          Server
        </NavLink>
      )}
      {hasPermission(account, { action: "read", entity: "users" }) && (
        <NavLink to="/admin/roles" className={navLinkClass}>
          Roles
        </NavLink>
      )}
      <NavLink to="/coach" className={navLinkClass}>
        Coach
      </NavLink>
      <NavLink to="/publish" className={navLinkClass}>
        Publish
      </NavLink>
      <NavLink to="/settings" className={navLinkClass}>
        Settings
      </NavLink>
      <span className="max-w-40 truncate text-sm text-slate-600" data-account-name>
        <span className="sr-only">Signed in as </span>
        {account.name}
      </span>
      <Button variant="secondary" className="py-1.5" onClick={onSignOut} busy={signingOut}>
        Sign out
      </Button>
    </nav>
  );
}

/** Every screen's frame: the header with the account's links, and the screen below it. */
export function Layout() {
  const signOut = useSignOut();
  return (
    <AppShell
      title={
        <Link to="/" className="rounded-sm focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-glow-500">
          Glow
        </Link>
      }
      actions={<AccountNav onSignOut={() => signOut.mutate()} signingOut={signOut.isPending || signOut.isSuccess} />}
    >
      <FormError message={signOut.error ? `Could not sign out. ${errorMessage(signOut.error)}` : null} />
      <Outlet />
      <ScrollRestoration />
    </AppShell>
  );
}

/** The frame while a screen's code is still on its way (a direct visit to an admin screen, which loads on demand). */
export function LayoutFallback() {
  return (
    <AppShell title="Glow">
      <Spinner label="Loading" />
    </AppShell>
  );
}
