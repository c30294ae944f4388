import { BrowserWindow, type BrowserWindowConstructorOptions } from "electron";

/** The renderer gets no Node.js and runs in Chromium's sandbox; it reaches the system only through the preload bridge. */
export function windowOptions(preloadPath: string): BrowserWindowConstructorOptions {
  return {
    width: 1024,
    height: 720,
    minWidth: 480,
    minHeight: 360,
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

export function createMainWindow(options: { preloadPath: string; rendererUrl: string }): BrowserWindow {
  const mainWindow = new BrowserWindow(windowOptions(options.preloadPath));
  mainWindow.once("ready-to-show", () => mainWindow.show());
  mainWindow.loadURL(options.rendererUrl).catch((error: unknown) => console.error("Could not load the renderer", error));
  return mainWindow;
}
