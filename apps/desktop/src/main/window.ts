import { BrowserWindow, type BrowserWindowConstructorOptions } from "electron";
import { DEFAULT_SIZE, MIN_SIZE, type WindowState } from "./window-state.ts";

/** The renderer gets no Node.js and runs in Chromium's sandbox; it reaches the system only through the preload bridge. */
export function windowOptions(
  preloadPath: string,
  state: WindowState = { ...DEFAULT_SIZE, maximized: false },
): BrowserWindowConstructorOptions {
  return {
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: "Glow",
    show: false, // shown on ready-to-show, so the window never flashes blank
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    },
  };
}

export function createMainWindow(options: { preloadPath: string; rendererUrl: string; state?: WindowState }): BrowserWindow {
  const mainWindow = new BrowserWindow(windowOptions(options.preloadPath, options.state));
  mainWindow.once("ready-to-show", () => {
    if (options.state?.maximized) mainWindow.maximize();
    mainWindow.show();
  });
  mainWindow.loadURL(options.rendererUrl).catch((error: unknown) => console.error("Could not load the renderer", error));
  return mainWindow;
}

/** Brings the window to the front (a second launch, a deep link, the tray). */
export function revealWindow(window: Pick<BrowserWindow, "isMinimized" | "restore" | "show" | "focus">): void {
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
