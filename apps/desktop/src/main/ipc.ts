import { ipcMain, type IpcMainInvokeEvent } from "electron";
import { IpcChannel } from "../shared/bridge.ts";
import { isAppUrl } from "./app-url.ts";
import type { SettingsStore } from "./settings.ts";

/** Answers the bridge's channels, and only for frames showing the app's own pages. */
export function registerIpcHandlers(settings: SettingsStore, appOrigin: string): void {
  function assertFromApp(event: IpcMainInvokeEvent): void {
    // senderFrame is null once the frame has navigated away or been destroyed.
    const url = event.senderFrame?.url;
    if (!url || !isAppUrl(url, appOrigin)) throw new Error("Refused: the calling frame is not part of the Glow app");
  }

  ipcMain.handle(IpcChannel.getServerUrl, (event) => {
    assertFromApp(event);
    return settings.serverUrl();
  });
  ipcMain.handle(IpcChannel.setServerUrl, (event, url: unknown) => {
    assertFromApp(event);
    return settings.setServerUrl(url);
  });
}
