// What the table sorts, filters and exports, as plain functions of cell values: the
// TanStack Table setup in DataTable.tsx plugs these in as its sort, filter and CSV rules.
import Papa from "papaparse";

export type CellValue = string | number | boolean | Date | null | undefined;

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

export const isEmptyValue = (value: CellValue): boolean => value === null || value === undefined || value === "";

/** Text naturally and without regard to case or accents, numbers and dates by value; empty values after the rest. */
export function compareValues(a: CellValue, b: CellValue): number {
  const emptyA = isEmptyValue(a);
  const emptyB = isEmptyValue(b);
  if (emptyA || emptyB) return emptyA === emptyB ? 0 : emptyA ? 1 : -1;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  return collator.compare(String(a), String(b));
}

/** A cell as text: what the quick filter searches and the CSV holds. */
export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

const fold = (text: string) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();

/** Whether every word of `query` appears in some cell (case- and accent-insensitive); an empty query matches all. */
export function matchesQuery(cells: readonly CellValue[], query: string): boolean {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const text = fold(cells.map(cellText).join(" "));
  return words.every((word) => text.includes(word));
}

/**
 * CSV text (RFC 4180, CRLF line ends). Cells that a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or carriage return) are prefixed with ' so they stay text.
 */
export function toCsv(records: ReadonlyArray<Record<string, string>>, headers?: readonly string[]): string {
  const fields = headers ?? Object.keys(records[0] ?? {});
  return Papa.unparse(
    { fields: [...fields], data: records.map((record) => fields.map((field) => record[field] ?? "")) },
    { escapeFormulae: true, newline: "\r\n" },
  );
}
