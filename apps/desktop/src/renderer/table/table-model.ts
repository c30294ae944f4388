// Sorting, filtering and CSV for the admin tables, as plain functions of rows and columns.
import Papa from "papaparse";

export type CellValue = string | number | boolean | Date | null | undefined;
export type SortDirection = "ascending" | "descending";

export interface ColumnModel<Row> {
  id: string;
  header: string;
  /** The value that is sorted, filtered and exported. */
  value: (row: Row) => CellValue;
  /** Left out of the CSV (e.g. action buttons). */
  exported?: boolean;
}

export interface SortState {
  column: string;
  direction: SortDirection;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });

/** Empty values sort last, whichever the direction. */
export function compareValues(a: CellValue, b: CellValue): number {
  const emptyA = a === null || a === undefined || a === "";
  const emptyB = b === null || b === undefined || b === "";
  if (emptyA || emptyB) return emptyA === emptyB ? 0 : emptyA ? 1 : -1;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  return collator.compare(String(a), String(b));
}

/** A stable sort: rows that compare equal keep their order. */
export function sortRows<Row>(rows: readonly Row[], columns: ReadonlyArray<ColumnModel<Row>>, sort: SortState | null): Row[] {
  const column = sort && columns.find((candidate) => candidate.id === sort.column);
  if (!sort || !column) return [...rows];
  const sign = sort.direction === "ascending" ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, value: column.value(row) }))
    .sort((a, b) => {
      const emptyA = a.value === null || a.value === undefined || a.value === "";
      const emptyB = b.value === null || b.value === undefined || b.value === "";
      if (emptyA !== emptyB) return emptyA ? 1 : -1;
      return sign * compareValues(a.value, b.value) || a.index - b.index;
    })
    .map(({ row }) => row);
}

export function cellText(value: CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

/** Rows where every word of `query` appears in some column (case- and accent-insensitive). */
export function filterRows<Row>(rows: readonly Row[], columns: ReadonlyArray<ColumnModel<Row>>, query: string): Row[] {
  const fold = (text: string) => text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...rows];
  return rows.filter((row) => {
    const text = fold(columns.map((column) => cellText(column.value(row))).join(" "));
    return words.every((word) => text.includes(word));
  });
}

/** The next sort when a column's header is clicked: ascending, then descending, then ascending again. */
export function nextSort(current: SortState | null, column: string): SortState {
  if (current?.column === column && current.direction === "ascending") return { column, direction: "descending" };
  return { column, direction: "ascending" };
}

/** One object per row, keyed by column header, in column order. */
export function csvRecords<Row>(rows: readonly Row[], columns: ReadonlyArray<ColumnModel<Row>>): Array<Record<string, string>> {
  const exported = columns.filter((column) => column.exported !== false);
  return rows.map((row) => Object.fromEntries(exported.map((column) => [column.header, cellText(column.value(row))])));
}

/**
 * CSV text (RFC 4180, CRLF line ends). Cells that a spreadsheet would run as a formula
 * (starting with =, +, -, @, tab or carriage return) are prefixed with ' so they stay text.
 */
export function toCsv(records: ReadonlyArray<Record<string, string>>, headers?: readonly string[]): string {
  const fields = headers ?? Object.keys(records[0] ?? {});
  return Papa.unparse({ fields: [...fields], data: records.map((record) => fields.map((field) => record[field] ?? "")) }, { escapeFormulae: true, newline: "\r\n" });
}
