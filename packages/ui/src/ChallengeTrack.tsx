import { cn } from "./cn.ts";

export type ChallengeDayStatus = "done" | "missed" | "today" | "upcoming";

export interface ChallengeDay {
  day: number;
  status: ChallengeDayStatus;
  /** The day's date, already formatted for people (e.g. "Nov 22"). */
  dateLabel?: string | null;
}

const STATUS = {
  done: { text: "Done", mark: "✓", circle: "bg-emerald-500 text-white ring-emerald-500" },
  missed: { text: "Missed", mark: "✕", circle: "bg-slate-100 text-slate-400 ring-slate-300" },
  today: { text: "Today", mark: "", circle: "bg-white text-glow-700 ring-2 ring-glow-500" },
  upcoming: { text: "Upcoming", mark: "", circle: "bg-white text-slate-400 ring-slate-200" },
} as const;

/** The 7-day challenge, day 0 to day 7, each day marked done, missed, today or upcoming. */
export function ChallengeTrack({
  days,
  label = "7-day challenge",
  detailed = false,
}: {
  days: ChallengeDay[];
  label?: string;
  detailed?: boolean;
}) {
  return (
    <ol aria-label={label} className={cn("grid gap-2", detailed ? "grid-cols-2 sm:grid-cols-4" : "grid-cols-4 sm:grid-cols-8")}>
      {days.map(({ day, status, dateLabel }) => {
        const look = STATUS[status];
        return (
          <li
            key={day}
            data-day={day}
            data-status={status}
            aria-current={status === "today" ? "date" : undefined}
            className={cn(
              "flex min-w-0 items-center gap-2",
              detailed ? "flex-row rounded-xl bg-white p-3 ring-1 ring-slate-200" : "flex-col text-center",
            )}
          >
            <span
              aria-hidden="true"
              className={cn("flex size-9 shrink-0 items-center justify-center rounded-full text-sm font-bold ring-1", look.circle)}
            >
              {look.mark || day}
            </span>
            <span className="flex min-w-0 flex-col">
              <span className="text-xs font-semibold text-slate-800">Day {day}</span>
              <span
                className={cn("text-xs", status === "done" ? "text-emerald-700" : status === "today" ? "text-glow-700" : "text-slate-500")}
              >
                {look.text}
              </span>
              {detailed && dateLabel && <span className="text-xs text-slate-500">{dateLabel}</span>}
            </span>
          </li>
        );
      })}
    </ol>
  );
}
