// Smoke tests: the charts render SVG for their data at a fixed size, and say when there is none.
import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { CategoryBarChart, TimeSeriesChart } from "./charts.tsx";

afterEach(cleanup);

describe("TimeSeriesChart", () => {
  it("draws an area for the series under its caption", () => {
    const data = [
      { date: "Nov 20", users: 3 },
      { date: "Nov 21", users: 5 },
      { date: "Nov 22", users: 4 },
    ];
    const { container } = render(
      <TimeSeriesChart
        title="Daily active people"
        data={data}
        xKey="date"
        series={[{ key: "users", name: "People" }]}
        width={400}
        height={200}
      />,
    );
    expect(screen.getByRole("figure", { name: "Daily active people" })).toBeTruthy();
    expect(container.querySelector("svg")).not.toBeNull();
    expect(container.querySelector(".recharts-area")).not.toBeNull();
  });

  it("says when there is no data", () => {
    const { container } = render(
      <TimeSeriesChart title="Daily active people" data={[]} xKey="date" series={[{ key: "users", name: "People" }]} width={400} />,
    );
    expect(screen.getByText("No data for this period")).toBeTruthy();
    expect(container.querySelector("svg")).toBeNull();
  });
});

describe("CategoryBarChart", () => {
  it("draws a bar per value, and a legend for several series", () => {
    const data = [
      { day: "D0", users: 4, rate: 100 },
      { day: "D1", users: 2, rate: 50 },
    ];
    const { container } = render(
      <CategoryBarChart
        title="Challenge funnel"
        data={data}
        xKey="day"
        series={[
          { key: "users", name: "People" },
          { key: "rate", name: "Share" },
        ]}
        width={400}
        height={200}
      />,
    );
    expect(screen.getByRole("figure", { name: "Challenge funnel" })).toBeTruthy();
    expect(container.querySelectorAll(".recharts-bar-rectangle").length).toBe(4);
    expect(container.querySelector(".recharts-legend-wrapper")).not.toBeNull();
  });
});
