// The window's size, place and maximized state, kept in userData for the next start. A
// saved place that is no longer on any screen (a monitor was unplugged) is dropped, so the
// window never opens where nobody can see it.
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { BrowserWindow, Rectangle } from "electron";

export const WINDOW_STATE_FILE = "window-state.json";
export const DEFAULT_SIZE = { width: 1280, height: 800 } as const;
export const MIN_SIZE = { width: 640, height: 480 } as const;
/** At least this much of the title bar must be on a screen. */
const VISIBLE_MARGIN = 48;

export interface WindowState {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

const isInteger = (value: unknown): value is number => typeof value === "number" && Number.isInteger(value);

function visibleOn(bounds: Rectangle, workArea: Rectangle): boolean {
  const overlapX = Math.min(bounds.x + bounds.width, workArea.x + workArea.width) - Math.max(bounds.x, workArea.x);
  const titleBarOnScreen = bounds.y >= workArea.y && bounds.y < workArea.y + workArea.height - VISIBLE_MARGIN / 2;
  return overlapX >= VISIBLE_MARGIN && titleBarOnScreen;
}

/** A usable state from whatever was saved, fitted to today's screens (their work areas). */
export function restoreWindowState(saved: unknown, workAreas: readonly Rectangle[]): WindowState {
  const value = typeof saved === "object" && saved !== null ? (saved as Record<string, unknown>) : {};
  const largest = workAreas.reduce<Rectangle | null>(
    (best, area) => (!best || area.width * area.height > best.width * best.height ? area : best),
    null,
  );
  const fit = (size: unknown, min: number, max: number | undefined, fallback: number) => {
    const wanted = isInteger(size) ? size : fallback;
    return Math.max(min, max === undefined ? wanted : Math.min(wanted, max));
  };
  const width = fit(value.width, MIN_SIZE.width, largest?.width, DEFAULT_SIZE.width);
  const height = fit(value.height, MIN_SIZE.height, largest?.height, DEFAULT_SIZE.height);
  const state: WindowState = { width, height, maximized: value.maximized === true };
  if (isInteger(value.x) && isInteger(value.y)) {
    const bounds = { x: value.x, y: value.y, width, height };
    if (workAreas.some((area) => visibleOn(bounds, area))) Object.assign(state, { x: value.x, y: value.y });
  }
  return state;
}

export interface WindowStateStore {
  load(): Promise<unknown>;
  save(state: WindowState): Promise<void>;
}

export function createWindowStateStore(options: { dir: string }): WindowStateStore {
  const file = path.join(options.dir, WINDOW_STATE_FILE);
  return {
    async load() {
      try {
        return JSON.parse(await readFile(file, "utf8"));
      } catch {
        return null;
      }
    },
    async save(state) {
      await mkdir(options.dir, { recursive: true });
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, `${JSON.stringify(state)}\n`);
      await rename(temporary, file);
    },
  };
}

type TrackedWindow = Pick<BrowserWindow, "getNormalBounds" | "isMaximized" | "isDestroyed" | "on">;

/** Saves the window's state a moment after it moves or resizes, and as it closes. */
export function trackWindowState(window: TrackedWindow, store: Pick<WindowStateStore, "save">, options: { delayMs?: number } = {}): void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const current = (): WindowState => {
    // The normal bounds: what the window returns to when it is no longer maximized.
    const { x, y, width, height } = window.getNormalBounds();
    return { x, y, width, height, maximized: window.isMaximized() };
  };
  const save = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (window.isDestroyed()) return;
    store.save(current()).catch((error: unknown) => console.warn("Could not save the window's state", error));
  };
  const later = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, options.delayMs ?? 500);
  };
  for (const event of ["resize", "move", "maximize", "unmaximize"] as const) window.on(event as "resize", later);
  window.on("close", save);
}
