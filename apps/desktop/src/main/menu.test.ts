import type { MenuItemConstructorOptions } from "electron";
import { describe, expect, it, vi } from "vitest";
import { SCREENS, type AppCommand } from "../shared/screens.ts";
import { buildMenuTemplate } from "./menu.ts";

vi.mock("electron", () => ({ Menu: {} }));

function template(platform: NodeJS.Platform, development = false) {
  const sent: AppCommand[] = [];
  const menus = buildMenuTemplate({ platform, appName: "Glow", development, send: (command) => sent.push(command) });
  const items = (menu: MenuItemConstructorOptions) => (Array.isArray(menu.submenu) ? menu.submenu : []);
  const all = menus.flatMap(items);
  const item = (label: string) => {
    const found = all.find((candidate) => candidate.label === label);
    if (!found) throw new Error(`no menu item ${label}`);
    return found;
  };
  const click = (label: string) => item(label).click?.({} as never, undefined, {} as never);
  return { menus, all, item, click, sent };
}

describe("the application menu", () => {
  it("has a shortcut for every screen, and sends the page a command to go there", () => {
    const { item, click, sent } = template("linux");
    for (const screen of SCREENS) {
      expect(item(screen.label).accelerator).toBe(screen.accelerator);
      click(screen.label);
    }
    expect(sent).toEqual(SCREENS.map((screen) => ({ type: "navigate", screen: screen.id })));
  });

  it("opens the command palette with Ctrl/Cmd+K, refreshes data with Ctrl/Cmd+R, exports with Ctrl/Cmd+E", () => {
    const { item, click, sent } = template("win32");
    expect(item("Command Palette…").accelerator).toBe("CmdOrCtrl+K");
    expect(item("Refresh Data").accelerator).toBe("CmdOrCtrl+R");
    expect(item("Export Table as CSV…").accelerator).toBe("CmdOrCtrl+E");
    for (const label of [
      "Command Palette…",
      "Refresh Data",
      "Export Table as CSV…",
      "Send Queued Changes",
      "Sign Out",
      "Keyboard Shortcuts",
    ])
      click(label);
    expect(sent).toEqual([
      { type: "command-palette" },
      { type: "refresh" },
      { type: "export-table" },
      { type: "send-queued" },
      { type: "sign-out" },
      { type: "command-palette" },
    ]);
  });

  it("uses shortcuts that do not collide", () => {
    const accelerators = template("linux").all.flatMap((entry) => (entry.accelerator ? [String(entry.accelerator)] : []));
    expect(new Set(accelerators).size).toBe(accelerators.length);
  });

  it("follows macOS conventions there: an app menu first, Settings with Cmd+, and Close instead of Quit in File", () => {
    const mac = template("darwin");
    expect(mac.menus[0]?.label).toBe("Glow");
    expect(mac.item("Settings…").accelerator).toBe("Cmd+,");
    const file = mac.menus.find((menu) => menu.label === "&File")?.submenu as MenuItemConstructorOptions[];
    expect(file.map((entry) => entry.role).filter(Boolean)).toEqual(["close"]);

    const linux = template("linux");
    expect(linux.menus[0]?.label).toBe("&File");
    expect(linux.item("Settings…").accelerator).toBe("Ctrl+,");
    expect(linux.all.some((entry) => entry.role === "quit")).toBe(true);
    expect(linux.menus.map((menu) => menu.role ?? menu.label)).toEqual(["&File", "editMenu", "&View", "windowMenu", "help"]);
  });

  it("offers developer tools and a page reload only in development", () => {
    const roles = (development: boolean) => template("linux", development).all.map((entry) => entry.role);
    expect(roles(false)).not.toContain("toggleDevTools");
    expect(roles(false)).not.toContain("reload");
    expect(roles(true)).toEqual(expect.arrayContaining(["toggleDevTools", "reload"]));
  });
});
