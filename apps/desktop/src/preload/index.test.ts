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
    expect(Object.keys(bridge).sort()).toEqual(["api", "auth", "getServerUrl", "platform", "setServerUrl"]);
    expect(Object.keys(bridge.auth).sort()).toEqual(["signIn", "signOut", "status"]);
    expect(Object.keys(bridge.api)).toEqual(["request"]);
    for (const part of [bridge, bridge.auth, bridge.api]) expect(Object.values(part)).not.toContain(electron.ipcRenderer);
    expect(bridge.platform).toBe(process.platform);
  });

  it("forwards calls on the named channels only", async () => {
    const [, bridge] = exposed[0] as [string, GlowBridge];
    const request = { path: "/trpc/auth.me", method: "GET", headers: {}, body: null } as const;
    await bridge.getServerUrl();
    await bridge.setServerUrl("https://glow.example");
    await bridge.auth.status();
    await bridge.auth.signIn("admin@glow.dev", "secret");
    await bridge.auth.signOut();
    await bridge.api.request(request);
    expect(electron.ipcRenderer.invoke.mock.calls).toEqual([
      [IpcChannel.getServerUrl],
      [IpcChannel.setServerUrl, "https://glow.example"],
      [IpcChannel.authStatus],
      [IpcChannel.signIn, "admin@glow.dev", "secret"],
      [IpcChannel.signOut],
      [IpcChannel.apiRequest, request],
    ]);
  });
});
