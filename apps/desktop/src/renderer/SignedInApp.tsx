import { hasPermission, RolesEditor } from "@glow/react";
import { Badge, Button, cn, ErrorMessage } from "@glow/ui";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { MemoryRouter, Navigate, NavLink, Route, Routes, useLocation, useNavigate } from "react-router";
import type { Account, GlowBridge, ServerUrlUpdate } from "../shared/bridge.ts";
import { SCREENS, type AppCommand, type Screen } from "../shared/screens.ts";
import { AccountScreen, AdminAccessNote } from "./AccountScreen.tsx";
import { AuditScreen } from "./audit/AuditScreen.tsx";
import { CommandPalette, type PaletteEntry } from "./CommandPalette.tsx";
import { CurationScreen } from "./curation/CurationScreen.tsx";
import { MetricsScreen } from "./metrics/MetricsScreen.tsx";
import { OfflineBanner } from "./OfflineBanner.tsx";
import { JobsScreen } from "./jobs/JobsScreen.tsx";
import { OrgsScreen } from "./orgs/OrgsScreen.tsx";
import { CalendarScreen } from "./publish/CalendarScreen.tsx";
import { QueueScreen } from "./queue/QueueScreen.tsx";
import { useWriteQueue, WriteQueueProvider } from "./queue/WriteQueueProvider.tsx";
import { RequestsScreen } from "./requests/RequestsScreen.tsx";
import { ExportProvider, ExportStatus, useExportCurrentTable } from "./table/export.tsx";
import { ConfirmDialog } from "./ui/ConfirmDialog.tsx";
import { UsersScreen } from "./users/UsersScreen.tsx";

/** Whether the account may manage people (the Users screen); other admin screens each name their permission. */
export function isAdmin(account: Account): boolean {
  return hasPermission(account, { action: "read", entity: "users" });
}

function mayUse(account: Account, screen: Screen): boolean {
  return screen.permission === null || hasPermission(account, screen.permission);
}

/** "CmdOrCtrl+3" as this platform writes it. */
function shortcutLabel(accelerator: string, platform: string): string {
  return platform === "darwin" ? accelerator.replace("CmdOrCtrl+", "⌘").replace("Cmd+", "⌘") : accelerator.replace("CmdOrCtrl", "Ctrl");
}

interface SignedInAppProps {
  account: Account;
  bridge: GlowBridge;
  onSignedOut(notice: string | null): void;
  onSaveServerUrl(url: string): Promise<ServerUrlUpdate>;
}

export function SignedInApp(props: SignedInAppProps) {
  // In memory: the window's URL stays the app's entry page, and a new sign-in starts at the top.
  return (
    <MemoryRouter>
      <WriteQueueProvider writes={props.bridge.writes}>
        <ExportProvider files={props.bridge.files}>
          <Workspace {...props} />
        </ExportProvider>
      </WriteQueueProvider>
    </MemoryRouter>
  );
}

function Workspace({ account, bridge, onSignedOut, onSaveServerUrl }: SignedInAppProps) {
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const queue = useWriteQueue();
  const exportCurrentTable = useExportCurrentTable();
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [signingOut, setSigningOut] = useState(false);
  const [confirmSignOut, setConfirmSignOut] = useState(false);
  const [signOutError, setSignOutError] = useState<string | null>(null);
  const admin = isAdmin(account);
  const screens = SCREENS.filter((screen) => mayUse(account, screen));
  const queued = queue.state.writes.length;

  async function signOut(): Promise<void> {
    setConfirmSignOut(false);
    setSigningOut(true);
    setSignOutError(null);
    try {
      const { endedOnServer } = await bridge.auth.signOut();
      onSignedOut(
        endedOnServer
          ? null
          : "You are signed out on this computer. The server could not be reached, so your session there ends when it expires.",
      );
    } catch {
      setSigningOut(false);
      setSignOutError("Could not sign out: the app did not answer. Restart it and try again.");
    }
  }

  /** Sign-out discards queued writes (they were this person's), so it asks first when there are some. */
  function askToSignOut(): void {
    if (queued > 0) setConfirmSignOut(true);
    else void signOut();
  }

  function run(command: AppCommand): void {
    switch (command.type) {
      case "navigate": {
        const screen = SCREENS.find((candidate) => candidate.id === command.screen);
        if (screen) void navigate(screen.path);
        break;
      }
      case "command-palette":
        setPaletteOpen(true);
        break;
      case "refresh":
        void queryClient.invalidateQueries();
        break;
      case "export-table":
        void exportCurrentTable();
        break;
      case "send-queued":
        void queue.replay();
        break;
      case "sign-out":
        askToSignOut();
        break;
    }
  }

  // The menu and the tray send commands; the latest `run` sees the latest state.
  const runRef = useRef(run);
  useEffect(() => {
    runRef.current = run;
  });
  useEffect(() => bridge.onCommand((command) => runRef.current(command)), [bridge]);

  // Ctrl/Cmd+K also works where the native menu does not catch it first (and in tests).
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "k") {
        event.preventDefault();
        setPaletteOpen(true);
      }
    }
    window.addEventListener("keydown", onKeyDown);
    return () => window.removeEventListener("keydown", onKeyDown);
  }, []);

  const paletteEntries: PaletteEntry[] = [
    ...screens.map((screen) => ({
      id: `screen:${screen.id}`,
      group: "Go to" as const,
      label: screen.label,
      hint: screen.description,
      shortcut: shortcutLabel(screen.accelerator, bridge.platform),
      run: () => run({ type: "navigate", screen: screen.id }),
    })),
    {
      id: "refresh",
      group: "Actions",
      label: "Refresh data",
      hint: "Fetch what is on screen again",
      shortcut: shortcutLabel("CmdOrCtrl+R", bridge.platform),
      run: () => run({ type: "refresh" }),
    },
    {
      id: "export",
      group: "Actions",
      label: "Export current table as CSV",
      hint: "Save the table on screen, as filtered and sorted",
      shortcut: shortcutLabel("CmdOrCtrl+E", bridge.platform),
      run: () => run({ type: "export-table" }),
    },
    {
      id: "send-queued",
      group: "Actions",
      label: "Send queued changes now",
      hint: `${queued} waiting`,
      run: () => run({ type: "send-queued" }),
    },
    { id: "sign-out", group: "Actions", label: "Sign out", hint: account.email ?? account.name, run: () => run({ type: "sign-out" }) },
  ];

  const guarded = (screenId: Screen["id"], element: ReactNode) => {
    const screen = SCREENS.find((candidate) => candidate.id === screenId)!;
    return mayUse(account, screen) ? element : <AdminAccessNote />;
  };

  return (
    <div className="flex min-h-screen bg-glow-50 font-sans text-slate-800">
      <aside className="w-56 shrink-0 border-r border-slate-200 bg-white">
        <div className="sticky top-0 flex h-screen flex-col gap-4 px-3 py-4">
          <span className="flex items-center gap-2 px-2 text-lg font-bold text-glow-700">
            <span aria-hidden="true" className="size-3 rounded-full bg-glow-500" />
            Glow
          </span>
          <button
            type="button"
            onClick={() => setPaletteOpen(true)}
            aria-keyshortcuts={bridge.platform === "darwin" ? "Meta+K" : "Control+K"}
            className="flex items-center justify-between rounded-lg px-2 py-1.5 text-left text-sm text-slate-500 ring-1 ring-slate-200 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-glow-500"
          >
            Jump to…
            <kbd aria-hidden="true" className="rounded bg-slate-100 px-1.5 font-sans text-xs">
              {shortcutLabel("CmdOrCtrl+K", bridge.platform)}
            </kbd>
          </button>
          <nav aria-label="Sections" className="flex flex-col gap-0.5">
            {screens.map((screen) => (
              <NavLink
                key={screen.id}
                to={screen.path}
                end={screen.path === "/"}
                aria-keyshortcuts={shortcutLabel(screen.accelerator, "linux").replace("Ctrl", "Control")}
                className={({ isActive }) =>
                  cn(
                    "flex items-center justify-between rounded-lg px-2 py-1.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-glow-500",
                    isActive ? "bg-glow-100 text-glow-700" : "text-slate-600 hover:bg-slate-100",
                  )
                }
              >
                <span>{screen.label}</span>
                {screen.id === "queue" && queued > 0 && <Badge tone="warning">{queued}</Badge>}
              </NavLink>
            ))}
          </nav>
          <div className="mt-auto flex flex-col gap-2 border-t border-slate-100 px-2 pt-3 text-sm">
            <span className="leading-tight">
              <span className="block truncate font-medium text-slate-900" data-testid="account-name">
                {account.name}
              </span>
              {account.email && <span className="block truncate text-xs text-slate-500">{account.email}</span>}
            </span>
            <Button variant="secondary" busy={signingOut} onClick={askToSignOut}>
              Sign out
            </Button>
          </div>
        </div>
      </aside>
      <main className="flex min-w-0 flex-1 flex-col gap-4 px-6 py-5" data-screen={location.pathname}>
        <OfflineBanner />
        <ExportStatus />
        {signOutError && <ErrorMessage message={signOutError} />}
        <Routes>
          <Route path="/" element={<AccountScreen account={account} admin={admin} onSaveServerUrl={onSaveServerUrl} />} />
          <Route path="/users" element={guarded("users", <UsersScreen currentAccount={account} />)} />
          <Route path="/curation/*" element={guarded("curation", <CurationScreen />)} />
          <Route path="/metrics" element={guarded("metrics", <MetricsScreen />)} />
          <Route path="/requests" element={guarded("requests", <RequestsScreen />)} />
          <Route path="/audit" element={guarded("audit", <AuditScreen />)} />
          <Route path="/queue" element={<QueueScreen />} />
          <Route path="/roles" element={guarded("roles", <RolesEditor account={account} />)} />
          <Route path="/orgs" element={guarded("orgs", <OrgsScreen currentAccount={account} />)} />
          <Route path="/jobs" element={guarded("jobs", <JobsScreen account={account} />)} />
          <Route path="/publish/calendar" element={<CalendarScreen />} />
          <Route path="*" element={<Navigate to="/" replace />} />
        </Routes>
      </main>
      <CommandPalette open={paletteOpen} entries={paletteEntries} onClose={() => setPaletteOpen(false)} />
      <ConfirmDialog
        open={confirmSignOut}
        title={`Sign out and discard ${queued} queued ${queued === 1 ? "change" : "changes"}?`}
        confirmLabel="Sign out"
        onConfirm={() => void signOut()}
        onCancel={() => setConfirmSignOut(false)}
      >
        <p>
          Changes waiting for the server belong to this account: signing out discards them. Stay signed in to have them sent when the server
          answers.
        </p>
      </ConfirmDialog>
    </div>
  );
}
