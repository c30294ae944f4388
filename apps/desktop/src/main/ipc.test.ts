import type { IpcMainInvokeEvent } from "electron";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { IpcChannel } from "../shared/bridge.ts";
import { registerIpcHandlers } from "./ipc.ts";
import type { SettingsStore } from "./settings.ts";

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown;
const { handlers } = vi.hoisted(() => ({ handlers: new Map<string, Handler>() }));
vi.mock("electron", () => ({
  ipcMain: { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) },
}));

const settings = {
  serverUrl: vi.fn<SettingsStore["serverUrl"]>(async () => "http://127.0.0.1:3000"),
  setServerUrl: vi.fn<SettingsStore["setServerUrl"]>(async (url) => ({ ok: true, serverUrl: String(url) })),
} satisfies SettingsStore;

function invoke(channel: string, frameUrl: string | null, ...args: unknown[]): Promise<unknown> {
  const handler = handlers.get(channel);
  if (!handler) throw new Error(`no handler for ${channel}`);
  const event = { senderFrame: frameUrl === null ? null : { url: frameUrl } } as unknown as IpcMainInvokeEvent;
  return Promise.resolve().then(() => handler(event, ...args));
}

beforeEach(() => {
  handlers.clear();
  registerIpcHandlers(settings, "app://glow");
});

describe("IPC handlers", () => {
  it("register exactly the bridge's channels", () => {
    expect([...handlers.keys()].sort()).toEqual(Object.values(IpcChannel).sort());
  });

  it("answer the app's own frames", async () => {
    expect(await invoke(IpcChannel.getServerUrl, "app://glow/index.html")).toBe("http://127.0.0.1:3000");
    expect(await invoke(IpcChannel.setServerUrl, "app://glow/index.html", "https://glow.example")).toEqual({
      ok: true,
      serverUrl: "https://glow.example",
    });
    expect(settings.setServerUrl).toHaveBeenCalledWith("https://glow.example");
  });

  it.each([["https://evil.example/"], ["app://other/index.html"], ["file:///tmp/page.html"], [null]])(
    "refuse a sender frame at %s",
    async (frameUrl) => {
      await expect(invoke(IpcChannel.getServerUrl, frameUrl)).rejects.toThrow(/not part of the Glow app/);
      await expect(invoke(IpcChannel.setServerUrl, frameUrl, "https://evil.example")).rejects.toThrow(/not part of the Glow app/);
      expect(settings.serverUrl).not.toHaveBeenCalled();
      expect(settings.setServerUrl).not.toHaveBeenCalled();
    },
  );
});
