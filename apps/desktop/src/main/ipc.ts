import { ipcMain, type IpcMainInvokeEvent } from "electron";
import { IpcChannel } from "../shared/bridge.ts";
import type { ApiProxy } from "./api-proxy.ts";
import { isAppUrl } from "./app-url.ts";
import type { Auth } from "./auth.ts";
import type { SettingsStore } from "./settings.ts";

export interface IpcServices {
  settings: SettingsStore;
  auth: Auth;
  api: ApiProxy;
}

/** Answers the bridge's channels, and only for frames showing the app's own pages. */
export function registerIpcHandlers({ settings, auth, api }: IpcServices, appOrigin: string): void {
  /** Registers a handler that runs only for the app's own frames. */
  function answer(channel: string, handler: (...args: unknown[]) => unknown): void {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, ...args: unknown[]) => {
      // senderFrame is null once the frame has navigated away or been destroyed.
      const url = event.senderFrame?.url;
      if (!url || !isAppUrl(url, appOrigin)) throw new Error("Refused: the calling frame is not part of the Glow app");
      return handler(...args);
    });
  }

  answer(IpcChannel.getServerUrl, () => settings.serverUrl());
  answer(IpcChannel.setServerUrl, async (url) => {
    const result = await settings.setServerUrl(url);
    // The token belongs to the old server: end that session rather than keep it around.
    if (result.ok) await auth.serverChanged(result.serverUrl);
    return result;
  });
  answer(IpcChannel.authStatus, () => auth.status());
  answer(IpcChannel.signIn, (email, password) => auth.signIn(email, password));
  answer(IpcChannel.signOut, () => auth.signOut());
  answer(IpcChannel.apiRequest, (request) => api.request(request));
}
