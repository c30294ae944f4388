import { describe, expect, it } from "vitest";
import { describeWrite, isQueueable, QUEUEABLE_PROCEDURES } from "./writes.ts";

describe("queueable writes", () => {
  it("are edits that say what they set, never creations, imports or account changes", () => {
    expect(isQueueable("admin.reset.creators.update")).toBe(true);
    for (const procedure of [
      "admin.reset.creators.create",
      "admin.reset.videos.import",
      "admin.users.deactivate",
      "admin.users.revokeSession",
      "auth.login",
      "auth.oauth.exchange",
    ]) {
      expect(isQueueable(procedure), procedure).toBe(false);
    }
    expect(QUEUEABLE_PROCEDURES.every((procedure) => /\.(update|archive|archiveMany|setRoles)$/.test(procedure))).toBe(true);
  });

  it("are described in words for the queue", () => {
    expect(describeWrite("admin.users.setRoles", { id: "u", roles: ["admin", "user"] })).toBe("Set a user's roles to admin, user");
    expect(describeWrite("admin.users.setRoles", { id: "u", roles: [] })).toBe("Set a user's roles to none");
    expect(describeWrite("admin.reset.videos.archiveMany", { ids: ["a", "b", "c"] })).toBe("Archive 3 videos");
    expect(describeWrite("admin.reset.videos.archiveMany", { ids: ["a"], archived: false })).toBe("Restore 1 video");
    expect(describeWrite("admin.reset.creators.archive", { id: "c", archived: true })).toBe("Archive a creator");
    expect(describeWrite("admin.reset.categories.update", { id: "c", name: "Cooking", emoji: "🍳" })).toBe(
      "Edit a category: name → “Cooking”, emoji → “🍳”",
    );
    expect(describeWrite("admin.reset.videos.update", { id: "v", durationSeconds: 90 })).toBe("Edit a video: durationSeconds → “90”");
    expect(describeWrite("admin.reset.videos.update", { id: "v", title: "x".repeat(100) })).toMatch(/^Edit a video: title → “x{39}…”$/);
  });
});
