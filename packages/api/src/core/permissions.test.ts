import { describe, expect, it } from "vitest";
import { can, type Grantee } from "./permissions.ts";

const ada = "5a1c1e57-0d4f-4f7e-9c1b-7f0e2b6c9a01";
const bo = "8e2d3f68-1e5a-4a8f-8d2c-6a1f3c7d0b12";
const post = (ownerId: string | null) => ({ ownerId });
const caller = (...permissions: string[]): Grantee => ({ userId: ada, permissions });
// A module's own permission: typed by naming it, as coach, shop and community will.
const canPost = (who: Grantee | null, access: "own" | "any" | undefined, resource?: { ownerId: string | null }) =>
  can<"update:post">(who, { action: "update", entity: "post", ...(access ? { access } : {}) }, resource);

describe("can", () => {
  it("grants a known permission only to a caller whose roles grant it", () => {
    expect(can(caller("read:metrics:any"), { action: "read", entity: "metrics" })).toBe(true);
    expect(can(caller("read:metrics:any"), { action: "read", entity: "users" })).toBe(false);
    expect(can(caller("write:metrics:any"), { action: "read", entity: "metrics" })).toBe(false);
    expect(can(null, { action: "read", entity: "metrics" })).toBe(false);
  });

  it("lets an 'any' grant act on every resource, whoever owns it", () => {
    const editor = caller("update:post:any");
    expect(canPost(editor, "any")).toBe(true);
    expect(canPost(editor, "own")).toBe(true);
    expect(canPost(editor, undefined, post(bo))).toBe(true);
    expect(canPost(editor, "own", post(ada))).toBe(true);
    expect(canPost(editor, "any", post(null))).toBe(true);
  });

  it("lets an 'own' grant act only on resources the caller owns", () => {
    const author = caller("update:post:own");
    expect(canPost(author, undefined, post(ada))).toBe(true);
    expect(canPost(author, "own", post(ada))).toBe(true);
    expect(canPost(author, undefined, post(bo))).toBe(false);
    expect(canPost(author, "own", post(bo))).toBe(false);
    expect(canPost(author, undefined, post(null))).toBe(false);
  });

  it("counts an 'own' grant without a resource only when the check asks for 'own'", () => {
    const author = caller("update:post:own");
    expect(canPost(author, "own")).toBe(true); // e.g. show "edit your posts"
    expect(canPost(author, undefined)).toBe(false); // no resource: every post
    expect(canPost(author, "any")).toBe(false);
    expect(canPost(author, "any", post(ada))).toBe(false);
  });

  it("answers for grants named like Object.prototype's properties", () => {
    for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "prototype"]) {
      expect(can(caller(name, `${name}:any`), { action: "read", entity: "users" })).toBe(false);
      expect(can(caller(name, "read:users:any"), { action: "read", entity: "users" })).toBe(true);
    }
  });
});
