// The app's screens, named once for the sidebar, the command palette and the native menu.
import type { PermissionCheck } from "@glow/api/client";

export interface Screen {
  id: string;
  path: string;
  label: string;
  /** What the screen is for, shown in the command palette. */
  description: string;
  /** The native menu's shortcut (Electron accelerator syntax). */
  accelerator: string;
  /** What the server requires to use it (mirrored from its permission checks); null: everyone signed in. */
  permission: PermissionCheck | null;
}

export const SCREENS = [
  {
    id: "account",
    path: "/",
    label: "Account",
    description: "Your account, the server and its status",
    accelerator: "CmdOrCtrl+1",
    permission: null,
  },
  {
    id: "users",
    path: "/users",
    label: "Users",
    description: "Search people, change roles, revoke sessions",
    accelerator: "CmdOrCtrl+2",
    permission: { action: "read", entity: "users" },
  },
  {
    id: "curation",
    path: "/curation",
    label: "Curation",
    description: "Categories, creators and videos; CSV import",
    accelerator: "CmdOrCtrl+3",
    permission: { action: "write", entity: "content" },
  },
  {
    id: "metrics",
    path: "/metrics",
    label: "Metrics",
    description: "People, challenge, plans and a live system panel",
    accelerator: "CmdOrCtrl+4",
    permission: { action: "read", entity: "metrics" },
  },
  {
    id: "requests",
    path: "/requests",
    label: "Request log",
    description: "Every API call: filter, or open one by its request id",
    accelerator: "CmdOrCtrl+5",
    permission: { action: "read", entity: "audit" },
  },
  {
    id: "audit",
    path: "/audit",
    label: "Audit log",
    description: "Who changed what, and when",
    accelerator: "CmdOrCtrl+6",
    permission: { action: "read", entity: "audit" },
  },
  {
    id: "queue",
    path: "/queue",
    label: "Queued changes",
    description: "Changes made offline, waiting to be sent",
    accelerator: "CmdOrCtrl+7",
    permission: null,
  },
  {
    id: "roles",
    path: "/roles",
    label: "Roles",
    description: "What each role may do: grant and revoke permissions",
    accelerator: "CmdOrCtrl+8",
    permission: { action: "read", entity: "users" },
  },
  {
    id: "orgs",
    path: "/orgs",
    label: "Organizations",
    description: "Businesses and teams: search, members and their roles, parents and children",
    accelerator: "CmdOrCtrl+9",
    permission: { action: "read", entity: "organizations" },
  },
  {
    id: "jobs",
    path: "/jobs",
    label: "Jobs",
    description: "Background job queues, dead letters, retry and cancel",
    accelerator: "CmdOrCtrl+Shift+J",
    permission: { action: "read", entity: "jobs" },
  },
  {
    id: "publish-calendar",
    path: "/publish/calendar",
    label: "Publish calendar",
    description: "A workspace's scheduled and published posts, by week or month, and its posting slots",
    accelerator: "CmdOrCtrl+Shift+L",
    // Anyone signed in: the server shows each person only the workspaces they belong to.
    permission: null,
  },
] as const satisfies readonly Screen[];

export type ScreenId = (typeof SCREENS)[number]["id"];

export function isScreenId(value: unknown): value is ScreenId {
  return SCREENS.some((screen) => screen.id === value);
}

export function screenById(id: ScreenId): Screen {
  return SCREENS.find((screen) => screen.id === id)!;
}

/** What the native menu (and the tray) ask the page to do. */
export type AppCommand =
  | { type: "navigate"; screen: ScreenId }
  | { type: "command-palette" }
  | { type: "refresh" }
  | { type: "export-table" }
  | { type: "send-queued" }
  | { type: "sign-out" };

export function isAppCommand(value: unknown): value is AppCommand {
  if (typeof value !== "object" || value === null) return false;
  const { type, screen } = value as { type?: unknown; screen?: unknown };
  if (type === "navigate") return isScreenId(screen);
  return type === "command-palette" || type === "refresh" || type === "export-table" || type === "send-queued" || type === "sign-out";
}
