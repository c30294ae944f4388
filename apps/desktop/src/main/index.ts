// The Electron main process: one locked-down window over the bundled renderer, the native
// menu and tray, glow:// links, and the services the preload's bridge reaches over IPC.
import path from "node:path";
import { app, BrowserWindow, dialog, screen, session, shell } from "electron";
import { IpcEvent } from "../shared/bridge.ts";
import type { AppCommand } from "../shared/screens.ts";
import { createApiProxy } from "./api-proxy.ts";
import { registerAppScheme, serveRenderer } from "./app-protocol.ts";
import { APP_ENTRY_URL, appOriginOf } from "./app-url.ts";
import { createAuth } from "./auth.ts";
import { createCsvExport } from "./csv-export.ts";
import { createLinkInbox, deepLinkFromArgv, PROTOCOL } from "./deep-link.ts";
import { loadMainEnv } from "./env.ts";
import { registerIpcHandlers } from "./ipc.ts";
import { installMenu } from "./menu.ts";
import { guardNavigation } from "./navigation.ts";
import { notify, replayNotice } from "./notifications.ts";
import { createProviderSignIn } from "./oauth.ts";
import { denyAllPermissions } from "./permissions.ts";
import { serverFetch } from "./server-fetch.ts";
import { createSettingsStore } from "./settings.ts";
import { claimSingleInstance } from "./single-instance.ts";
import { createTokenStore } from "./token-store.ts";
import { createTray, type GlowTray } from "./tray.ts";
import { createMainWindow, revealWindow } from "./window.ts";
import { createWindowStateStore, restoreWindowState, trackWindowState } from "./window-state.ts";
import { createWriteQueue } from "./write-queue.ts";

const env = loadMainEnv();
// Only an unpackaged app loads a page named by the environment (electron-vite's dev server).
const rendererUrl = !app.isPackaged && env.rendererDevUrl ? env.rendererDevUrl : APP_ENTRY_URL;
const appOrigin = appOriginOf(rendererUrl);
// Both emitted by electron-vite next to out/main (see electron.vite.config.ts).
const preloadPath = path.join(import.meta.dirname, "../preload/index.cjs");
const rendererDir = path.join(import.meta.dirname, "../renderer");
/** How often main tries to send queued writes while any wait. */
const REPLAY_INTERVAL_MS = 10_000;

let mainWindow: BrowserWindow | null = null;
/** glow:// links wait here until the services that handle them exist. */
const links = createLinkInbox();

function reveal(): void {
  if (mainWindow && !mainWindow.isDestroyed()) revealWindow(mainWindow);
}

registerAppScheme();
app.enableSandbox();

// A second launch (Windows and Linux open glow:// links by starting the app) hands its
// command line to this one and quits.
const primary = claimSingleInstance(app, (argv) => {
  reveal();
  const link = deepLinkFromArgv(argv);
  if (link) links.receive(link);
});

if (primary) {
  // An unpackaged app is `electron path/to/app`: the OS must start it with that argument.
  if (process.defaultApp && process.argv[1]) app.setAsDefaultProtocolClient(PROTOCOL, process.execPath, [path.resolve(process.argv[1])]);
  else app.setAsDefaultProtocolClient(PROTOCOL);
  // macOS delivers links as an event, possibly before the app is ready.
  app.on("open-url", (event, url) => {
    event.preventDefault();
    links.receive(url);
  });
  const launchLink = deepLinkFromArgv(process.argv);
  if (launchLink) links.receive(launchLink);

  app.on("web-contents-created", (_event, contents) => guardNavigation(contents, appOrigin));
  app.on("window-all-closed", () => {
    if (process.platform !== "darwin") app.quit();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      console.error("Glow could not start", error);
      app.exit(1);
    });
}

async function start(): Promise<void> {
  denyAllPermissions(session.defaultSession);
  serveRenderer(rendererDir);
  const userData = app.getPath("userData");
  const settings = createSettingsStore({ dir: userData, serverUrlOverride: env.serverUrlOverride });
  // safeStorage works only once the app is ready, which it is here.
  const tokens = createTokenStore({ dir: userData });
  const fetch = serverFetch({ userAgent: `GlowDesktop/${app.getVersion()} (${process.platform})` });

  function sendToPage(channel: string, payload: unknown): void {
    if (mainWindow && !mainWindow.isDestroyed()) mainWindow.webContents.send(channel, payload);
  }
  function command(what: AppCommand): void {
    reveal();
    sendToPage(IpcEvent.command, what);
  }

  let tray: GlowTray | null = null;
  const writes = createWriteQueue({
    dir: userData,
    settings,
    tokens,
    fetch,
    onChange(state) {
      sendToPage(IpcEvent.writesChanged, state);
      tray?.setAlertCount(state.writes.length);
      app.setBadgeCount(state.writes.length);
    },
    onReplayed: (report) => notify(replayNotice(report), () => command({ type: "navigate", screen: "queue" })),
  });
  const providerSignIn = createProviderSignIn({ settings, tokens, fetch, openExternal: (url) => shell.openExternal(url) });
  const csv = createCsvExport({
    showSaveDialog: (options) =>
      mainWindow && !mainWindow.isDestroyed() ? dialog.showSaveDialog(mainWindow, options) : dialog.showSaveDialog(options),
    defaultDir: () => app.getPath("downloads"),
  });
  registerIpcHandlers(
    {
      settings,
      auth: createAuth({ settings, tokens, fetch }),
      providerSignIn,
      api: createApiProxy({ settings, tokens, fetch }),
      writes,
      csv,
    },
    appOrigin,
  );
  installMenu({ platform: process.platform, appName: app.name, development: !app.isPackaged, send: command });

  const windowStates = createWindowStateStore({ dir: userData });
  async function open(): Promise<void> {
    const state = restoreWindowState(
      await windowStates.load(),
      screen.getAllDisplays().map((display) => display.workArea),
    );
    const window = createMainWindow({ preloadPath, rendererUrl, state });
    mainWindow = window;
    trackWindowState(window, windowStates);
    window.on("closed", () => {
      if (mainWindow === window) mainWindow = null;
    });
  }
  await open();

  try {
    tray = createTray({
      open: () => (mainWindow ? reveal() : void open()),
      showQueue: () => command({ type: "navigate", screen: "queue" }),
      quit: () => app.quit(),
    });
  } catch (error) {
    // Some Linux desktops have no tray; the app works without it.
    console.warn("No tray icon", error);
  }
  const queued = (await writes.state()).writes.length;
  tray?.setAlertCount(queued);
  app.setBadgeCount(queued);
  writes.replayEvery(REPLAY_INTERVAL_MS);

  links.handleWith((url) => {
    reveal();
    providerSignIn
      .handleDeepLink(url)
      .then((handled) => {
        if (!handled) console.warn("Ignored a glow:// link that finishes no sign-in");
      })
      .catch((error: unknown) => console.error("Could not finish the sign-in", error));
  });

  // macOS keeps the app running with no window; clicking the dock icon opens one again.
  app.on("activate", () => {
    if (BrowserWindow.getAllWindows().length === 0) void open();
  });
}
