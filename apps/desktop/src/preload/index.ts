// Runs in the sandboxed renderer before the page, in an isolated world. Exposes the one
// typed bridge; the page never sees ipcRenderer itself, only these functions.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from "electron";
import { IpcChannel, IpcEvent, type GlowBridge, type Unsubscribe } from "../shared/bridge.ts";

/** Passes main's messages on one channel to `listener`, without the IPC event (which would expose the sender). */
function listen<T>(channel: string, listener: (payload: T) => void): Unsubscribe {
  const forward = (_event: IpcRendererEvent, payload: T) => listener(payload);
  ipcRenderer.on(channel, forward);
  return () => {
    ipcRenderer.removeListener(channel, forward);
  };
}

const bridge: GlowBridge = {
  platform: process.platform,
  getServerUrl: () => ipcRenderer.invoke(IpcChannel.getServerUrl),
  setServerUrl: (url) => ipcRenderer.invoke(IpcChannel.setServerUrl, url),
  auth: {
    status: () => ipcRenderer.invoke(IpcChannel.authStatus),
    signIn: (email, password) => ipcRenderer.invoke(IpcChannel.signIn, email, password),
    signOut: () => ipcRenderer.invoke(IpcChannel.signOut),
    signInWithProvider: (provider) => ipcRenderer.invoke(IpcChannel.signInWithProvider, provider),
    cancelProviderSignIn: () => ipcRenderer.invoke(IpcChannel.cancelProviderSignIn),
  },
  api: {
    request: (request) => ipcRenderer.invoke(IpcChannel.apiRequest, request),
  },
  writes: {
    send: (request) => ipcRenderer.invoke(IpcChannel.sendWrite, request),
    list: () => ipcRenderer.invoke(IpcChannel.listWrites),
    replay: () => ipcRenderer.invoke(IpcChannel.replayWrites),
    retry: (id) => ipcRenderer.invoke(IpcChannel.retryWrite, id),
    discard: (id) => ipcRenderer.invoke(IpcChannel.discardWrite, id),
    onChange: (listener) => listen(IpcEvent.writesChanged, listener),
  },
  files: {
    saveCsv: (suggestedName, csv) => ipcRenderer.invoke(IpcChannel.saveCsv, suggestedName, csv),
  },
  onCommand: (listener) => listen(IpcEvent.command, listener),
};

contextBridge.exposeInMainWorld("glow", bridge);
