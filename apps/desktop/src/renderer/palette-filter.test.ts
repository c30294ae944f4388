import { describe, expect, it } from "vitest";
import { paletteFilter } from "./palette-filter.ts";

describe("paletteFilter", () => {
  it("keeps entries holding every typed word, the label's matches first", () => {
    expect(paletteFilter("Go to Audit log", "audit")).toBe(1);
    expect(paletteFilter("Go to Request log", "audit", ["Every API call: filter, or open one by its request id"])).toBe(0);
    expect(paletteFilter("Go to Request log", "request id", ["Every API call: filter, or open one by its request id"])).toBe(0.5);
    expect(paletteFilter("Actions Export current table as CSV", "csv export")).toBe(0.5);
    expect(paletteFilter("Actions Sign out", "SIGN")).toBe(1);
    expect(paletteFilter("Go to Users", "  ")).toBe(1);
  });
});
