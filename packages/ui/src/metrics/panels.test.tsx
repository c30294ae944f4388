// The shared metrics panels show their figures, tables and charts, with the data-* hooks the apps' browser tests read.
import { cleanup, render, screen, within } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { ChallengeFunnelPanel, PeoplePanel, PlanCompletionPanel, SystemHealthPanel, type SystemMetrics } from "./panels.tsx";

afterEach(cleanup);

const stat = (container: HTMLElement, label: string) => container.querySelector(`[data-stat="${label}"]`)?.textContent;

describe("PeoplePanel", () => {
  const overview = {
    totalUsers: 1234,
    newUsers: 5,
    averageDau: 2.5,
    dau: [
      { date: "2026-11-21", users: 2 },
      { date: "2026-11-22", users: 3 },
    ],
  };

  it("shows the figures, the chart and the day-by-day table", () => {
    const { container } = render(<PeoplePanel overview={overview} />);
    expect(stat(container, "Total users")).toBe("1,234");
    expect(stat(container, "Average daily active")).toBe("2.5");
    expect(screen.getByRole("figure", { name: "Daily active people" })).toBeTruthy();
    expect(screen.getByRole("table", { name: "Daily active people" }).textContent).toContain("Nov 22");
  });

  it("leaves the table out when asked", () => {
    render(<PeoplePanel overview={overview} table={false} />);
    expect(screen.queryByRole("table")).toBeNull();
  });
});

describe("ChallengeFunnelPanel", () => {
  it("shows each day's people and rate", () => {
    const challenge = {
      enrolled: 4,
      funnel: [
        { day: 0, users: 4, rate: 1 },
        { day: 7, users: 1, rate: 0.25 },
      ],
    };
    const { container } = render(<ChallengeFunnelPanel challenge={challenge} />);
    expect(stat(container, "Finished day 7")).toBe("1");
    expect(container.querySelector('[data-funnel-day="0"] [data-value="users"]')?.textContent).toBe("4");
    expect(container.querySelector('[data-funnel-day="7"] [data-value="rate"]')?.textContent).toBe("25%");
  });
});

describe("PlanCompletionPanel", () => {
  it("names each step and its completion rate", () => {
    const plans = { plans: 2, fullyCompleted: 1, fullRate: 0.5, steps: [{ step: "clear", completed: 2, rate: 1 }] };
    const { container } = render(<PlanCompletionPanel plans={plans} />);
    expect(stat(container, "Completion rate")).toBe("50%");
    expect(container.querySelector('[data-step="clear"]')?.textContent).toContain("Clear");
    expect(container.querySelector('[data-step="clear"]')?.textContent).toContain("100%");
  });
});

describe("SystemHealthPanel", () => {
  const system: SystemMetrics = {
    range: { from: new Date("2026-11-21T16:00:00Z"), to: new Date("2026-11-22T16:00:00Z") },
    totals: { requests: 10, errorRate: 0.1, p50: 4, p95: 12.34, p99: 20 },
    procedures: [{ procedure: "reset.plan.completeStep", requests: 10, p50: 4, p95: 12.34, p99: 20, errorRate: 0.1, clientErrorRate: 0 }],
    latency: [{ hour: new Date("2026-11-22T15:00:00Z"), requests: 10, p95: 12.34 }],
    ai: { calls: 0, failed: 0, costUsd: 0, promptTokens: 0, completionTokens: 0 },
    jobs: { deadLetters: 3 },
  };

  it("shows totals, a latency chart, each procedure and the AI cost", () => {
    const { container } = render(<SystemHealthPanel system={system} />);
    expect(stat(container, "p95 latency")).toBe("12.3 ms");
    expect(stat(container, "AI cost")).toBe("$0.00");
    expect(screen.getByRole("figure", { name: "p95 latency by hour" })).toBeTruthy();
    expect(screen.queryByRole("figure", { name: "Requests by hour" })).toBeNull();
    expect(container.querySelector('[data-procedure="reset.plan.completeStep"]')?.textContent).toMatch(/ms/);
    expect(screen.getByRole("region", { name: "AI" })).toBeTruthy();
    expect(screen.getByRole("region", { name: "Background jobs" })).toBeTruthy();
    expect(stat(container, "Dead-letter jobs")).toBe("3");
  });

  it("adds the requests chart and its own titles, and its procedure table sorts and exports", () => {
    render(<SystemHealthPanel system={system} requestsChart latencyTitle="p95 latency by hour, in milliseconds" />);
    expect(screen.getByRole("figure", { name: "Requests by hour" })).toBeTruthy();
    expect(screen.getByRole("figure", { name: "p95 latency by hour, in milliseconds" })).toBeTruthy();
    const table = screen.getByRole("table", { name: "Latency and errors by procedure" });
    expect(
      within(table)
        .getByRole("columnheader", { name: /Requests/ })
        .getAttribute("aria-sort"),
    ).toBe("descending");
    expect(screen.getByRole("button", { name: "Export CSV" })).toBeTruthy();
  });

  it("says when no request was logged", () => {
    render(<SystemHealthPanel system={{ ...system, latency: [], procedures: [] }} emptyText="No requests logged in the last 24 hours" />);
    expect(screen.getByText("No requests logged in the last 24 hours")).toBeTruthy();
  });
});
