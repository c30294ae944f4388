// Charts for admin dashboards, on recharts. They draw SVG only (no injected <style>), so
// they work under a strict CSP. Each has a caption; the numbers belong in text too.
import { useId, type ReactNode } from "react";
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts";
import { EmptyState } from "./EmptyState.tsx";

/** Colours for series, in order (the glow accent first); hex because SVG attributes take no CSS variables. */
export const CHART_COLORS = ["#a21caf", "#0284c7", "#d97706", "#059669", "#64748b"] as const;

const AXIS_TICK = { fontSize: 12, fill: "#64748b" };
const GRID = "#e2e8f0";

export interface ChartSeries {
  /** The property of each data row holding this series' numbers. */
  key: string;
  /** The series' name, shown in the legend and tooltip. */
  name: string;
  color?: string;
}

export interface ChartProps<Row extends object> {
  /** Captions the chart and names it for assistive technology. */
  title: string;
  /** One sentence on what the chart shows, for assistive technology. */
  description?: string;
  data: readonly Row[];
  /** The property of each row that labels it along the horizontal axis. */
  xKey: keyof Row & string;
  series: readonly ChartSeries[];
  formatValue?: (value: number) => string;
  /** Pixels; the chart fills its container's width unless `width` is given. */
  height?: number;
  width?: number;
  /** What to say when there is no data. */
  emptyText?: string;
}

function ChartFrame({ title, empty, emptyText, children }: { title: string; empty: boolean; emptyText: string; children: ReactNode }) {
  const captionId = useId();
  return (
    <figure aria-labelledby={captionId} className="flex min-w-0 flex-col gap-2" data-chart={title}>
      <figcaption id={captionId} className="text-sm font-medium text-slate-700">
        {title}
      </figcaption>
      {empty ? <EmptyState title={emptyText} /> : <div className="w-full min-w-0">{children}</div>}
    </figure>
  );
}

function size(width: number | undefined, height: number) {
  // A fixed width renders once at that size (tests, print); otherwise follow the container.
  return width !== undefined ? { width, height } : { responsive: true, style: { width: "100%", height } };
}

const plain = (value: number) => value.toLocaleString("en");

// recharts types data keys against the row type; our rows are checked by `ChartProps` instead.
const rowsOf = <Row extends object>(data: readonly Row[]) => [...data] as unknown as Array<Record<string, unknown>>;

function tooltipFormatter(format: (value: number) => string) {
  return (value: unknown) => (typeof value === "number" ? format(value) : String(value));
}

/** A quantity over time (e.g. daily active people), as a filled line. */
export function TimeSeriesChart<Row extends object>({
  title,
  description,
  data,
  xKey,
  series,
  formatValue = plain,
  height = 240,
  width,
  emptyText = "No data for this period",
}: ChartProps<Row>) {
  return (
    <ChartFrame title={title} empty={data.length === 0} emptyText={emptyText}>
      <AreaChart
        {...size(width, height)}
        data={rowsOf(data)}
        title={title}
        desc={description}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
      >
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis dataKey={xKey as string} tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: GRID }} minTickGap={16} />
        <YAxis tick={AXIS_TICK} tickLine={false} axisLine={false} width={44} allowDecimals={false} tickFormatter={formatValue} />
        <Tooltip formatter={tooltipFormatter(formatValue)} />
        {series.length > 1 && <Legend />}
        {series.map((s, index) => {
          const color = s.color ?? CHART_COLORS[index % CHART_COLORS.length];
          return (
            <Area
              key={s.key}
              // Straight segments: the values are counts per period, not a smooth curve between them.
              type="linear"
              dot={data.length <= 31 ? { r: 2.5, fill: color, strokeWidth: 0 } : false}
              dataKey={s.key}
              name={s.name}
              stroke={color}
              strokeWidth={2}
              fill={color}
              fillOpacity={0.15}
              isAnimationActive={false}
            />
          );
        })}
      </AreaChart>
    </ChartFrame>
  );
}

/** Values per category (e.g. people per challenge day), as bars; several series sit side by side. */
export function CategoryBarChart<Row extends object>({
  title,
  description,
  data,
  xKey,
  series,
  formatValue = plain,
  height = 240,
  width,
  emptyText = "No data for this period",
  maxValue,
}: ChartProps<Row> & { /** Fixes the top of the value axis, e.g. 100 for percentages. */ maxValue?: number }) {
  return (
    <ChartFrame title={title} empty={data.length === 0} emptyText={emptyText}>
      <BarChart
        {...size(width, height)}
        data={rowsOf(data)}
        title={title}
        desc={description}
        margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
      >
        <CartesianGrid stroke={GRID} vertical={false} />
        <XAxis dataKey={xKey as string} tick={AXIS_TICK} tickLine={false} axisLine={{ stroke: GRID }} interval={0} />
        <YAxis
          tick={AXIS_TICK}
          tickLine={false}
          axisLine={false}
          width={44}
          allowDecimals={false}
          tickFormatter={formatValue}
          {...(maxValue !== undefined ? { domain: [0, maxValue] } : {})}
        />
        <Tooltip formatter={tooltipFormatter(formatValue)} cursor={{ fill: "#f1f5f9" }} />
        {series.length > 1 && <Legend />}
        {series.map((s, index) => (
          <Bar
            key={s.key}
            dataKey={s.key}
            name={s.name}
            fill={s.color ?? CHART_COLORS[index % CHART_COLORS.length]}
            radius={[4, 4, 0, 0]}
            maxBarSize={48}
            isAnimationActive={false}
          />
        ))}
      </BarChart>
    </ChartFrame>
  );
}
