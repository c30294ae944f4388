// The Electron main process: one locked-down window over the bundled renderer.
import path from "node:path";
import { app, BrowserWindow, session } from "electron";
import { createApiProxy } from "./api-proxy.ts";
import { registerAppScheme, serveRenderer } from "./app-protocol.ts";
import { APP_ENTRY_URL, appOriginOf } from "./app-url.ts";
import { createAuth } from "./auth.ts";
import { loadMainEnv } from "./env.ts";
import { registerIpcHandlers } from "./ipc.ts";
import { guardNavigation } from "./navigation.ts";
import { denyAllPermissions } from "./permissions.ts";
import { serverFetch } from "./server-fetch.ts";
import { createSettingsStore } from "./settings.ts";
import { createTokenStore } from "./token-store.ts";
import { createMainWindow } from "./window.ts";

const env = loadMainEnv();
// Only an unpackaged app loads a page named by the environment (electron-vite's dev server).
const rendererUrl = !app.isPackaged && env.rendererDevUrl ? env.rendererDevUrl : APP_ENTRY_URL;
const appOrigin = appOriginOf(rendererUrl);
// Both emitted by electron-vite next to out/main (see electron.vite.config.ts).
const preloadPath = path.join(import.meta.dirname, "../preload/index.cjs");
const rendererDir = path.join(import.meta.dirname, "../renderer");

registerAppScheme();
app.enableSandbox();
app.on("web-contents-created", (_event, contents) => guardNavigation(contents, appOrigin));
app.on("window-all-closed", () => {
  if (process.platform !== "darwin") app.quit();
});

function start(): void {
  denyAllPermissions(session.defaultSession);
  serveRenderer(rendererDir);
  const userData = app.getPath("userData");
  const settings = createSettingsStore({ dir: userData, serverUrlOverride: env.serverUrlOverride });
  // safeStorage works only once the app is ready, which it is here.
  const tokens = createTokenStore({ dir: userData });
  const fetch = serverFetch({ userAgent: `GlowDesktop/${app.getVersion()} (${process.platform})` });
  registerIpcHandlers(
    { settings, auth: createAuth({ settings, tokens, fetch }), api: createApiProxy({ settings, tokens, fetch }) },
    appOrigin,
  );
  const open = () => createMainWindow({ preloadPath, rendererUrl });
  open();
  // macOS keeps the app running with no window; clicking the dock icon opens one again.
  app.on("activate", () => {
    if (BrowserWindow.getAllWindows().length === 0) open();
  });
}

app
  .whenReady()
  .then(start)
  .catch((error: unknown) => {
    console.error("Glow could not start", error);
    app.exit(1);
  });
