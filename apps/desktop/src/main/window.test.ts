import { beforeEach, describe, expect, it, vi } from "vitest";
import { createMainWindow, windowOptions } from "./window.ts";

const electron = vi.hoisted(() => {
  const created: FakeWindow[] = [];
  class FakeWindow {
    readonly listeners = new Map<string, () => void>();
    readonly show = vi.fn<() => void>();
    readonly maximize = vi.fn<() => void>();
    readonly loadURL = vi.fn<(url: string) => Promise<void>>(async () => {});
    readonly options: unknown;
    constructor(options: unknown) {
      this.options = options;
      created.push(this);
    }
    once(event: string, listener: () => void): void {
      this.listeners.set(event, listener);
    }
  }
  return { created, FakeWindow };
});
vi.mock("electron", () => ({ BrowserWindow: electron.FakeWindow }));

beforeEach(() => {
  electron.created.length = 0;
});

describe("windowOptions", () => {
  it("isolates and sandboxes the renderer, with no Node.js in it", () => {
    const { webPreferences } = windowOptions("/app/out/preload/index.cjs");
    expect(webPreferences).toMatchObject({
      preload: "/app/out/preload/index.cjs",
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

describe("createMainWindow", () => {
  it("loads the renderer and shows the window once it has painted", () => {
    createMainWindow({ preloadPath: "/p/index.cjs", rendererUrl: "app://glow/index.html" });
    const [mainWindow] = electron.created;
    expect(mainWindow?.options).toEqual(windowOptions("/p/index.cjs"));
    expect(mainWindow?.loadURL).toHaveBeenCalledWith("app://glow/index.html");
    expect(mainWindow?.show).not.toHaveBeenCalled();
    mainWindow?.listeners.get("ready-to-show")?.();
    expect(mainWindow?.show).toHaveBeenCalled();
  });
});

describe("window state", () => {
  it("opens at the saved place and size, maximized if it was", () => {
    createMainWindow({
      preloadPath: "/p/index.cjs",
      rendererUrl: "app://glow/index.html",
      state: { x: 40, y: 30, width: 1100, height: 700, maximized: true },
    });
    const [mainWindow] = electron.created;
    const options = mainWindow?.options as ReturnType<typeof windowOptions>;
    expect(options).toMatchObject({ x: 40, y: 30, width: 1100, height: 700 });
    // The saved state never loosens the security options.
    expect(options.webPreferences).toEqual(windowOptions("/p/index.cjs").webPreferences);
    mainWindow?.listeners.get("ready-to-show")?.();
    expect(mainWindow?.maximize).toHaveBeenCalled();
    expect(mainWindow?.show).toHaveBeenCalled();
  });

  it("lets the OS place a window with no saved place", () => {
    expect(windowOptions("/p/index.cjs", { width: 900, height: 600, maximized: false })).not.toHaveProperty("x");
  });
});
