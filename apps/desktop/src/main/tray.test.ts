import { describe, expect, it, vi } from "vitest";
import type { QueuedWrite } from "../shared/bridge.ts";
import { replayNotice } from "./notifications.ts";
import { drawTrayIcon, trayMenuTemplate, trayTooltip } from "./tray.ts";

vi.mock("electron", () => ({ Menu: {}, Tray: vi.fn<() => void>(), nativeImage: {}, Notification: vi.fn<() => void>() }));

const write = (label: string, error: string | null = null): QueuedWrite => ({
  id: label,
  procedure: "admin.reset.videos.archive",
  label,
  queuedAt: "2026-01-01T00:00:00.000Z",
  attempts: 1,
  status: error ? "refused" : "waiting",
  error,
});

describe("the tray", () => {
  it("draws a dot, with a red mark while changes wait", () => {
    const size = 32;
    const quiet = drawTrayIcon(size, false);
    const alert = drawTrayIcon(size, true);
    expect(quiet).toHaveLength(size * size * 4);
    const pixel = (bitmap: Buffer, x: number, y: number) => [...bitmap.subarray((y * size + x) * 4, (y * size + x) * 4 + 4)];
    expect(pixel(quiet, 16, 16)).toEqual([0xef, 0x46, 0xd9, 255]); // BGRA of glow-500
    expect(pixel(quiet, 0, 0)[3]).toBe(0); // transparent corner
    expect(pixel(alert, 25, 7)).toEqual([0x26, 0x26, 0xdc, 255]); // the red mark
    expect(pixel(quiet, 25, 7)[2]).not.toBe(0xdc);
  });

  it("counts queued changes in its tooltip and menu", () => {
    expect(trayTooltip(0)).toBe("Glow");
    expect(trayTooltip(1)).toBe("Glow: 1 change waits to be sent");
    expect(trayTooltip(3)).toBe("Glow: 3 changes wait to be sent");
    const actions = { open: vi.fn<() => void>(), showQueue: vi.fn<() => void>(), quit: vi.fn<() => void>() };
    expect(trayMenuTemplate(0, actions)[1]).toMatchObject({ label: "No Queued Changes", enabled: false });
    const menu = trayMenuTemplate(2, actions);
    expect(menu.map((item) => item.label ?? item.type)).toEqual(["Open Glow", "Queued Changes (2)…", "separator", "Quit Glow"]);
    menu[1]?.click?.({} as never, undefined, {} as never);
    expect(actions.showQueue).toHaveBeenCalled();
  });
});

describe("notifications after a replay", () => {
  it("say what was sent, or what was refused and why", () => {
    expect(replayNotice({ sent: [], refused: null })).toBeNull();
    expect(replayNotice({ sent: [write("Archive a video")], refused: null })).toEqual({
      title: "Queued change sent",
      body: "Archive a video",
    });
    expect(replayNotice({ sent: [write("A"), write("B"), write("C"), write("D")], refused: null })).toEqual({
      title: "4 queued changes sent",
      body: "A; B; C…",
    });
    expect(replayNotice({ sent: [write("A")], refused: write("Edit a category", "name: At least 2 characters") })).toEqual({
      title: "A queued change was refused",
      body: "Edit a category: name: At least 2 characters. 1 sent before it. Open Queued changes to retry or discard it.",
    });
  });
});
