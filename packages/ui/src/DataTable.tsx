import type { HTMLAttributes, Key, ReactNode } from "react";
import { cn } from "./cn.ts";

export interface DataColumn<Row> {
  header: string;
  render: (row: Row) => ReactNode;
  /** This column names the row (e.g. a name or a day): rendered as a row header. */
  rowHeader?: boolean;
  /** Numbers line up on the right on wide screens. */
  numeric?: boolean;
  className?: string;
}

export interface DataTableProps<Row> {
  caption: string;
  /** Keep the caption for assistive technology only (when a heading already says it). */
  hideCaption?: boolean;
  columns: ReadonlyArray<DataColumn<Row>>;
  rows: readonly Row[];
  rowKey: (row: Row) => Key;
  /** Extra attributes for a row, e.g. data-* hooks for tests. */
  rowProps?: (row: Row) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string | number | boolean | undefined>;
}

/**
 * A table that reads as one on wide screens and stacks each row into a labelled block on
 * phones, so nothing scrolls sideways. Explicit roles keep its table semantics when CSS
 * changes how it is displayed.
 */
export function DataTable<Row>({ caption, hideCaption = false, columns, rows, rowKey, rowProps }: DataTableProps<Row>) {
  return (
    <table role="table" className="block w-full text-sm sm:table">
      <caption className={hideCaption ? "sr-only" : "mb-2 block text-left text-sm font-medium text-slate-700 sm:table-caption"}>{caption}</caption>
      <thead role="rowgroup" className="hidden sm:table-header-group">
        <tr role="row" className="border-b border-slate-200">
          {columns.map((column) => (
            <th
              key={column.header}
              role="columnheader"
              scope="col"
              className={cn("px-2 py-2 text-xs font-semibold uppercase tracking-wide text-slate-500", column.numeric ? "text-right" : "text-left")}
            >
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody role="rowgroup" className="block divide-y divide-slate-100 sm:table-row-group">
        {rows.map((row) => (
          <tr key={rowKey(row)} role="row" {...rowProps?.(row)} className="grid grid-cols-2 gap-x-6 gap-y-1 py-3 sm:table-row sm:py-0">
            {columns.map((column) => {
              const Cell = column.rowHeader ? "th" : "td";
              return (
                <Cell
                  key={column.header}
                  role={column.rowHeader ? "rowheader" : "cell"}
                  {...(column.rowHeader ? { scope: "row" } : {})}
                  data-label={column.header}
                  className={cn(
                    "min-w-0 break-words text-left align-middle text-slate-700 sm:table-cell sm:px-2 sm:py-2",
                    // On phones a row header heads its block; the other cells show their column's name beside the value.
                    column.rowHeader
                      ? "col-span-full font-semibold text-slate-900"
                      : "flex flex-wrap items-baseline justify-between gap-x-3 before:text-xs before:font-semibold before:text-slate-500 before:content-[attr(data-label)] sm:before:content-none",
                    column.numeric && "tabular-nums sm:text-right",
                    column.className,
                  )}
                >
                  {column.rowHeader ? column.render(row) : <span className={cn("ml-auto min-w-0 sm:ml-0", column.numeric ? "text-right" : "text-right sm:text-left")}>{column.render(row)}</span>}
                </Cell>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
