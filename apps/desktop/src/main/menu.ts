// The native application menu. The template is built by a pure function (tested without
// Electron); its items send commands to the page, which does the work.
import { Menu, type MenuItemConstructorOptions } from "electron";
import { SCREENS, type AppCommand } from "../shared/screens.ts";

export interface MenuOptions {
  platform: NodeJS.Platform;
  appName: string;
  /** Developer tools and a real page reload only outside a packaged app. */
  development: boolean;
  send(command: AppCommand): void;
}

export function buildMenuTemplate({ platform, appName, development, send }: MenuOptions): MenuItemConstructorOptions[] {
  const mac = platform === "darwin";
  const command = (label: string, accelerator: string | null, what: AppCommand): MenuItemConstructorOptions => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => send(what),
  });

  const appMenu: MenuItemConstructorOptions = {
    label: appName,
    submenu: [
      { role: "about" },
      { type: "separator" },
      command("Settings…", "Cmd+,", { type: "navigate", screen: "account" }),
      { type: "separator" },
      { role: "services" },
      { type: "separator" },
      { role: "hide" },
      { role: "hideOthers" },
      { role: "unhide" },
      { type: "separator" },
      { role: "quit" },
    ],
  };

  const file: MenuItemConstructorOptions = {
    label: "&File",
    submenu: [
      command("Export Table as CSV…", "CmdOrCtrl+E", { type: "export-table" }),
      command("Send Queued Changes", "CmdOrCtrl+Shift+S", { type: "send-queued" }),
      { type: "separator" },
      ...(mac ? [] : [command("Settings…", "Ctrl+,", { type: "navigate", screen: "account" }), { type: "separator" } as const]),
      command("Sign Out", null, { type: "sign-out" }),
      { type: "separator" },
      mac ? { role: "close" } : { role: "quit" },
    ],
  };

  const view: MenuItemConstructorOptions = {
    label: "&View",
    submenu: [
      command("Command Palette…", "CmdOrCtrl+K", { type: "command-palette" }),
      // Fetches the data again; it does not reload the page (which would lose what is on screen).
      command("Refresh Data", "CmdOrCtrl+R", { type: "refresh" }),
      { type: "separator" },
      ...SCREENS.map((screen) => command(screen.label, screen.accelerator, { type: "navigate", screen: screen.id })),
      { type: "separator" },
      { role: "resetZoom" },
      { role: "zoomIn" },
      { role: "zoomOut" },
      { type: "separator" },
      { role: "togglefullscreen" },
      ...(development ? [{ type: "separator" } as const, { role: "reload" } as const, { role: "toggleDevTools" } as const] : []),
    ],
  };

  return [
    ...(mac ? [appMenu] : []),
    file,
    { role: "editMenu" },
    view,
    { role: "windowMenu" },
    {
      role: "help",
      submenu: [command("Keyboard Shortcuts", "CmdOrCtrl+/", { type: "command-palette" })],
    },
  ];
}

export function installMenu(options: MenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(options)));
}
