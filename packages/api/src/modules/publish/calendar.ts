// The calendar: scheduled and published posts between two local dates in a zone, read in one
// SQL statement (one round trip, under row-level security) over the (org_id, scheduled_at) index.
import type { Tenant } from "../../core/tenancy.ts";
import type { TargetState } from "./events.ts";
import type { PlatformId } from "./platforms/types.ts";
import type { CalendarView } from "./posts.schemas.ts";
import { postState } from "./posts.ts";
import { isTimeZone, localDayRange } from "./scheduling.ts";

/** The most entries one calendar answers (a month of a busy team is a few hundred). */
const MAX_ENTRIES = 2000;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const ZONE_NAME = /^[A-Za-z0-9_+\-/]+$/;

export interface CalendarRow {
  post_id: string;
  at: Date;
  date: string;
  time: string;
  excerpt: string;
  states: TargetState[];
  platforms: PlatformId[];
}

/** The statement, with the instants and zone inlined as checked literals (the one-round-trip path takes uuids only as parameters). */
export function calendarSql(start: Date, end: Date, timeZone: string): string {
  const from = start.toISOString();
  const to = end.toISOString();
  if (!ISO_INSTANT.test(from) || !ISO_INSTANT.test(to) || !ZONE_NAME.test(timeZone) || !isTimeZone(timeZone)) {
    throw new Error("calendarSql takes instants and an IANA zone name");
  }
  return `SELECT p.id AS post_id, p.scheduled_at AS at,
       to_char(p.scheduled_at AT TIME ZONE '${timeZone}', 'YYYY-MM-DD') AS date,
       to_char(p.scheduled_at AT TIME ZONE '${timeZone}', 'HH24:MI') AS time,
       left(p.content, 120) AS excerpt,
       array_agg(t.state::text ORDER BY t.created_at, t.id) AS states,
       array_agg(DISTINCT a.platform::text) AS platforms
  FROM publish_posts p
  JOIN publish_targets t ON t.post_id = p.id
  JOIN publish_accounts a ON a.id = t.account_id
 WHERE p.org_id = $1 AND p.scheduled_at >= '${from}'::timestamptz AND p.scheduled_at < '${to}'::timestamptz
 GROUP BY p.id
 ORDER BY p.scheduled_at, p.id
 LIMIT ${MAX_ENTRIES}`;
}

export async function calendar(tenant: Tenant, input: { from: string; to: string; timeZone: string }): Promise<CalendarView> {
  const { start, end } = localDayRange(input.from, input.to, input.timeZone);
  const rows = await tenant.query<CalendarRow>(calendarSql(start, end, input.timeZone), [tenant.orgId]);
  return calendarView(rows, input.timeZone);
}

/** The statement's rows as the calendar answers them (the benchmark's baseline shapes its rows with it too). */
export function calendarView(rows: readonly CalendarRow[], timeZone: string): CalendarView {
  return {
    timeZone,
    entries: rows.map((row) => ({
      postId: row.post_id,
      at: row.at,
      date: row.date,
      time: row.time,
      excerpt: row.excerpt,
      state: postState(row.states),
      platforms: row.platforms,
    })),
  };
}
