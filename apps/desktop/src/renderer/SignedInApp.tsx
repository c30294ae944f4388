import { AppShell, Button, cn, ErrorMessage } from "@glow/ui";
import { useState } from "react";
import { MemoryRouter, Navigate, NavLink, Route, Routes } from "react-router";
import type { Account, GlowBridge, ServerUrlUpdate } from "../shared/bridge.ts";
import { AccountScreen, AdminAccessNote } from "./AccountScreen.tsx";
import { UsersScreen } from "./users/UsersScreen.tsx";

/** Admin screens need the admin role (the server's adminProcedure checks the same). */
export function isAdmin(account: Account): boolean {
  return account.roles.includes("admin");
}

function SectionLink({ to, children }: { to: string; children: string }) {
  return (
    <NavLink
      to={to}
      end
      className={({ isActive }) =>
        cn(
          "rounded-lg px-3 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-glow-500",
          isActive ? "bg-glow-100 text-glow-700" : "text-slate-600 hover:bg-slate-100",
        )
      }
    >
      {children}
    </NavLink>
  );
}

export function SignedInApp({
  account,
  bridge,
  onSignedOut,
  onSaveServerUrl,
}: {
  account: Account;
  bridge: GlowBridge;
  onSignedOut(notice: string | null): void;
  onSaveServerUrl(url: string): Promise<ServerUrlUpdate>;
}) {
  const [signingOut, setSigningOut] = useState(false);
  const [signOutError, setSignOutError] = useState<string | null>(null);
  const admin = isAdmin(account);

  async function signOut(): Promise<void> {
    setSigningOut(true);
    setSignOutError(null);
    try {
      const { endedOnServer } = await bridge.auth.signOut();
      onSignedOut(
        endedOnServer ? null : "You are signed out on this computer. The server could not be reached, so your session there ends when it expires.",
      );
    } catch {
      setSigningOut(false);
      setSignOutError("Could not sign out: the app did not answer. Restart it and try again.");
    }
  }

  const actions = (
    <div className="flex items-center gap-3">
      <span className="text-right text-sm leading-tight">
        <span className="block font-medium text-slate-900" data-testid="account-name">
          {account.name}
        </span>
        {account.email && <span className="block text-xs text-slate-500">{account.email}</span>}
      </span>
      <Button variant="secondary" busy={signingOut} onClick={() => void signOut()}>
        Sign out
      </Button>
    </div>
  );

  // In memory: the window's URL stays the app's entry page, and a new sign-in starts at the top.
  return (
    <MemoryRouter>
      <AppShell title="Glow" actions={actions}>
        {signOutError && <ErrorMessage message={signOutError} />}
        <nav aria-label="Sections" className="flex gap-2">
          <SectionLink to="/">Account</SectionLink>
          {admin && <SectionLink to="/users">Users</SectionLink>}
        </nav>
        <Routes>
          <Route path="/" element={<AccountScreen account={account} admin={admin} onSaveServerUrl={onSaveServerUrl} />} />
          <Route path="/users" element={admin ? <UsersScreen currentAccount={account} /> : <AdminAccessNote />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </AppShell>
    </MemoryRouter>
  );
}
