// A week or a month of scheduled posts. The week is seven columns on a wide screen and a list
// of days on a phone; the month keeps its grid and, when narrow, shows each day's count.
import { cn } from "../cn.ts";
import { formatCalendarDay, monthWeeks, weekDays } from "./calendar-days.ts";
import { publishStateLabel, type PublishState } from "./TargetStateBadge.tsx";

export interface CalendarEntry {
  postId: string;
  /** The day and time in the calendar's time zone. */
  date: string;
  time: string;
  excerpt: string;
  state: PublishState;
  platforms: readonly string[];
}

const WEEKDAY_NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

const STATE_DOT: Record<PublishState, string> = {
  draft: "bg-slate-400",
  scheduled: "bg-glow-500",
  publishing: "bg-amber-500",
  published: "bg-emerald-500",
  partial: "bg-amber-500",
  failed: "bg-red-500",
  cancelled: "bg-slate-300",
};

function EntryButton({ entry, onOpen, compact }: { entry: CalendarEntry; onOpen: (postId: string) => void; compact?: boolean }) {
  return (
    <button
      type="button"
      onClick={() => onOpen(entry.postId)}
      data-calendar-entry={entry.postId}
      data-state={entry.state}
      aria-label={`${entry.time} ${publishStateLabel(entry.state)}: ${entry.excerpt}`}
      className="flex w-full min-w-0 items-start gap-1.5 rounded-md bg-glow-50 px-1.5 py-1 text-left text-xs text-slate-800 hover:bg-glow-100 focus-visible:outline-2 focus-visible:outline-glow-500"
    >
      <span aria-hidden="true" className={cn("mt-1 size-2 shrink-0 rounded-full", STATE_DOT[entry.state])} />
      <span className="min-w-0">
        <span className="font-semibold tabular-nums">{entry.time}</span>
        {!compact && <span className="block truncate">{entry.excerpt || "(no text)"}</span>}
        {!compact && entry.platforms.length > 0 && <span className="block truncate text-slate-500">{entry.platforms.join(", ")}</span>}
      </span>
    </button>
  );
}

function byDay(entries: readonly CalendarEntry[]): Map<string, CalendarEntry[]> {
  const days = new Map<string, CalendarEntry[]>();
  for (const entry of [...entries].sort((a, b) => a.time.localeCompare(b.time))) {
    days.set(entry.date, [...(days.get(entry.date) ?? []), entry]);
  }
  return days;
}

export function CalendarGrid({
  view,
  anchor,
  today,
  entries,
  onOpen,
  onOpenDay,
  label,
}: {
  view: "week" | "month";
  /** A day in the week or month shown. */
  anchor: string;
  /** Today in the calendar's time zone (marked). */
  today: string;
  entries: readonly CalendarEntry[];
  onOpen: (postId: string) => void;
  /** Month view: a day's count opens that day's week (on a phone, where entries do not fit). */
  onOpenDay?: (day: string) => void;
  /** Names the grid for assistive technology, e.g. "Week of 7 Dec". */
  label: string;
}) {
  const days = byDay(entries);
  if (view === "week") {
    return (
      <ol aria-label={label} data-calendar="week" className="grid grid-cols-1 gap-2 md:grid-cols-7">
        {weekDays(anchor).map((day) => {
          const list = days.get(day) ?? [];
          return (
            <li
              key={day}
              data-day={day}
              aria-current={day === today ? "date" : undefined}
              className={cn(
                "flex min-w-0 flex-col gap-1 rounded-xl bg-white p-2 ring-1 ring-slate-200 md:min-h-40",
                day === today && "ring-2 ring-glow-500",
              )}
            >
              <span className="text-xs font-semibold text-slate-600">{formatCalendarDay(day)}</span>
              {list.length === 0 ? (
                <span className="text-xs text-slate-400 md:hidden">Nothing scheduled</span>
              ) : (
                list.map((entry) => <EntryButton key={entry.postId} entry={entry} onOpen={onOpen} />)
              )}
            </li>
          );
        })}
      </ol>
    );
  }
  const month = anchor.slice(0, 7);
  return (
    <div role="grid" aria-label={label} data-calendar="month" className="flex min-w-0 flex-col gap-1">
      <div role="row" className="grid grid-cols-7 gap-1">
        {WEEKDAY_NAMES.map((name) => (
          <span key={name} role="columnheader" className="text-center text-xs font-semibold text-slate-500">
            {name}
          </span>
        ))}
      </div>
      {monthWeeks(anchor).map((week) => (
        <div role="row" key={week[0]} className="grid grid-cols-7 gap-1">
          {week.map((day) => {
            const list = days.get(day) ?? [];
            return (
              <div
                role="gridcell"
                key={day}
                data-day={day}
                aria-current={day === today ? "date" : undefined}
                aria-label={`${formatCalendarDay(day)}: ${list.length} ${list.length === 1 ? "post" : "posts"}`}
                className={cn(
                  "flex min-h-14 min-w-0 flex-col gap-0.5 rounded-lg p-1 ring-1 ring-slate-200 sm:min-h-24",
                  day.slice(0, 7) === month ? "bg-white" : "bg-slate-50 text-slate-400",
                  day === today && "ring-2 ring-glow-500",
                )}
              >
                <span className="text-xs font-semibold">{Number(day.slice(8))}</span>
                {/* On a phone a day is ~50 px wide: its count, then the entries open from the week view. */}
                {list.length > 0 && (
                  <button
                    type="button"
                    disabled={!onOpenDay}
                    onClick={() => onOpenDay?.(day)}
                    aria-label={`Open the week of ${formatCalendarDay(day)}`}
                    className="rounded bg-glow-100 px-1 text-center text-xs font-semibold text-glow-700 sm:hidden"
                  >
                    {list.length}
                  </button>
                )}
                <div className="hidden min-w-0 flex-col gap-0.5 sm:flex">
                  {list.slice(0, 3).map((entry) => (
                    <EntryButton key={entry.postId} entry={entry} onOpen={onOpen} compact />
                  ))}
                  {list.length > 3 && <span className="text-xs text-slate-500">+{list.length - 3} more</span>}
                </div>
              </div>
            );
          })}
        </div>
      ))}
    </div>
  );
}
