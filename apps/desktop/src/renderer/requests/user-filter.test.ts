import { describe, expect, it, vi } from "vitest";
import { resolveUserFilter } from "./user-filter.ts";

const ADA = { id: "0b7f7a63-3c55-4a8e-9a4e-1f5b2c6d7e8f", email: "admin@glow.dev" };
const page = (items: Array<{ id: string; email: string | null }>) => ({ items, nextCursor: null }) as never;

describe("resolveUserFilter", () => {
  it("takes an id as it is and finds an email's account exactly", async () => {
    const search = vi.fn<(email: string) => Promise<never>>(async () => page([{ id: "other", email: "admin@glow.dev.example" }, ADA]));
    expect(await resolveUserFilter("", search)).toBeNull();
    expect(await resolveUserFilter(ADA.id.toUpperCase(), search)).toEqual({ userId: ADA.id });
    expect(search).not.toHaveBeenCalled();
    expect(await resolveUserFilter(" Admin@Glow.dev ", search)).toEqual({ userId: ADA.id });
  });

  it("says when nobody has the email, or the text is neither", async () => {
    const search = vi.fn<(email: string) => Promise<never>>(async () => page([{ id: "other", email: "admin@glow.dev.example" }]));
    expect(await resolveUserFilter("admin@glow.dev", search)).toEqual({ error: "No user with the email admin@glow.dev" });
    expect(await resolveUserFilter("ada", search)).toEqual({ error: "Enter an email address or a user id" });
  });
});
