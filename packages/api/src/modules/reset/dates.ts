// Plans and the challenge count calendar days in UTC.
const DAY_MS = 24 * 60 * 60 * 1000;

/** Midnight UTC of the day `at` falls on. */
export function utcDay(at: Date = new Date()): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

export function addDays(day: Date, days: number): Date {
  return new Date(day.getTime() + days * DAY_MS);
}

export function daysBetween(from: Date, to: Date): number {
  return Math.round((utcDay(to).getTime() - utcDay(from).getTime()) / DAY_MS);
}

/** YYYY-MM-DD */
export function isoDate(day: Date): string {
  return day.toISOString().slice(0, 10);
}
