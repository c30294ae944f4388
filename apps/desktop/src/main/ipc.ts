import { ipcMain, type IpcMainInvokeEvent } from "electron";
import { IpcChannel } from "../shared/bridge.ts";
import type { ApiProxy } from "./api-proxy.ts";
import { isAppUrl } from "./app-url.ts";
import type { Auth } from "./auth.ts";
import type { CsvExport } from "./csv-export.ts";
import type { ProviderSignIn } from "./oauth.ts";
import type { SettingsStore } from "./settings.ts";
import type { WriteQueue } from "./write-queue.ts";

export interface IpcServices {
  settings: SettingsStore;
  auth: Auth;
  providerSignIn: ProviderSignIn;
  api: ApiProxy;
  writes: WriteQueue;
  csv: CsvExport;
}

/** Answers the bridge's channels, and only for frames showing the app's own pages. */
export function registerIpcHandlers({ settings, auth, providerSignIn, api, writes, csv }: IpcServices, appOrigin: string): void {
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
    const before = await settings.serverUrl();
    const result = await settings.setServerUrl(url);
    if (result.ok) {
      // The token belongs to the old server: end that session rather than keep it around.
      await auth.serverChanged(result.serverUrl);
      // Queued writes were made on the old server, as someone signed in there.
      if (result.serverUrl !== before) await writes.clear();
    }
    return result;
  });
  answer(IpcChannel.authStatus, () => auth.status());
  answer(IpcChannel.signIn, (email, password) => auth.signIn(email, password));
  answer(IpcChannel.signOut, async () => {
    const result = await auth.signOut();
    // Writes waiting to be sent were the signed-out person's: nobody else may send them.
    await writes.clear();
    return result;
  });
  answer(IpcChannel.signInWithProvider, (provider) => providerSignIn.start(provider));
  answer(IpcChannel.cancelProviderSignIn, () => providerSignIn.cancel());
  answer(IpcChannel.apiRequest, (request) => api.request(request));
  answer(IpcChannel.sendWrite, (request) => writes.send(request));
  answer(IpcChannel.listWrites, () => writes.state());
  answer(IpcChannel.replayWrites, () => writes.replay());
  answer(IpcChannel.retryWrite, (id) => writes.retry(id));
  answer(IpcChannel.discardWrite, (id) => writes.discard(id));
  answer(IpcChannel.saveCsv, (suggestedName, text) => csv.save(suggestedName, text));
}
