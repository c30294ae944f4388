// Numbers and moments as the admin screens of both apps show them.

/** A whole count with thousands separators: 12345 → "12,345". */
export function formatCount(value: number): string {
  return value.toLocaleString("en");
}

/** A ratio from 0 to 1 as a percentage with at most one decimal: 0.3333 → "33.3%". */
export function formatPercent(rate: number): string {
  return `${(Math.round(rate * 1000) / 10).toLocaleString("en")}%`;
}

/** Milliseconds, "12.5 ms"; kept in one unit so a column of latencies compares at a glance. */
export function formatMs(ms: number): string {
  return `${ms.toLocaleString("en", { maximumFractionDigits: 1 })} ms`;
}

const usd = new Intl.NumberFormat("en", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 4 });

/** Dollars, down to hundredths of a cent (AI calls cost fractions of a cent): "$0.0123". */
export function formatUsd(amount: number): string {
  return usd.format(amount);
}

/** A calendar day given as YYYY-MM-DD (a UTC day on the server), as "Nov 22". */
export function formatDay(isoDate: string): string {
  return new Date(`${isoDate}T00:00:00Z`).toLocaleDateString("en", { month: "short", day: "numeric", timeZone: "UTC" });
}

/**
 * The start of an hour, for hourly series, in the viewer's time zone: "Nov 22, 14:00", or
 * "14:00" with `day: false` when the series covers a single day.
 */
export function formatHour(date: Date, { day = true }: { day?: boolean } = {}): string {
  return date.toLocaleString("en", { ...(day ? { month: "short", day: "numeric" } : {}), hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
}
