import { shell, type WebContents } from "electron";
import { isAppUrl, isExternalWebUrl } from "./app-url.ts";

/** Keeps a window (and the bridge its preload exposes) on the app's own pages. */
export function guardNavigation(contents: WebContents, appOrigin: string): void {
  contents.on("will-navigate", (event) => {
    if (!isAppUrl(event.url, appOrigin)) event.preventDefault();
  });
  // No new windows: web links open in the user's browser, anything else nowhere.
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalWebUrl(url)) {
      shell.openExternal(url).catch((error: unknown) => console.error("Could not open link in the browser", error));
    }
    return { action: "deny" };
  });
  // The app uses no <webview>; refuse one that injected markup might add.
  contents.on("will-attach-webview", (event) => event.preventDefault());
}
