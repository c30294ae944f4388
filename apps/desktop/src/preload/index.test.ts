import type { ContextBridge, IpcRendererEvent } from "electron";
import { describe, expect, it, vi } from "vitest";
import { IpcChannel, IpcEvent, type GlowBridge } from "../shared/bridge.ts";

type Listener = (event: IpcRendererEvent, payload: unknown) => void;
const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(event: unknown, payload: unknown) => void>>();
  return {
    listeners,
    contextBridge: { exposeInMainWorld: vi.fn<ContextBridge["exposeInMainWorld"]>() },
    ipcRenderer: {
      invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(async () => "answer"),
      on: vi.fn<(channel: string, listener: (event: unknown, payload: unknown) => void) => void>((channel, listener) => {
        if (!listeners.has(channel)) listeners.set(channel, new Set());
        listeners.get(channel)!.add(listener);
      }),
      removeListener: vi.fn<(channel: string, listener: (event: unknown, payload: unknown) => void) => void>((channel, listener) => {
        listeners.get(channel)?.delete(listener);
      }),
    },
  };
});
vi.mock("electron", () => electron);

await import("./index.ts");
// Captured now: the preload exposes its bridge once, as it loads.
const exposed = [...electron.contextBridge.exposeInMainWorld.mock.calls];
const bridge = () => (exposed[0] as [string, GlowBridge])[1];

/** What main would send on a channel, with an event object the page must never see. */
function emit(channel: string, payload: unknown): void {
  const event = { sender: electron.ipcRenderer } as unknown as IpcRendererEvent;
  for (const listener of electron.listeners.get(channel) ?? []) (listener as Listener)(event, payload);
}

describe("preload", () => {
  it("exposes one bridge, window.glow, holding only its own functions", () => {
    expect(exposed).toHaveLength(1);
    const [name, glow] = exposed[0] as [string, GlowBridge];
    expect(name).toBe("glow");
    expect(Object.keys(glow).sort()).toEqual(["api", "auth", "files", "getServerUrl", "onCommand", "platform", "setServerUrl", "writes"]);
    expect(Object.keys(glow.auth).sort()).toEqual(["cancelProviderSignIn", "signIn", "signInWithProvider", "signOut", "status"]);
    expect(Object.keys(glow.api)).toEqual(["request"]);
    expect(Object.keys(glow.writes).sort()).toEqual(["discard", "list", "onChange", "replay", "retry", "send"]);
    expect(Object.keys(glow.files)).toEqual(["saveCsv"]);
    for (const part of [glow, glow.auth, glow.api, glow.writes, glow.files])
      expect(Object.values(part)).not.toContain(electron.ipcRenderer);
    expect(glow.platform).toBe(process.platform);
  });

  it("forwards calls on the named channels only", async () => {
    const glow = bridge();
    const request = { path: "/trpc/auth.me", method: "GET", headers: {}, body: null } as const;
    const write = { path: "/trpc/admin.reset.videos.archive", body: "{}" };
    await glow.getServerUrl();
    await glow.setServerUrl("https://glow.example");
    await glow.auth.status();
    await glow.auth.signIn("admin@glow.dev", "secret");
    await glow.auth.signOut();
    await glow.auth.signInWithProvider("github");
    await glow.auth.cancelProviderSignIn();
    await glow.api.request(request);
    await glow.writes.send(write);
    await glow.writes.list();
    await glow.writes.replay();
    await glow.writes.retry("w1");
    await glow.writes.discard("w2");
    await glow.files.saveCsv("users.csv", "a,b");
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      [IpcChannel.getServerUrl],
      [IpcChannel.setServerUrl, "https://glow.example"],
      [IpcChannel.authStatus],
      [IpcChannel.signIn, "admin@glow.dev", "secret"],
      [IpcChannel.signOut],
      [IpcChannel.signInWithProvider, "github"],
      [IpcChannel.cancelProviderSignIn],
      [IpcChannel.apiRequest, request],
      [IpcChannel.sendWrite, write],
      [IpcChannel.listWrites],
      [IpcChannel.replayWrites],
      [IpcChannel.retryWrite, "w1"],
      [IpcChannel.discardWrite, "w2"],
      [IpcChannel.saveCsv, "users.csv", "a,b"],
    ]);
    // Every invoke channel is one the bridge declares (and main answers).
    const used = new Set(electron.ipcRenderer.invoke.mock.calls.map(([channel]) => channel));
    expect([...used].sort()).toEqual(Object.values(IpcChannel).sort());
  });

  it("passes main's events to the page's listeners without the IPC event, and stops when unsubscribed", () => {
    const glow = bridge();
    const commands: unknown[] = [];
    const states: unknown[] = [];
    const stopCommands = glow.onCommand((command) => commands.push(command));
    const stopStates = glow.writes.onChange((state) => states.push(state));
    emit(IpcEvent.command, { type: "command-palette" });
    emit(IpcEvent.writesChanged, { writes: [], offlineSince: null });
    expect(commands).toEqual([{ type: "command-palette" }]);
    expect(states).toEqual([{ writes: [], offlineSince: null }]);

    stopCommands();
    stopStates();
    emit(IpcEvent.command, { type: "refresh" });
    emit(IpcEvent.writesChanged, { writes: [], offlineSince: "2026-01-01T00:00:00.000Z" });
    expect(commands).toHaveLength(1);
    expect(states).toHaveLength(1);
    expect(electron.listeners.get(IpcEvent.command)?.size).toBe(0);
  });
});
