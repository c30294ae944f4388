import type { ContextBridge } from "electron";
import { describe, expect, it, vi } from "vitest";
import { IpcChannel, type GlowBridge } from "../shared/bridge.ts";

const electron = vi.hoisted(() => ({
  contextBridge: { exposeInMainWorld: vi.fn<ContextBridge["exposeInMainWorld"]>() },
  ipcRenderer: { invoke: vi.fn<(channel: string, ...args: unknown[]) => Promise<unknown>>(async () => "answer") },
}));
vi.mock("electron", () => electron);

await import("./index.ts");
// Captured now: the preload exposes its bridge once, as it loads.
const exposed = [...electron.contextBridge.exposeInMainWorld.mock.calls];

describe("preload", () => {
  it("exposes one bridge, window.glow, holding only its own functions", () => {
    expect(exposed).toHaveLength(1);
    const [name, bridge] = exposed[0] as [string, GlowBridge];
    expect(name).toBe("glow");
    expect(Object.keys(bridge).sort()).toEqual(["getServerUrl", "platform", "setServerUrl"]);
    expect(Object.values(bridge)).not.toContain(electron.ipcRenderer);
    expect(bridge.platform).toBe(process.platform);
  });

  it("forwards calls on the named channels only", async () => {
    const [, bridge] = exposed[0] as [string, GlowBridge];
    await bridge.getServerUrl();
    await bridge.setServerUrl("https://glow.example");
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      [IpcChannel.getServerUrl],
      [IpcChannel.setServerUrl, "https://glow.example"],
    ]);
  });
});
