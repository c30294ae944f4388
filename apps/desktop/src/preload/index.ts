// Runs in the sandboxed renderer before the page, in an isolated world. Exposes the one
// typed bridge; the page never sees ipcRenderer itself, only these functions.
import { contextBridge, ipcRenderer } from "electron";
import { IpcChannel, type GlowBridge } from "../shared/bridge.ts";

const bridge: GlowBridge = {
  platform: process.platform,
  getServerUrl: () => ipcRenderer.invoke(IpcChannel.getServerUrl),
  setServerUrl: (url) => ipcRenderer.invoke(IpcChannel.setServerUrl, url),
  auth: {
    status: () => ipcRenderer.invoke(IpcChannel.authStatus),
    signIn: (email, password) => ipcRenderer.invoke(IpcChannel.signIn, email, password),
    signOut: () => ipcRenderer.invoke(IpcChannel.signOut),
  },
  api: {
    request: (request) => ipcRenderer.invoke(IpcChannel.apiRequest, request),
  },
};

contextBridge.exposeInMainWorld("glow", bridge);
