const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const preciseTime = new Intl.DateTimeFormat(undefined, { dateStyle: "short", timeStyle: "medium" });
const day = new Intl.DateTimeFormat(undefined, { month: "short", day: "numeric", timeZone: "UTC" });
const hour = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit" });

export function formatDateTime(date: Date): string {
  return dateTime.format(date);
}

/** To the second, for logs. */
export function formatPreciseTime(date: Date): string {
  return preciseTime.format(date);
}

/** A UTC calendar day from the server ("2026-11-20"). */
export function formatDay(isoDay: string): string {
  return day.format(new Date(`${isoDay}T00:00:00Z`));
}

export function formatHour(date: Date): string {
  return hour.format(date);
}

export function formatCount(value: number): string {
  return value.toLocaleString("en");
}

/** A share from 0 to 1, as a percentage with one decimal. */
export function formatPercent(rate: number): string {
  return `${(Math.round(rate * 1000) / 10).toLocaleString("en")}%`;
}

export function formatMs(ms: number): string {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms * 10) / 10} ms`;
}

export function formatUsd(amount: number): string {
  return amount.toLocaleString("en", { style: "currency", currency: "USD", maximumFractionDigits: 4 });
}

/** A video's length: "1:05". */
export function formatDuration(seconds: number): string {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, "0")}`;
}

/** The value of an <input type="datetime-local"> (local time) as an instant, or undefined when empty or invalid. */
export function parseLocalDateTime(value: string): Date | undefined {
  if (!value) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}
