import { describe, expect, it } from "vitest";
import { lastDayByHour, lastDays } from "./ranges.ts";

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

describe("lastDayByHour", () => {
  it("spans 24 whole hours, up to the end of the current one", () => {
    const { from, to } = lastDayByHour(new Date("2026-11-22T15:30:00Z"));
    expect(to.toISOString()).toBe("2026-11-22T16:00:00.000Z");
    expect(from.toISOString()).toBe("2026-11-21T16:00:00.000Z");
  });

  it("is the same all hour long", () => {
    expect(lastDayByHour(new Date("2026-11-22T15:00:01Z"))).toEqual(lastDayByHour(new Date("2026-11-22T15:59:59Z")));
  });
});
