import type { App } from "electron";

/**
 * One Glow at a time: a second launch (a glow:// link opened on Windows or Linux starts
 * one) hands its command line to the first and quits. Returns false in that second one.
 */
export function claimSingleInstance(
  app: Pick<App, "requestSingleInstanceLock" | "quit" | "on">,
  onSecondInstance: (argv: string[]) => void,
): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on("second-instance", (_event, argv) => onSecondInstance(argv));
  return true;
}
