import { cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { formatWaited, JobQueuesTable, JobsTable, type JobQueueRow, type JobRow } from "./JobsTable.tsx";

afterEach(cleanup);

const at = new Date("2026-12-01T10:00:00Z");
const job = (id: string, state: JobRow["state"], extra: Partial<JobRow> = {}): JobRow => ({
  id,
  queue: "publish.target",
  state,
  attempts: 1,
  retryLimit: 5,
  error: null,
  createdAt: at,
  startedAt: null,
  completedAt: null,
  ...extra,
});
const rowOf = (id: string) => document.querySelector<HTMLTableRowElement>(`tr[data-job="${id}"]`)!;

describe("JobsTable", () => {
  const jobs = [
    job("dead", "failed", { attempts: 6, error: "X answered 403: duplicate content" }),
    job("waiting", "created"),
    job("done", "completed", { completedAt: at }),
  ];

  it("shows each job's queue, state, tries and last error", () => {
    render(<JobsTable jobs={jobs} />);
    expect(within(rowOf("dead")).getByText("Failed (dead letter)")).toBeTruthy();
    expect(within(rowOf("dead")).getByText("6 of 6")).toBeTruthy();
    expect(within(rowOf("dead")).getByText("X answered 403: duplicate content")).toBeTruthy();
    expect(within(rowOf("waiting")).getByText("Waiting")).toBeTruthy();
    // Without callbacks there is nothing to press.
    expect(screen.queryByRole("button", { name: /Retry|Cancel/ })).toBeNull();
  });

  it("offers Retry on dead letters and Cancel on jobs not finished, nothing on completed ones", () => {
    const onRetry = vi.fn<(id: string) => void>();
    const onCancel = vi.fn<(id: string) => void>();
    render(<JobsTable jobs={jobs} onRetry={onRetry} onCancel={onCancel} />);
    fireEvent.click(within(rowOf("dead")).getByRole("button", { name: "Retry job dead" }));
    fireEvent.click(within(rowOf("waiting")).getByRole("button", { name: "Cancel job waiting" }));
    expect(onRetry).toHaveBeenCalledWith("dead");
    expect(onCancel).toHaveBeenCalledWith("waiting");
    expect(within(rowOf("dead")).queryByRole("button", { name: /Cancel/ })).toBeNull();
    expect(within(rowOf("done")).queryByRole("button")).toBeNull();
  });

  it("disables every action while one is on its way", () => {
    render(<JobsTable jobs={jobs} onRetry={() => {}} onCancel={() => {}} pendingId="dead" />);
    expect((within(rowOf("waiting")).getByRole("button", { name: /Cancel/ }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("says when there are no jobs", () => {
    render(<JobsTable jobs={[]} emptyText="No failed jobs" />);
    expect(screen.getByText("No failed jobs")).toBeTruthy();
  });
});

describe("JobQueuesTable", () => {
  const queue = (name: string, counts: Partial<JobQueueRow["counts"]>, oldestWaitingSeconds = 0): JobQueueRow => {
    const all = { created: 0, retry: 0, active: 0, completed: 0, cancelled: 0, failed: 0, ...counts };
    return { queue: name, counts: all, oldestWaitingSeconds, deadLetters: all.failed };
  };

  it("sums waiting and retrying jobs, marks dead letters, and says how long the oldest has waited", () => {
    render(
      <JobQueuesTable
        queues={[queue("publish.target", { created: 2, retry: 1, failed: 4, completed: 9 }, 125), queue("core.cleanup", { completed: 3 })]}
      />,
    );
    const row = document.querySelector<HTMLTableRowElement>('tr[data-queue="publish.target"]')!;
    const cells = within(row)
      .getAllByRole("cell")
      .map((cell) => cell.textContent);
    expect(cells).toEqual(["3", "0", "9", "4", "0", "2 min"]);
    const calm = document.querySelector<HTMLTableRowElement>('tr[data-queue="core.cleanup"]')!;
    expect(within(calm).getAllByRole("cell").at(-1)?.textContent).toBe("—");
  });

  it("formats waits to the unit that matters", () => {
    expect([formatWaited(45), formatWaited(720), formatWaited(3 * 3600 + 300), formatWaited(2 * 86_400 + 4 * 3600)]).toEqual([
      "45 s",
      "12 min",
      "3 h 5 min",
      "2 d 4 h",
    ]);
  });
});
