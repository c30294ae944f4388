// Runs in the sandboxed renderer before the page, in an isolated world. Exposes the one
// typed bridge; the page never sees ipcRenderer itself, only these functions.
import { contextBridge, ipcRenderer } from "electron";
import { IpcChannel, type GlowBridge, type ServerUrlUpdate } from "../shared/bridge.ts";

const bridge: GlowBridge = {
  platform: process.platform,
  getServerUrl: (): Promise<string> => ipcRenderer.invoke(IpcChannel.getServerUrl),
  setServerUrl: (url: string): Promise<ServerUrlUpdate> => ipcRenderer.invoke(IpcChannel.setServerUrl, url),
};

contextBridge.exposeInMainWorld("glow", bridge);
