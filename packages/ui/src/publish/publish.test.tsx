import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { addDays, addMonths, isoWeekday, monthWeeks, todayIn, weekDays } from "./calendar-days.ts";
import { CalendarGrid, type CalendarEntry } from "./CalendarGrid.tsx";
import { CharacterCounter, countCharacters } from "./CharacterCounter.tsx";
import { PostPreviewCard } from "./PostPreviewCard.tsx";
import { TargetStateBadge } from "./TargetStateBadge.tsx";

afterEach(cleanup);

describe("calendar days", () => {
  it("keeps days whole across a daylight-saving change and starts weeks on Monday", () => {
    // Europe's clocks go back on 25 Oct 2026: plain day arithmetic must not notice.
    expect(addDays("2026-10-24", 2)).toBe("2026-10-26");
    expect(isoWeekday("2026-12-06")).toBe(7);
    expect(weekDays("2026-12-06")).toEqual([
      "2026-11-30",
      "2026-12-01",
      "2026-12-02",
      "2026-12-03",
      "2026-12-04",
      "2026-12-05",
      "2026-12-06",
    ]);
  });

  it("covers a month with whole weeks and keeps the day inside shorter months", () => {
    const weeks = monthWeeks("2026-12-15");
    expect(weeks.map((week) => week[0])).toEqual(["2026-11-30", "2026-12-07", "2026-12-14", "2026-12-21", "2026-12-28"]);
    expect(monthWeeks("2021-02-10")).toHaveLength(4); // Feb 2021 starts on a Monday and has 28 days
    expect(addMonths("2027-01-31", 1)).toBe("2027-02-28");
    expect(addMonths("2027-01-31", -2)).toBe("2026-11-30");
  });

  it("reads today in the time zone asked for", () => {
    const instant = new Date("2026-12-01T23:30:00Z");
    expect(todayIn("Europe/Berlin", instant)).toBe("2026-12-02");
    expect(todayIn("America/New_York", instant)).toBe("2026-12-01");
  });
});

const entry = (over: Partial<CalendarEntry>): CalendarEntry => ({
  postId: "p1",
  date: "2026-12-02",
  time: "09:30",
  excerpt: "Launch day",
  state: "scheduled",
  platforms: ["x"],
  ...over,
});

describe("CalendarGrid", () => {
  it("puts each post on its day in the week, in time order, and opens it", () => {
    const onOpen = vi.fn<(postId: string) => void>();
    render(
      <CalendarGrid
        view="week"
        anchor="2026-12-03"
        today="2026-12-01"
        label="Week"
        onOpen={onOpen}
        entries={[entry({ postId: "late", time: "18:00", excerpt: "Evening" }), entry({ postId: "early", time: "08:00" })]}
      />,
    );
    const day = document.querySelector('[data-day="2026-12-02"]')!;
    expect([...day.querySelectorAll("[data-calendar-entry]")].map((node) => node.getAttribute("data-calendar-entry"))).toEqual([
      "early",
      "late",
    ]);
    expect(document.querySelector('[data-day="2026-12-01"]')!.getAttribute("aria-current")).toBe("date");
    fireEvent.click(screen.getByRole("button", { name: "18:00 Scheduled: Evening" }));
    expect(onOpen).toHaveBeenCalledWith("late");
  });

  it("shows the month's days with their counts and greys the neighbours' days", () => {
    const onOpenDay = vi.fn<(day: string) => void>();
    render(
      <CalendarGrid
        view="month"
        anchor="2026-12-15"
        today="2026-12-01"
        label="December"
        onOpen={() => {}}
        onOpenDay={onOpenDay}
        entries={[entry({ postId: "a" }), entry({ postId: "b", state: "published" })]}
      />,
    );
    expect(screen.getAllByRole("gridcell")).toHaveLength(35);
    expect(screen.getByRole("gridcell", { name: "Wed 2 Dec: 2 posts" })).toBeTruthy();
    expect(document.querySelector('[data-day="2026-11-30"]')!.className).toContain("bg-slate-50");
    fireEvent.click(screen.getByRole("button", { name: "Open the week of Wed 2 Dec" }));
    expect(onOpenDay).toHaveBeenCalledWith("2026-12-02");
  });
});

describe("counters and previews", () => {
  it("counts an emoji as one character and turns red over the limit", () => {
    expect(countCharacters("hi 👋")).toBe(4);
    const { rerender } = render(<CharacterCounter count={280} limit={280} />);
    expect(screen.getByText("280 / 280").getAttribute("data-over")).toBeNull();
    rerender(<CharacterCounter count={281} limit={280} />);
    const counter = screen.getByText("281 / 280");
    expect(counter.getAttribute("data-over")).toBe("true");
    expect(counter.className).toContain("text-red-700");
    expect(counter.getAttribute("aria-label")).toBe("281 of 280 characters, 1 over");
  });

  it("says what a platform would refuse before the server does", () => {
    render(
      <PostPreviewCard
        platformName="Instagram"
        handle="glow"
        text={"x".repeat(12)}
        media={[]}
        rules={{ maxLength: 10, requiresMedia: true, mediaKinds: ["image", "video"], maxMedia: 10 }}
      />,
    );
    const preview = screen.getByRole("article", { name: "Preview on Instagram as glow" });
    expect(preview.textContent).toContain("2 characters over Instagram's 10.");
    expect(preview.textContent).toContain("Instagram needs an image or a video.");
  });

  it("labels each state", () => {
    render(<TargetStateBadge state="published" />);
    expect(screen.getByText("Published").closest("[data-state]")!.getAttribute("data-state")).toBe("published");
  });
});
