const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const preciseTime = new Intl.DateTimeFormat(undefined, { dateStyle: "short", timeStyle: "medium" });

export function formatDateTime(date: Date): string {
  return dateTime.format(date);
}

/** To the second, for logs. */
export function formatPreciseTime(date: Date): string {
  return preciseTime.format(date);
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
