// Numbers, moments and devices as both apps show them.

/** A whole count with thousands separators: 12345 → "12,345". */
export function formatCount(value: number): string {
  return value.toLocaleString("en");
}

/** A ratio from 0 to 1 as a percentage with at most one decimal: 0.3333 → "33.3%". */
export function formatPercent(rate: number): string {
  return `${(Math.round(rate * 1000) / 10).toLocaleString("en")}%`;
}

/** Milliseconds, "12.5 ms"; kept in one unit so a column of latencies compares at a glance. */
export function formatMs(ms: number): string {
  return `${ms.toLocaleString("en", { maximumFractionDigits: 1 })} ms`;
}

const usd = new Intl.NumberFormat("en", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 4 });

/** Dollars, down to hundredths of a cent (AI calls cost fractions of a cent): "$0.0123". */
export function formatUsd(amount: number): string {
  return usd.format(amount);
}

/** A calendar day given as YYYY-MM-DD (a UTC day on the server), as "Nov 22". */
export function formatDay(isoDate: string): string {
  return new Date(`${isoDate}T00:00:00Z`).toLocaleDateString("en", { month: "short", day: "numeric", timeZone: "UTC" });
}

/**
 * The start of an hour, for hourly series, in the viewer's time zone: "Nov 22, 14:00", or
 * "14:00" with `day: false` when the series covers a single day.
 */
export function formatHour(date: Date, { day = true }: { day?: boolean } = {}): string {
  return date.toLocaleString("en", {
    ...(day ? { month: "short", day: "numeric" } : {}),
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
}

const BROWSERS: Array<[RegExp, string]> = [
  [/Electron\//, "Glow desktop"],
  [/Edg(e|A|iOS)?\//, "Edge"],
  [/OPR\/|Opera/, "Opera"],
  [/Firefox\/|FxiOS/, "Firefox"],
  [/Chrome\/|CriOS|Chromium/, "Chrome"],
  [/Safari\//, "Safari"],
  [/^node|undici/i, "Node.js"],
];

const SYSTEMS: Array<[RegExp, string]> = [
  [/iPhone|iPad|iPod/, "iOS"],
  [/Android/, "Android"],
  [/CrOS/, "ChromeOS"],
  [/Windows/, "Windows"],
  [/Mac OS X|Macintosh/, "macOS"],
  [/Linux/, "Linux"],
];

/** "Chrome on Linux" from a user-agent string; the raw string (shortened) when unrecognised. */
export function describeUserAgent(userAgent: string | null): string {
  if (!userAgent) return "Unknown device";
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (browser && system) return `${browser} on ${system}`;
  if (browser) return browser;
  return userAgent.length > 60 ? `${userAgent.slice(0, 57)}…` : userAgent;
}

const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
];

/** "just now", "5 minutes ago", "yesterday"; a date beyond a week. */
export function formatRelativeTime(date: Date, now: Date = new Date()): string {
  const seconds = Math.round((date.getTime() - now.getTime()) / 1000);
  if (Math.abs(seconds) < 45) return "just now";
  if (Math.abs(seconds) >= 7 * 86_400) return date.toLocaleDateString("en", { year: "numeric", month: "short", day: "numeric" });
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return relative.format(Math.sign(seconds) || -1, "minute");
}

/** Date and time in full, for tooltips and lists where the exact moment matters. */
export function formatDateTime(date: Date): string {
  return date.toLocaleString("en", { dateStyle: "medium", timeStyle: "short" });
}

/** To the second, for logs. */
export function formatPreciseTime(date: Date): string {
  return date.toLocaleString("en", { dateStyle: "short", timeStyle: "medium" });
}

/** A video's length, "0:45" or "12:03". */
export function formatDuration(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

/** The value of an <input type="datetime-local"> (local time) as an instant, or undefined when empty or invalid. */
export function parseLocalDateTime(value: string): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
