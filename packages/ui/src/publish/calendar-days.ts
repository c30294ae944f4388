// Calendar days as "YYYY-MM-DD" strings: arithmetic on UTC dates, so no daylight-saving
// change ever moves a day. Weeks start on Monday (ISO 8601, as the weekly slots number them).

const toDate = (day: string) => new Date(`${day}T00:00:00Z`);
const toDay = (date: Date) => date.toISOString().slice(0, 10);

/** `day` moved by `count` days (negative: back). */
export function addDays(day: string, count: number): string {
  const date = toDate(day);
  date.setUTCDate(date.getUTCDate() + count);
  return toDay(date);
}

/** 1 (Monday) … 7 (Sunday). */
export function isoWeekday(day: string): number {
  return ((toDate(day).getUTCDay() + 6) % 7) + 1;
}

/** The seven days of the week holding `day`, Monday first. */
export function weekDays(day: string): string[] {
  const monday = addDays(day, 1 - isoWeekday(day));
  return Array.from({ length: 7 }, (_, index) => addDays(monday, index));
}

/** The whole weeks covering `day`'s month (4 to 6 rows of 7), Monday first. */
export function monthWeeks(day: string): string[][] {
  const first = `${day.slice(0, 7)}-01`;
  const start = addDays(first, 1 - isoWeekday(first));
  const weeks: string[][] = [];
  for (let monday = start; monday.slice(0, 7) <= first.slice(0, 7); monday = addDays(monday, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, index) => addDays(monday, index)));
  }
  return weeks;
}

/** `day` moved by `count` months, kept inside the month (Jan 31 + 1 → Feb 28). */
export function addMonths(day: string, count: number): string {
  const [year, month, date] = day.split("-").map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + count, 1));
  const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(date, last));
  return toDay(target);
}

/** Today's date where the clock is read in `timeZone` (an IANA name), e.g. "2026-12-05". */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  // en-CA writes dates as YYYY-MM-DD.
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

/** "Mon 7 Dec" for a week column, "December 2026" for a month heading. */
export function formatCalendarDay(day: string): string {
  return toDate(day).toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });
}

export function formatCalendarMonth(day: string): string {
  return toDate(day).toLocaleDateString("en-GB", { month: "long", year: "numeric", timeZone: "UTC" });
}
