import { describe, expect, it } from "vitest";
import { hasPermission, type Account } from "./account.ts";

const account = (roles: string[], permissions: string[]): Account => ({
  id: "0b5f6d0e-3c1a-4c7e-9a3b-2f1d4e5c6b7a",
  email: "person@example.test",
  name: "Person",
  roles,
  permissions,
  emailVerified: true,
  hasPassword: true,
  linkedProviders: [],
  createdAt: new Date(),
});

describe("hasPermission (the UI's mirror of the server's check)", () => {
  it("goes by the permissions the account's roles grant, not by role names", () => {
    expect(hasPermission(account(["metrics-viewer"], ["read:metrics:any"]), { action: "read", entity: "metrics" })).toBe(true);
    expect(hasPermission(account(["admin"], []), { action: "read", entity: "metrics" })).toBe(false);
    expect(hasPermission(account(["metrics-viewer"], ["read:metrics:any"]), { action: "write", entity: "content" })).toBe(false);
  });

  it("answers for an account holding a role named like an Object.prototype property", () => {
    // The layout asks this on every page: a throw here blanked the app for the account.
    expect(hasPermission(account(["constructor", "user"], []), { action: "read", entity: "metrics" })).toBe(false);
    expect(hasPermission(account(["__proto__", "toString"], ["constructor"]), { action: "write", entity: "content" })).toBe(false);
    expect(hasPermission(account(["constructor", "admin"], ["read:metrics:any"]), { action: "read", entity: "metrics" })).toBe(true);
  });
});
