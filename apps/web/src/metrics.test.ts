import { describe, expect, it } from "vitest";
import { lastDays } from "./metrics.ts";

describe("lastDays", () => {
  it("spans whole UTC days, today included", () => {
    const { from, to } = lastDays(7, new Date("2026-11-22T15:30:00Z"));
    expect(to.toISOString()).toBe("2026-11-23T00:00:00.000Z");
    expect(from.toISOString()).toBe("2026-11-16T00:00:00.000Z");
  });

  it("is the same all day long", () => {
    expect(lastDays(30, new Date("2026-11-22T00:00:01Z"))).toEqual(lastDays(30, new Date("2026-11-22T23:59:59Z")));
  });
});
