import { describe, expect, it } from "vitest";
import { formatCount, formatDay, formatHour, formatMs, formatPercent, formatUsd } from "./format.ts";

describe("metric formats", () => {
  it("formats counts, ratios, latencies and costs", () => {
    expect(formatCount(12_345)).toBe("12,345");
    expect(formatPercent(0.5)).toBe("50%");
    expect(formatPercent(1 / 3)).toBe("33.3%");
    expect(formatPercent(0)).toBe("0%");
    expect(formatMs(12.345)).toBe("12.3 ms");
    expect(formatMs(1234.56)).toBe("1,234.6 ms");
    expect(formatUsd(0.0123)).toBe("$0.0123");
    expect(formatUsd(2)).toBe("$2.00");
    expect(formatUsd(0)).toBe("$0.00");
  });

  it("shows a server's UTC day as that day wherever the viewer is", () => {
    expect(formatDay("2026-11-22")).toBe("Nov 22");
  });

  it("shows an hour with its day, or alone within a single day", () => {
    const hour = new Date(2026, 10, 22, 14);
    expect(formatHour(hour)).toBe("Nov 22, 14:00");
    expect(formatHour(hour, { day: false })).toBe("14:00");
  });
});
