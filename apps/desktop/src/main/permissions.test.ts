import type { Session } from "electron";
import { describe, expect, it, vi } from "vitest";
import { denyAllPermissions } from "./permissions.ts";

type RequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void, details: unknown) => void;
type CheckHandler = (contents: unknown, permission: string, origin: string, details: unknown) => boolean;

describe("denyAllPermissions", () => {
  it("answers every permission request and check with no", () => {
    const session = {
      setPermissionRequestHandler: vi.fn<(handler: RequestHandler) => void>(),
      setPermissionCheckHandler: vi.fn<(handler: CheckHandler) => void>(),
    };
    denyAllPermissions(session as unknown as Session);

    const onRequest = session.setPermissionRequestHandler.mock.calls[0]?.[0];
    const onCheck = session.setPermissionCheckHandler.mock.calls[0]?.[0];
    if (!onRequest || !onCheck) throw new Error("handlers not installed");
    for (const permission of ["media", "geolocation", "notifications", "clipboard-read", "openExternal"]) {
      const callback = vi.fn<(granted: boolean) => void>();
      onRequest({}, permission, callback, {});
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(onCheck({}, permission, "app://glow", {}), permission).toBe(false);
    }
  });
});
