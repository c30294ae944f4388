import { describe, expect, it } from "vitest";
import {
  describeUserAgent,
  formatCount,
  formatDay,
  formatDuration,
  formatHour,
  formatMs,
  formatPercent,
  formatRelativeTime,
  formatUsd,
  parseLocalDateTime,
} from "./format.ts";

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

describe("describeUserAgent", () => {
  it("names the browser and system of common user agents", () => {
    expect(
      describeUserAgent("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36"),
    ).toBe("Chrome on Linux");
    expect(
      describeUserAgent(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
      ),
    ).toBe("Safari on iOS");
    expect(describeUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Firefox/128.0")).toBe(
      "Firefox on Windows",
    );
    expect(
      describeUserAgent(
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0",
      ),
    ).toBe("Edge on macOS");
    expect(
      describeUserAgent("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Glow/0.1.0 Chrome/138.0 Electron/37.0.0 Safari/537.36"),
    ).toBe("Glow desktop on Linux");
  });

  it("falls back to the raw string, shortened, or to 'Unknown device'", () => {
    expect(describeUserAgent(null)).toBe("Unknown device");
    expect(describeUserAgent("curl/8.5.0")).toBe("curl/8.5.0");
    expect(describeUserAgent("x".repeat(100))).toHaveLength(58);
  });
});

describe("formatRelativeTime", () => {
  const now = new Date("2026-11-21T12:00:00Z");
  it("says how long ago, in words", () => {
    expect(formatRelativeTime(new Date("2026-11-21T11:59:40Z"), now)).toBe("just now");
    expect(formatRelativeTime(new Date("2026-11-21T11:55:00Z"), now)).toBe("5 minutes ago");
    expect(formatRelativeTime(new Date("2026-11-21T09:00:00Z"), now)).toBe("3 hours ago");
    expect(formatRelativeTime(new Date("2026-11-20T12:00:00Z"), now)).toBe("yesterday");
  });

  it("gives a date beyond a week", () => {
    expect(formatRelativeTime(new Date("2026-10-01T12:00:00Z"), now)).toBe("Oct 1, 2026");
  });
});

describe("formatDuration", () => {
  it("gives a video's length in minutes and seconds", () => {
    expect(formatDuration(45)).toBe("0:45");
    expect(formatDuration(723)).toBe("12:03");
    expect(formatDuration(65.4)).toBe("1:05");
  });
});

describe("parseLocalDateTime", () => {
  it("reads a datetime-local value as local time, and nothing from an empty or broken one", () => {
    expect(parseLocalDateTime("2026-11-21T14:30")?.getTime()).toBe(new Date(2026, 10, 21, 14, 30).getTime());
    expect(parseLocalDateTime("")).toBeUndefined();
    expect(parseLocalDateTime("not a date")).toBeUndefined();
  });
});
