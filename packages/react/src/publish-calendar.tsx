// Publish's calendar and weekly posting slots, for both apps: `PublishCalendar` (publish.calendar,
// week or month, in a chosen time zone) and `PublishSlotsEditor` (publish.slots.get/set).
import {
  addDays,
  addMonths,
  browserTimeZone,
  Button,
  CalendarGrid,
  Card,
  EmptyState,
  ErrorMessage,
  formatCalendarDay,
  formatCalendarMonth,
  FormError,
  monthWeeks,
  Notice,
  SegmentedControl,
  Spinner,
  TimeZoneSelect,
  todayIn,
  weekDays,
} from "@glow/ui";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { formProblems } from "./errors.ts";
import { useDescribeError } from "./provider.tsx";
import { useTRPC } from "./trpc.ts";

export type CalendarView = "week" | "month";

/** The first and last day a view shows (the month's whole weeks). */
export function calendarRange(view: CalendarView, anchor: string): { first: string; last: string } {
  const days = view === "week" ? weekDays(anchor) : monthWeeks(anchor).flat();
  return { first: days[0]!, last: days[days.length - 1]! };
}

const VIEWS = [
  { value: "week", label: "Week" },
  { value: "month", label: "Month" },
] as const;

/**
 * The organization's posts on a week or a month, in `timeZone` (the viewer's by default, or
 * the one chosen here). `onOpenPost` is the app's way to a post (a route on the web).
 */
export function PublishCalendar({
  orgId,
  onOpenPost,
  initialView = "week",
}: {
  orgId: string;
  onOpenPost: (postId: string) => void;
  initialView?: CalendarView;
}) {
  const trpc = useTRPC();
  const describeError = useDescribeError();
  const [timeZone, setTimeZone] = useState(browserTimeZone);
  const today = todayIn(timeZone);
  const [view, setView] = useState<CalendarView>(initialView);
  const [anchor, setAnchor] = useState(today);
  const { first, last } = calendarRange(view, anchor);
  // One day more at the end: the server's `to` may be exclusive, and the grid shows only its own days.
  const calendar = useQuery(
    trpc.publish.calendar.queryOptions({ orgId, from: first, to: addDays(last, 1), timeZone }, { placeholderData: keepPreviousData }),
  );
  const move = (step: number) => setAnchor((day) => (view === "week" ? addDays(day, 7 * step) : addMonths(day, step)));
  const label = view === "week" ? `Week of ${formatCalendarDay(first)}` : formatCalendarMonth(anchor);
  const entries = calendar.data?.entries ?? [];

  return (
    <section aria-label="Calendar" className="flex min-w-0 flex-col gap-3" data-publish-calendar={view}>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="flex flex-wrap items-center gap-2">
          <Button variant="secondary" className="py-1.5" onClick={() => move(-1)} aria-label={`Previous ${view}`}>
            ‹
          </Button>
          <Button variant="secondary" className="py-1.5" onClick={() => setAnchor(today)}>
            Today
          </Button>
          <Button variant="secondary" className="py-1.5" onClick={() => move(1)} aria-label={`Next ${view}`}>
            ›
          </Button>
          <h2 className="text-base font-semibold text-slate-900" data-calendar-title>
            {label}
          </h2>
        </div>
        <div className="flex flex-wrap items-end gap-3">
          <SegmentedControl legend="Calendar view" name="calendar-view" options={VIEWS} value={view} onChange={setView} />
          <TimeZoneSelect value={timeZone} onChange={setTimeZone} className="w-56 max-w-full" />
        </div>
      </div>
      {calendar.isPending && <Spinner label="Loading the calendar" />}
      {calendar.isError && <ErrorMessage message={describeError(calendar.error)} onRetry={() => void calendar.refetch()} />}
      {calendar.isSuccess && (
        <>
          <CalendarGrid
            view={view}
            anchor={anchor}
            today={today}
            entries={entries}
            label={label}
            onOpen={onOpenPost}
            onOpenDay={(day) => {
              setAnchor(day);
              setView("week");
            }}
          />
          {entries.length === 0 && <EmptyState title={`Nothing planned this ${view}`}>Scheduled and published posts show here.</EmptyState>}
        </>
      )}
    </section>
  );
}

const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];
type Slot = { weekday: number; time: string };
const slotOrder = (a: Slot, b: Slot) => a.weekday - b.weekday || a.time.localeCompare(b.time);

/**
 * The weekly times "Add to queue" fills, in their time zone. Staff and owners change them
 * (`canEdit`); a client sees them.
 */
export function PublishSlotsEditor({ orgId, canEdit }: { orgId: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const describeError = useDescribeError();
  const slots = useQuery(trpc.publish.slots.get.queryOptions({ orgId }));
  const [draft, setDraft] = useState<{ timeZone: string; slots: Slot[] } | null>(null);
  const [weekday, setWeekday] = useState("1");
  const [time, setTime] = useState("09:00");
  const save = useMutation(
    trpc.publish.slots.set.mutationOptions({
      onSuccess: (saved) => {
        queryClient.setQueryData(trpc.publish.slots.get.queryKey({ orgId }), saved);
        setDraft(null);
      },
    }),
  );
  const problems = formProblems(save.error, ["timeZone", "slots"], describeError);

  if (slots.isPending) return <Spinner label="Loading the posting slots" />;
  if (slots.isError) return <ErrorMessage message={describeError(slots.error)} onRetry={() => void slots.refetch()} />;
  const shown = draft ?? { timeZone: slots.data.timeZone ?? browserTimeZone(), slots: [...slots.data.slots].sort(slotOrder) };
  const edit = (next: Partial<typeof shown>) => {
    save.reset();
    setDraft({ ...shown, ...next });
  };

  return (
    <Card title="Posting slots" description="“Add to queue” puts a post in the next free one of these weekly times.">
      <div className="flex flex-col gap-3" data-slots-editor>
        {shown.slots.length === 0 ? (
          <EmptyState title="No posting slots yet">{canEdit ? "Add the times you like to post at." : "Staff can add them."}</EmptyState>
        ) : (
          <ul aria-label="Posting slots" className="flex flex-wrap gap-2">
            {shown.slots.map((slot) => (
              <li
                key={`${slot.weekday}-${slot.time}`}
                className="flex items-center gap-2 rounded-full bg-glow-50 px-3 py-1 text-sm text-glow-700"
                data-slot={`${slot.weekday}-${slot.time}`}
              >
                {WEEKDAYS[slot.weekday - 1]} {slot.time}
                {canEdit && (
                  <button
                    type="button"
                    aria-label={`Remove ${WEEKDAYS[slot.weekday - 1]} ${slot.time}`}
                    onClick={() => edit({ slots: shown.slots.filter((other) => other !== slot) })}
                    className="rounded-full px-1 text-glow-700 hover:bg-glow-100 focus-visible:outline-2 focus-visible:outline-glow-500"
                  >
                    ×
                  </button>
                )}
              </li>
            ))}
          </ul>
        )}
        {canEdit && (
          <>
            <div className="flex flex-wrap items-end gap-3">
              <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
                Day
                <select
                  value={weekday}
                  onChange={(event) => setWeekday(event.target.value)}
                  className="rounded-lg bg-white px-3 py-1.5 text-base text-slate-900 ring-1 ring-slate-300 sm:text-sm"
                >
                  {WEEKDAYS.map((name, index) => (
                    <option key={name} value={String(index + 1)}>
                      {name}
                    </option>
                  ))}
                </select>
              </label>
              <label className="flex flex-col gap-1 text-sm font-medium text-slate-700">
                Time
                <input
                  type="time"
                  value={time}
                  onChange={(event) => setTime(event.target.value)}
                  className="rounded-lg bg-white px-3 py-1.5 text-base text-slate-900 ring-1 ring-slate-300 sm:text-sm"
                />
              </label>
              <Button
                variant="secondary"
                disabled={!time}
                onClick={() => {
                  const slot = { weekday: Number(weekday), time };
                  if (!shown.slots.some((other) => slotOrder(other, slot) === 0)) edit({ slots: [...shown.slots, slot].sort(slotOrder) });
                }}
              >
                Add slot
              </Button>
            </div>
            <TimeZoneSelect
              label="Slots' time zone"
              value={shown.timeZone}
              onChange={(timeZone) => edit({ timeZone })}
              error={problems.fields.timeZone}
              className="sm:w-72"
            />
            {problems.fields.slots && <p className="text-sm font-medium text-red-700">{problems.fields.slots}</p>}
            <FormError message={problems.alert} />
            {save.isSuccess && !draft && <Notice tone="success">Posting slots saved.</Notice>}
            <div className="flex flex-wrap gap-3">
              <Button busy={save.isPending} disabled={!draft} onClick={() => draft && save.mutate({ orgId, ...draft })}>
                Save slots
              </Button>
              {draft && (
                <Button variant="secondary" onClick={() => setDraft(null)}>
                  Undo changes
                </Button>
              )}
            </div>
          </>
        )}
      </div>
    </Card>
  );
}
