// Local times in IANA zones across DST changes, and the weekly slot queue.
import { describe, expect, it } from "vitest";
import { FieldError } from "../../core/errors.ts";
import { instantToLocal, localDayRange, localToInstant, nextFreeSlot } from "./scheduling.ts";

function refusal(work: () => unknown): FieldError {
  let caught: unknown = null;
  try {
    work();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(FieldError);
  return caught as FieldError;
}

describe("localToInstant", () => {
  it("reads a wall-clock time in the zone's offset of that day", () => {
    expect(localToInstant("2026-07-01T09:00", "Europe/Berlin").toISOString()).toBe("2026-07-01T07:00:00.000Z");
    expect(localToInstant("2026-12-05T09:30", "Europe/Berlin").toISOString()).toBe("2026-12-05T08:30:00.000Z");
    expect(localToInstant("2026-12-05T09:30", "America/New_York").toISOString()).toBe("2026-12-05T14:30:00.000Z");
  });

  it("refuses a time the clocks skip, naming `at`", () => {
    const berlin = refusal(() => localToInstant("2026-03-29T02:30", "Europe/Berlin"));
    expect(berlin.field).toBe("at");
    expect(berlin.message).toMatch(/does not exist in Europe\/Berlin/);
    expect(refusal(() => localToInstant("2026-03-08T02:30", "America/New_York")).field).toBe("at");
    // The minutes either side of the gap exist.
    expect(localToInstant("2026-03-29T01:59", "Europe/Berlin").toISOString()).toBe("2026-03-29T00:59:00.000Z");
    expect(localToInstant("2026-03-29T03:00", "Europe/Berlin").toISOString()).toBe("2026-03-29T01:00:00.000Z");
  });

  it("takes the earlier of the two instants when the clocks go back", () => {
    // 02:30 happens at 00:30Z (CEST, +2) and again at 01:30Z (CET, +1).
    expect(localToInstant("2026-10-25T02:30", "Europe/Berlin").toISOString()).toBe("2026-10-25T00:30:00.000Z");
    // 01:30 happens at 05:30Z (EDT, -4) and again at 06:30Z (EST, -5).
    expect(localToInstant("2026-11-01T01:30", "America/New_York").toISOString()).toBe("2026-11-01T05:30:00.000Z");
  });

  it("refuses what is not a local date-time or a zone", () => {
    expect(refusal(() => localToInstant("2026-12-05 09:30", "Europe/Berlin")).field).toBe("at");
    expect(refusal(() => localToInstant("2026-02-30T09:30", "Europe/Berlin")).field).toBe("at");
    expect(refusal(() => localToInstant("2026-12-05T09:30", "Mars/Olympus")).field).toBe("timeZone");
    expect(refusal(() => localToInstant("2026-12-05T09:30", "CET+1")).field).toBe("timeZone");
  });
});

describe("the calendar's days", () => {
  it("covers whole local days, 23 hours on the day the clocks go forward", () => {
    const { start, end } = localDayRange("2026-03-29", "2026-03-29", "Europe/Berlin");
    expect(start.toISOString()).toBe("2026-03-28T23:00:00.000Z");
    expect(end.toISOString()).toBe("2026-03-29T22:00:00.000Z");
    expect(instantToLocal(new Date("2026-10-25T01:30:00Z"), "Europe/Berlin")).toEqual({ date: "2026-10-25", time: "02:30" });
  });
});

describe("nextFreeSlot", () => {
  const monday0900 = { weekday: 1, minuteOfDay: 9 * 60 };
  const friday1730 = { weekday: 5, minuteOfDay: 17 * 60 + 30 };

  it("fills the week's slots in order, skipping taken ones", () => {
    const after = new Date("2026-12-01T12:00:00Z"); // a Tuesday
    const first = nextFreeSlot([monday0900, friday1730], "Europe/Berlin", after, new Set());
    expect(first?.toISOString()).toBe("2026-12-04T16:30:00.000Z");
    const second = nextFreeSlot([monday0900, friday1730], "Europe/Berlin", after, new Set([first!.getTime()]));
    expect(second?.toISOString()).toBe("2026-12-07T08:00:00.000Z");
  });

  it("keeps the local wall-clock time across the DST change", () => {
    const after = new Date("2026-10-20T12:00:00Z");
    const taken = new Set<number>();
    const queued: string[] = [];
    for (let i = 0; i < 3; i++) {
      const at = nextFreeSlot([monday0900], "Europe/Berlin", after, taken)!;
      taken.add(at.getTime());
      queued.push(at.toISOString());
    }
    // 09:00 in Berlin: +2 before 25 October, +1 after.
    expect(queued).toEqual(["2026-10-26T08:00:00.000Z", "2026-11-02T08:00:00.000Z", "2026-11-09T08:00:00.000Z"]);
    const ny = nextFreeSlot([{ weekday: 7, minuteOfDay: 9 * 60 }], "America/New_York", new Date("2026-10-31T12:00:00Z"), new Set());
    expect(ny?.toISOString()).toBe("2026-11-01T14:00:00.000Z");
    expect(instantToLocal(ny!, "America/New_York").time).toBe("09:00");
  });

  it("skips a slot that falls in the DST gap that day, and answers null without slots", () => {
    const sunday0230 = { weekday: 7, minuteOfDay: 2 * 60 + 30 };
    const at = nextFreeSlot([sunday0230], "Europe/Berlin", new Date("2026-03-28T12:00:00Z"), new Set());
    expect(at?.toISOString()).toBe("2026-04-05T00:30:00.000Z");
    expect(nextFreeSlot([], "Europe/Berlin", new Date(), new Set())).toBeNull();
  });
});
