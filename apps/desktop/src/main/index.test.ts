// The main entry's wiring, with Electron replaced at its module boundary.
import path from "node:path";
import type { BrowserWindowConstructorOptions, IpcMain, IpcMainInvokeEvent, MenuItemConstructorOptions, Protocol, Session } from "electron";
import { expectConsole } from "@glow/test-setup";
import { afterEach, describe, expect, it, vi } from "vitest";
import buildConfig from "../../electron.vite.config.ts";
import { IpcChannel, IpcEvent } from "../shared/bridge.ts";

/** Conditions that depend on other processes get time when the machine is busy (CI on 2 cores). */
const WAIT = { timeout: 10_000 };

const electron = vi.hoisted(() => {
  const windows: FakeWindow[] = [];
  const appListeners = new Map<string, (...args: unknown[]) => void>();
  class FakeWindow {
    url: string | null = null;
    readonly options: BrowserWindowConstructorOptions;
    readonly focus = vi.fn<() => void>();
    readonly sent: Array<[string, unknown]> = [];
    readonly webContents = { send: (channel: string, payload: unknown) => this.sent.push([channel, payload]) };
    constructor(options: BrowserWindowConstructorOptions) {
      this.options = options;
      windows.push(this);
    }
    static getAllWindows(): FakeWindow[] {
      return windows;
    }
    once(): void {}
    on(): void {}
    show(): void {}
    restore(): void {}
    maximize(): void {}
    isMinimized(): boolean {
      return false;
    }
    isMaximized(): boolean {
      return false;
    }
    isDestroyed(): boolean {
      return false;
    }
    getNormalBounds() {
      return { x: 0, y: 0, width: 1280, height: 800 };
    }
    async loadURL(url: string): Promise<void> {
      this.url = url;
    }
  }
  class FakeTray {
    static created = 0;
    constructor() {
      FakeTray.created += 1;
    }
    setImage(): void {}
    setToolTip(): void {}
    setTitle(): void {}
    setContextMenu(): void {}
    on(): void {}
  }
  const singleInstance = { granted: true };
  return {
    windows,
    appListeners,
    FakeTray,
    singleInstance,
    BrowserWindow: FakeWindow,
    Tray: FakeTray,
    app: {
      isPackaged: true,
      name: "Glow",
      enableSandbox: vi.fn<() => void>(),
      on: vi.fn<(event: string, listener: (...args: unknown[]) => void) => void>((event, listener) => {
        appListeners.set(event, listener);
      }),
      whenReady: vi.fn<() => Promise<void>>(async () => {}),
      getPath: vi.fn<(name: string) => string>(() => "/nonexistent/glow-user-data"),
      getVersion: vi.fn<() => string>(() => "0.1.0"),
      quit: vi.fn<() => void>(),
      exit: vi.fn<(code?: number) => void>(),
      requestSingleInstanceLock: vi.fn<() => boolean>(() => singleInstance.granted),
      setAsDefaultProtocolClient: vi.fn<(protocol: string) => boolean>(() => true),
      setBadgeCount: vi.fn<(count?: number) => boolean>(() => true),
    },
    protocol: { registerSchemesAsPrivileged: vi.fn<Protocol["registerSchemesAsPrivileged"]>(), handle: vi.fn<Protocol["handle"]>() },
    net: { fetch: vi.fn<(url: string) => Promise<Response>>() },
    session: {
      defaultSession: {
        setPermissionRequestHandler: vi.fn<Session["setPermissionRequestHandler"]>(),
        setPermissionCheckHandler: vi.fn<Session["setPermissionCheckHandler"]>(),
      },
    },
    ipcMain: { handle: vi.fn<IpcMain["handle"]>() },
    shell: { openExternal: vi.fn<(url: string) => Promise<void>>() },
    dialog: {
      showSaveDialog: vi.fn<() => Promise<{ canceled: boolean; filePath: string }>>(async () => ({ canceled: true, filePath: "" })),
    },
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    Menu: {
      buildFromTemplate: vi.fn<(template: MenuItemConstructorOptions[]) => { template: MenuItemConstructorOptions[] }>((template) => ({
        template,
      })),
      setApplicationMenu: vi.fn<(menu: unknown) => void>(),
    },
    nativeImage: { createFromBitmap: vi.fn<() => object>(() => ({})) },
    Notification: Object.assign(vi.fn<() => void>(), { isSupported: () => false }),
    safeStorage: {
      isAsyncEncryptionAvailable: vi.fn<() => Promise<boolean>>(async () => false),
      getSelectedStorageBackend: vi.fn<() => string>(() => "unknown"),
    },
  };
});
vi.mock("electron", () => electron);

async function startMain(options: { packaged: boolean; rendererDevUrl?: string; argv?: string[] }) {
  vi.clearAllMocks();
  electron.windows.length = 0;
  electron.appListeners.clear();
  electron.singleInstance.granted = true;
  electron.app.isPackaged = options.packaged;
  process.argv = options.argv ?? ["/opt/Glow/glow"];
  vi.stubEnv("ELECTRON_RENDERER_URL", options.rendererDevUrl ?? "");
  vi.stubEnv("GLOW_SERVER_URL", "");
  vi.resetModules();
  await import("./index.ts");
  await vi.waitFor(() => expect(electron.windows).toHaveLength(1), WAIT);
  return electron.windows[0];
}

function invoke(channel: string, frameUrl: string, ...args: unknown[]): Promise<unknown> {
  const handler = electron.ipcMain.handle.mock.calls.find(([registered]) => registered === channel)?.[1];
  if (!handler) throw new Error(`${channel} is not handled`);
  return Promise.resolve().then(() => handler({ senderFrame: { url: frameUrl } } as IpcMainInvokeEvent, ...args));
}

const invokeGetServerUrl = (frameUrl: string) => invoke(IpcChannel.getServerUrl, frameUrl);

const originalArgv = process.argv;
afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  process.argv = originalArgv;
});

describe("main process", () => {
  it("locks the app down before it is ready, then opens the packaged renderer over app://", async () => {
    const mainWindow = await startMain({ packaged: true });
    const [registered] = electron.protocol.registerSchemesAsPrivileged.mock.invocationCallOrder;
    const [ready] = electron.app.whenReady.mock.invocationCallOrder;
    expect(registered).toBeLessThan(ready ?? 0);
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    expect(electron.app.on).toHaveBeenCalledWith("web-contents-created", expect.any(Function));
    expect(electron.session.defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(electron.protocol.handle).toHaveBeenCalledWith("app", expect.any(Function));

    expect(mainWindow?.url).toBe("app://glow/index.html");
    // The window main really builds (with the saved window state applied) keeps every security option.
    expect(mainWindow?.options.webPreferences).toMatchObject({
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      sandbox: true,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(await invokeGetServerUrl("app://glow/index.html")).toBe("http://127.0.0.1:3000");
    await expect(invokeGetServerUrl("http://localhost:5173/")).rejects.toThrow(/not part of the Glow app/);
  });

  it("answers every bridge channel, with sign-in and the API proxy wired to the settings' server", async () => {
    await startMain({ packaged: true });
    const registered = electron.ipcMain.handle.mock.calls.map(([channel]) => channel);
    expect(registered.sort()).toEqual(Object.values(IpcChannel).sort());
    // No OS encryption in this fake: the token would stay in memory, and the page is told so.
    expect(await invoke(IpcChannel.authStatus, "app://glow/index.html")).toEqual({ tokenStored: false, tokenStorage: "memory" });
    await expect(
      invoke(IpcChannel.apiRequest, "app://glow/index.html", { path: "/health", method: "GET", headers: {}, body: null }),
    ).rejects.toThrow(/only \/trpc\//);
  });

  it("loads the CommonJS preload the build emits (a sandboxed preload cannot be an ES module)", async () => {
    const mainWindow = await startMain({ packaged: true });
    const preload = mainWindow?.options.webPreferences?.preload ?? "";
    expect(path.relative(import.meta.dirname, preload)).toBe(path.join("..", "preload", "index.cjs"));
    expect(buildConfig.preload?.build?.rolldownOptions?.output).toMatchObject({ format: "cjs" });
  });

  it("uses electron-vite's dev server only when unpackaged, and trusts that origin instead", async () => {
    const packaged = await startMain({ packaged: true, rendererDevUrl: "http://localhost:5173" });
    expect(packaged?.url).toBe("app://glow/index.html");

    const development = await startMain({ packaged: false, rendererDevUrl: "http://localhost:5173" });
    expect(development?.url).toBe("http://localhost:5173");
    expect(await invokeGetServerUrl("http://localhost:5173/")).toBe("http://127.0.0.1:3000");
  });

  it("takes the single-instance lock, registers glow:// links, and installs the menu and the tray", async () => {
    await startMain({ packaged: true });
    expect(electron.app.requestSingleInstanceLock).toHaveBeenCalled();
    expect(electron.app.setAsDefaultProtocolClient).toHaveBeenCalledWith("glow");
    expect([...electron.appListeners.keys()]).toEqual(
      expect.arrayContaining(["second-instance", "open-url", "web-contents-created", "window-all-closed"]),
    );
    await vi.waitFor(() => expect(electron.Menu.setApplicationMenu).toHaveBeenCalled(), WAIT);
    await vi.waitFor(() => expect(electron.FakeTray.created).toBeGreaterThan(0), WAIT);
  });

  it("quits at once when another Glow holds the lock, opening no window", async () => {
    vi.clearAllMocks();
    electron.windows.length = 0;
    electron.singleInstance.granted = false;
    vi.stubEnv("ELECTRON_RENDERER_URL", "");
    vi.resetModules();
    await import("./index.ts");
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    expect(electron.app.setAsDefaultProtocolClient).not.toHaveBeenCalled();
    expect(electron.windows).toHaveLength(0);
  });

  it("brings the window forward for a second launch, and hands its glow:// link to the sign-in (ignored when none waits)", async () => {
    const ignored = expectConsole("warn", /^Ignored a glow:\/\/ link/);
    const mainWindow = await startMain({ packaged: true });
    await vi.waitFor(() => expect(electron.Menu.setApplicationMenu).toHaveBeenCalled(), WAIT);
    electron.appListeners.get("second-instance")?.(
      {},
      ["/opt/Glow/glow", "glow://auth/callback?code=abcdefghijklmnopqrstuvwxyz234567"],
      "/home/someone",
    );
    expect(mainWindow?.focus).toHaveBeenCalled();
    await vi.waitFor(() => expect(ignored.messages).toHaveLength(1), WAIT);

    // macOS: the link comes as an event, and the default (opening nothing) is prevented.
    const event = { preventDefault: vi.fn<() => void>() };
    electron.appListeners.get("open-url")?.(event, "glow://auth/callback?error=cancelled");
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it("sends the menu's commands to the page", async () => {
    const mainWindow = await startMain({ packaged: true });
    await vi.waitFor(() => expect(electron.Menu.buildFromTemplate).toHaveBeenCalled(), WAIT);
    const [template] = electron.Menu.buildFromTemplate.mock.calls[0]!;
    const items = template.flatMap((menu) => (Array.isArray(menu.submenu) ? menu.submenu : []));
    const users = items.find((item) => item.label === "Users");
    users?.click?.({} as never, undefined, {} as never);
    expect(mainWindow?.sent).toContainEqual([IpcEvent.command, { type: "navigate", screen: "users" }]);
  });
});
