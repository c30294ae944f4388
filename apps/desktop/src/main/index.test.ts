// The main entry's wiring, with Electron replaced at its module boundary.
import path from "node:path";
import type { BrowserWindowConstructorOptions, IpcMain, IpcMainInvokeEvent, Protocol, Session } from "electron";
import { afterEach, describe, expect, it, vi } from "vitest";
import buildConfig from "../../electron.vite.config.ts";
import { IpcChannel } from "../shared/bridge.ts";

const electron = vi.hoisted(() => {
  const windows: FakeWindow[] = [];
  class FakeWindow {
    url: string | null = null;
    readonly options: BrowserWindowConstructorOptions;
    constructor(options: BrowserWindowConstructorOptions) {
      this.options = options;
      windows.push(this);
    }
    static getAllWindows(): FakeWindow[] {
      return windows;
    }
    once(): void {}
    show(): void {}
    async loadURL(url: string): Promise<void> {
      this.url = url;
    }
  }
  return {
    windows,
    BrowserWindow: FakeWindow,
    app: {
      isPackaged: true,
      enableSandbox: vi.fn<() => void>(),
      on: vi.fn<(event: string, listener: (...args: never[]) => void) => void>(),
      whenReady: vi.fn<() => Promise<void>>(async () => {}),
      getPath: vi.fn<(name: string) => string>(() => "/nonexistent/glow-user-data"),
      getVersion: vi.fn<() => string>(() => "0.1.0"),
      quit: vi.fn<() => void>(),
      exit: vi.fn<(code?: number) => void>(),
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
    safeStorage: {
      isAsyncEncryptionAvailable: vi.fn<() => Promise<boolean>>(async () => false),
      getSelectedStorageBackend: vi.fn<() => string>(() => "unknown"),
    },
  };
});
vi.mock("electron", () => electron);

async function startMain(options: { packaged: boolean; rendererDevUrl?: string }) {
  vi.clearAllMocks();
  electron.windows.length = 0;
  electron.app.isPackaged = options.packaged;
  vi.stubEnv("ELECTRON_RENDERER_URL", options.rendererDevUrl ?? "");
  vi.stubEnv("GLOW_SERVER_URL", "");
  vi.resetModules();
  await import("./index.ts");
  await vi.waitFor(() => expect(electron.windows).toHaveLength(1));
  return electron.windows[0];
}

function invoke(channel: string, frameUrl: string, ...args: unknown[]): Promise<unknown> {
  const handler = electron.ipcMain.handle.mock.calls.find(([registered]) => registered === channel)?.[1];
  if (!handler) throw new Error(`${channel} is not handled`);
  return Promise.resolve().then(() => handler({ senderFrame: { url: frameUrl } } as IpcMainInvokeEvent, ...args));
}

const invokeGetServerUrl = (frameUrl: string) => invoke(IpcChannel.getServerUrl, frameUrl);

afterEach(() => vi.unstubAllEnvs());

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
    expect(mainWindow?.options.webPreferences?.sandbox).toBe(true);
    expect(await invokeGetServerUrl("app://glow/index.html")).toBe("http://127.0.0.1:3000");
    await expect(invokeGetServerUrl("http://localhost:5173/")).rejects.toThrow(/not part of the Glow app/);
  });

  it("answers every bridge channel, with sign-in and the API proxy wired to the settings' server", async () => {
    await startMain({ packaged: true });
    const registered = electron.ipcMain.handle.mock.calls.map(([channel]) => channel);
    expect(registered.sort()).toEqual(Object.values(IpcChannel).sort());
    // No OS encryption in this fake: the token would stay in memory, and the page is told so.
    expect(await invoke(IpcChannel.authStatus, "app://glow/index.html")).toEqual({ tokenStored: false, tokenStorage: "memory" });
    await expect(invoke(IpcChannel.apiRequest, "app://glow/index.html", { path: "/health", method: "GET", headers: {}, body: null })).rejects.toThrow(
      /only \/trpc\//,
    );
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
});
