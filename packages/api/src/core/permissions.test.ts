import { describe, expect, it } from "vitest";
import { can, PERMISSIONS } from "./permissions.ts";

describe("can", () => {
  it("grants the admin role every permission and the user role none", () => {
    for (const permission of PERMISSIONS) {
      expect(can(["admin"], permission)).toBe(true);
      expect(can(["user"], permission)).toBe(false);
    }
  });

  it("answers for roles named like Object.prototype's properties, in any order", () => {
    for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "prototype"]) {
      expect(can([name], "users:read")).toBe(false);
      expect(can([name, "user"], "metrics:read")).toBe(false);
      expect(can([name, "admin"], "metrics:read")).toBe(true);
    }
  });
});
