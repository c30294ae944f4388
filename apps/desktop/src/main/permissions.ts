import type { Session } from "electron";

/** Camera, notifications, geolocation…: nothing is granted until a feature needs it and allows it here. */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
