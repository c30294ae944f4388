import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createWindowStateStore, DEFAULT_SIZE, MIN_SIZE, restoreWindowState, trackWindowState, WINDOW_STATE_FILE } from "./window-state.ts";

const LAPTOP = { x: 0, y: 0, width: 1440, height: 875 };
const MONITOR = { x: 1440, y: 0, width: 2560, height: 1415 };

describe("restoreWindowState", () => {
  it("keeps a saved size and place that are on a screen", () => {
    expect(restoreWindowState({ x: 1600, y: 100, width: 1400, height: 900, maximized: true }, [LAPTOP, MONITOR])).toEqual({
      x: 1600,
      y: 100,
      width: 1400,
      height: 900,
      maximized: true,
    });
  });

  it("drops a place left on a screen that is gone (the window opens centred instead)", () => {
    expect(restoreWindowState({ x: 1600, y: 100, width: 1200, height: 800, maximized: false }, [LAPTOP])).toEqual({
      width: 1200,
      height: 800,
      maximized: false,
    });
    // Title bar above the screen: it could not be dragged back.
    expect(restoreWindowState({ x: 100, y: -500, width: 1200, height: 800 }, [LAPTOP])).not.toHaveProperty("x");
  });

  it("fits the size between the minimum and the largest screen", () => {
    expect(restoreWindowState({ width: 100, height: 100 }, [LAPTOP])).toMatchObject({ width: MIN_SIZE.width, height: MIN_SIZE.height });
    expect(restoreWindowState({ width: 9000, height: 9000 }, [LAPTOP, MONITOR])).toMatchObject({
      width: MONITOR.width,
      height: MONITOR.height,
    });
  });

  it.each([[null], ["{"], [{ width: "wide", height: 1.5, x: "left", maximized: "yes" }], [[1, 2]]])(
    "starts from the defaults for %j",
    (saved) => {
      expect(restoreWindowState(saved, [LAPTOP])).toEqual({
        width: DEFAULT_SIZE.width,
        height: Math.min(DEFAULT_SIZE.height, LAPTOP.height),
        maximized: false,
      });
    },
  );
});

describe("the window state file", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "glow-desktop-window-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it("is saved as JSON in userData and read back; a damaged file reads as nothing", async () => {
    const store = createWindowStateStore({ dir });
    expect(await store.load()).toBeNull();
    await store.save({ x: 10, y: 20, width: 1000, height: 700, maximized: false });
    expect(JSON.parse(await readFile(path.join(dir, WINDOW_STATE_FILE), "utf8"))).toEqual({
      x: 10,
      y: 20,
      width: 1000,
      height: 700,
      maximized: false,
    });
    expect(await createWindowStateStore({ dir }).load()).toEqual({ x: 10, y: 20, width: 1000, height: 700, maximized: false });
    await writeFile(path.join(dir, WINDOW_STATE_FILE), "{ damaged");
    expect(await store.load()).toBeNull();
  });

  it("follows the window: saved a moment after it moves or resizes, and as it closes", async () => {
    vi.useFakeTimers();
    try {
      const listeners = new Map<string, () => void>();
      let bounds = { x: 0, y: 0, width: 1280, height: 800 };
      let maximized = false;
      const window = {
        getNormalBounds: () => bounds,
        isMaximized: () => maximized,
        isDestroyed: () => false,
        on: (event: string, listener: () => void) => listeners.set(event, listener),
      };
      const save = vi.fn<(state: unknown) => Promise<void>>(async () => {});
      trackWindowState(window as never, { save }, { delayMs: 100 });
      bounds = { x: 50, y: 60, width: 1100, height: 700 };
      listeners.get("move")?.();
      listeners.get("resize")?.();
      expect(save).not.toHaveBeenCalled();
      vi.advanceTimersByTime(100);
      expect(save).toHaveBeenCalledTimes(1);
      expect(save).toHaveBeenLastCalledWith({ x: 50, y: 60, width: 1100, height: 700, maximized: false });

      maximized = true;
      listeners.get("maximize")?.();
      listeners.get("close")?.();
      expect(save).toHaveBeenCalledTimes(2);
      // The normal bounds, so that un-maximizing next time returns to them.
      expect(save).toHaveBeenLastCalledWith({ x: 50, y: 60, width: 1100, height: 700, maximized: true });
      vi.advanceTimersByTime(500);
      expect(save).toHaveBeenCalledTimes(2);
    } finally {
      vi.useRealTimers();
    }
  });
});
