// Time in the author's zone: a local wall-clock time in an IANA zone to one instant (DST gaps
// refused, overlaps taking the earlier instant), the weekly posting slots' next free time, and
// instants back to local dates and times for the calendar. Pure functions over luxon.
import { DateTime, IANAZone } from "luxon";
import { FieldError } from "../../core/errors.ts";

export const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** Whether `zone` is an IANA time zone name this runtime knows ("Europe/Berlin"; not "CET+1"). */
export function isTimeZone(zone: string): boolean {
  return zone.includes("/") || zone === "UTC" ? IANAZone.isValidZone(zone) : false;
}

/**
 * The instant a wall-clock time "YYYY-MM-DDTHH:mm" names in `timeZone`. A time that does not
 * exist there (the hour skipped when clocks go forward) is refused on `field`; a time that
 * happens twice (clocks go back) is its first occurrence, the one people mean when they say it first.
 */
export function localToInstant(local: string, timeZone: string, field = "at"): Date {
  const parts = LOCAL_DATE_TIME.exec(local);
  if (!parts) throw new FieldError(field, 'A local date and time like "2026-12-05T09:30"');
  if (!isTimeZone(timeZone)) throw new FieldError("timeZone", `Not an IANA time zone: ${JSON.stringify(timeZone)}`);
  const [year, month, day, hour, minute] = parts.slice(1).map(Number) as [number, number, number, number, number];
  const wanted = { year, month, day, hour, minute };
  const parsed = DateTime.fromObject(wanted, { zone: timeZone });
  if (!parsed.isValid) throw new FieldError(field, `${local} is not a date and time`);
  // luxon moves a time in a gap forward; a wall clock that differs from what was asked never existed.
  if (parsed.hour !== hour || parsed.minute !== minute || parsed.day !== day) {
    throw new FieldError(field, `${local} does not exist in ${timeZone}: the clocks skip that hour (daylight saving time)`);
  }
  return earliestOccurrence(parsed).toJSDate();
}

/** Of the (at most two) instants showing this wall-clock time, the earlier. */
function earliestOccurrence(parsed: DateTime): DateTime {
  const wallClockAsUtc = Date.UTC(parsed.year, parsed.month - 1, parsed.day, parsed.hour, parsed.minute);
  // Each offset the zone has around that day is a candidate; the ones whose instant really has it show the time.
  const offsets = new Set([parsed.offset, parsed.minus({ hours: 6 }).offset, parsed.plus({ hours: 6 }).offset]);
  let earliest = parsed;
  for (const offset of offsets) {
    const candidate = DateTime.fromMillis(wallClockAsUtc - offset * 60_000, { zone: parsed.zone });
    if (candidate.offset === offset && candidate < earliest) earliest = candidate;
  }
  return earliest;
}

/** An instant as the zone's local "YYYY-MM-DD" and "HH:mm". */
export function instantToLocal(at: Date, timeZone: string): { date: string; time: string } {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  return { date: local.toFormat("yyyy-MM-dd"), time: local.toFormat("HH:mm") };
}

/** The instants a calendar's local dates [from, to] (inclusive) cover in the zone: [start, end). */
export function localDayRange(from: string, to: string, timeZone: string): { start: Date; end: Date } {
  if (!isTimeZone(timeZone)) throw new FieldError("timeZone", `Not an IANA time zone: ${JSON.stringify(timeZone)}`);
  const start = DateTime.fromISO(from, { zone: timeZone }).startOf("day");
  const end = DateTime.fromISO(to, { zone: timeZone }).plus({ days: 1 }).startOf("day");
  if (!start.isValid) throw new FieldError("from", "A date like 2026-12-01");
  if (!end.isValid) throw new FieldError("to", "A date like 2026-12-31");
  if (end <= start) throw new FieldError("to", "The end comes before the start");
  if (end.diff(start, "days").days > 62) throw new FieldError("to", "A calendar shows at most 62 days at once");
  return { start: start.toJSDate(), end: end.toJSDate() };
}

export interface WeeklySlot {
  /** ISO weekday, 1 = Monday. */
  weekday: number;
  minuteOfDay: number;
}

/**
 * The first slot time after `after` whose instant is not in `taken`, looking `weeks` ahead. Each
 * slot keeps its local wall-clock time across DST changes (09:00 stays 09:00); a slot that falls
 * in a DST gap that day is skipped.
 */
export function nextFreeSlot(
  slots: readonly WeeklySlot[],
  timeZone: string,
  after: Date,
  taken: ReadonlySet<number>,
  weeks = 12,
): Date | null {
  if (slots.length === 0) return null;
  const sorted = [...slots].sort((a, b) => a.weekday - b.weekday || a.minuteOfDay - b.minuteOfDay);
  let day = DateTime.fromJSDate(after, { zone: timeZone }).startOf("day");
  for (let i = 0; i < weeks * 7 + 1; i++, day = day.plus({ days: 1 })) {
    for (const slot of sorted) {
      if (slot.weekday !== day.weekday) continue;
      const hour = Math.floor(slot.minuteOfDay / 60);
      const minute = slot.minuteOfDay % 60;
      const local = `${day.toFormat("yyyy-MM-dd")}T${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
      let at: Date;
      try {
        at = localToInstant(local, timeZone);
      } catch {
        continue;
      }
      if (at.getTime() > after.getTime() && !taken.has(at.getTime())) return at;
    }
  }
  return null;
}

/** "09:30" → 570. */
export function minuteOfDay(time: string): number {
  const [hour, minute] = time.split(":").map(Number) as [number, number];
  return hour * 60 + minute;
}

/** 570 → "09:30". */
export function timeOfMinute(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
