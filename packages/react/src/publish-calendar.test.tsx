// The shared publish calendar and slots editor against a fake transport: which days they ask
// the server for, what they show, and what they send.
import type { AppRouter } from "@glow/api/client";
import { addDays, todayIn, weekDays } from "@glow/ui";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { createTRPCClient, TRPCClientError, type TRPCLink } from "@trpc/client";
import { observable } from "@trpc/server/observable";
import type { ReactNode } from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { calendarRange, PublishCalendar, PublishSlotsEditor } from "./publish-calendar.tsx";
import { ApiProvider } from "./provider.tsx";

type Call = { path: string; input: Record<string, unknown> };

/** A client whose server answers each path with `answer(call)` (a thrown error is the server's refusal). */
function fakeClient(answer: (call: Call) => unknown, calls: Call[]) {
  const link: TRPCLink<AppRouter> =
    () =>
    ({ op }) =>
      observable((observer) => {
        const call = { path: op.path, input: op.input as Record<string, unknown> };
        calls.push(call);
        try {
          observer.next({ result: { type: "data", data: answer(call) } });
          observer.complete();
        } catch (error) {
          observer.error(error as TRPCClientError<AppRouter>);
        }
        return () => {};
      });
  return createTRPCClient<AppRouter>({ links: [link] });
}

function renderWith(answer: (call: Call) => unknown, ui: ReactNode) {
  const calls: Call[] = [];
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={queryClient}>
      <ApiProvider trpcClient={fakeClient(answer, calls)} queryClient={queryClient}>
        {ui}
      </ApiProvider>
    </QueryClientProvider>,
  );
  return calls;
}

const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

afterEach(cleanup);

describe("PublishCalendar", () => {
  it("asks for this week in the viewer's time zone, shows its posts, moves by week and month, and opens a post", async () => {
    const today = todayIn(zone);
    const onOpenPost = vi.fn<(postId: string) => void>();
    const calls = renderWith(
      ({ input }) => ({
        timeZone: input.timeZone,
        entries: [
          { postId: "post-1", at: new Date(), date: today, time: "09:30", excerpt: "Launch", state: "scheduled", platforms: ["sandbox"] },
        ],
      }),
      <PublishCalendar orgId="org-1" onOpenPost={onOpenPost} />,
    );
    const week = weekDays(today);
    await waitFor(() => expect(screen.getByRole("button", { name: "09:30 Scheduled: Launch" })).toBeTruthy());
    expect(calls.at(-1)).toEqual({
      path: "publish.calendar",
      input: { orgId: "org-1", from: week[0], to: addDays(week[6]!, 1), timeZone: zone },
    });
    fireEvent.click(screen.getByRole("button", { name: "09:30 Scheduled: Launch" }));
    expect(onOpenPost).toHaveBeenCalledWith("post-1");

    fireEvent.click(screen.getByRole("button", { name: "Next week" }));
    await waitFor(() => expect(calls.at(-1)!.input.from).toBe(addDays(week[0]!, 7)));

    fireEvent.click(screen.getByRole("button", { name: "Today" }));
    fireEvent.click(screen.getByRole("radio", { name: "Month" }));
    const month = calendarRange("month", today);
    await waitFor(() => expect(calls.at(-1)!.input).toMatchObject({ from: month.first, to: addDays(month.last, 1) }));
    expect(screen.getByRole("grid")).toBeTruthy();

    fireEvent.change(screen.getByRole("combobox", { name: "Time zone" }), { target: { value: "Asia/Tokyo" } });
    await waitFor(() => expect(calls.at(-1)!.input.timeZone).toBe("Asia/Tokyo"));
  });

  it("says when nothing is planned, and shows the server's refusal with a retry", async () => {
    let fail = true;
    renderWith(
      () => {
        if (fail) throw new TRPCClientError("Something broke", { result: { error: { data: { httpStatus: 500 } } } as never });
        return { timeZone: zone, entries: [] };
      },
      <PublishCalendar orgId="org-1" onOpenPost={() => {}} />,
    );
    await waitFor(() => expect(screen.getByRole("alert")).toBeTruthy());
    fail = false;
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    await waitFor(() => expect(screen.getByText("Nothing planned this week")).toBeTruthy());
  });
});

describe("PublishSlotsEditor", () => {
  it("adds a weekly slot and saves the week's slots in their time zone", async () => {
    const calls = renderWith(
      ({ path, input }) =>
        path === "publish.slots.get"
          ? { timeZone: "Europe/Berlin", slots: [{ weekday: 3, time: "12:00" }] }
          : { timeZone: input.timeZone, slots: input.slots },
      <PublishSlotsEditor orgId="org-1" canEdit />,
    );
    await waitFor(() => expect(screen.getByText("Wednesday 12:00")).toBeTruthy());
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Save slots" }).disabled).toBe(true);
    fireEvent.change(screen.getByRole("combobox", { name: "Day" }), { target: { value: "1" } });
    fireEvent.change(screen.getByLabelText("Time"), { target: { value: "08:15" } });
    fireEvent.click(screen.getByRole("button", { name: "Add slot" }));
    expect(screen.getAllByRole("listitem").map((item) => item.textContent?.replace("×", ""))).toEqual(["Monday 08:15", "Wednesday 12:00"]);
    fireEvent.click(screen.getByRole("button", { name: "Save slots" }));
    await waitFor(() => expect(screen.getByText("Posting slots saved.")).toBeTruthy());
    expect(calls.find((call) => call.path === "publish.slots.set")!.input).toEqual({
      orgId: "org-1",
      timeZone: "Europe/Berlin",
      slots: [
        { weekday: 1, time: "08:15" },
        { weekday: 3, time: "12:00" },
      ],
    });
  });

  it("only shows the slots to a client", async () => {
    renderWith(() => ({ timeZone: null, slots: [] }), <PublishSlotsEditor orgId="org-1" canEdit={false} />);
    await waitFor(() => expect(screen.getByText("No posting slots yet")).toBeTruthy());
    expect(screen.queryByRole("button", { name: "Add slot" })).toBeNull();
  });
});
