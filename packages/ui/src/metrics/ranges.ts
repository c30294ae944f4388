// Ranges for the admin metrics screens (web and desktop).
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

export const METRIC_RANGES = [
  { value: "7", label: "Last 7 days" },
  { value: "30", label: "Last 30 days" },
  { value: "90", label: "Last 90 days" },
] as const;
export type MetricRange = (typeof METRIC_RANGES)[number]["value"];

/**
 * The last `days` UTC calendar days, today included: from midnight `days - 1` days ago to
 * the coming midnight. Whole days keep the query the same all day (so it is cached) and
 * match the server's daily series.
 */
export function lastDays(days: number, now: Date = new Date()): { from: Date; to: Date } {
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));
  return { from: new Date(to.getTime() - days * DAY_MS), to };
}

/** The last 24 hours in whole hours, up to the end of the current one: new requests fall inside it as they come. */
export function lastDayByHour(now: Date = new Date()): { from: Date; to: Date } {
  const to = new Date(Math.floor(now.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS);
  return { from: new Date(to.getTime() - 24 * HOUR_MS), to };
}
