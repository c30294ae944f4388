// The admin console's table: sortable columns (click or Enter on a header), a quick filter
// over every column, optional row selection for bulk actions, and CSV export of what it
// shows. A real <table>, so screen readers announce rows, columns and the sort order.
import { Button, cn, EmptyState } from "@glow/ui";
import { useId, useMemo, useState, type ReactNode } from "react";
import { useExportable } from "./export.tsx";
import { csvRecords, filterRows, nextSort, sortRows, type ColumnModel, type SortState } from "./table-model.ts";

export interface GridColumn<Row> extends ColumnModel<Row> {
  /** What the cell shows; the value as text when absent. */
  render?: (row: Row) => ReactNode;
  sortable?: boolean;
  numeric?: boolean;
  /** This column names the row (a row header for screen readers). */
  rowHeader?: boolean;
  className?: string;
}

export interface RowSelection {
  selected: ReadonlySet<string>;
  onChange(next: Set<string>): void;
}

export interface DataGridProps<Row> {
  caption: string;
  columns: ReadonlyArray<GridColumn<Row>>;
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  /** Names a row for its selection checkbox, e.g. a creator's handle. */
  rowLabel?: (row: Row) => string;
  selection?: RowSelection;
  initialSort?: SortState;
  /** For the file name of the CSV export, e.g. "creators". */
  exportName: string;
  /** Controls shown beside the filter box (server-side filters, bulk actions). */
  toolbar?: ReactNode;
  emptyText: string;
  rowProps?: (row: Row) => Record<`data-${string}`, string | number | boolean | undefined>;
}

function SortIcon({ direction }: { direction: "ascending" | "descending" | null }) {
  return (
    <span aria-hidden="true" className={cn("text-[10px]", direction ? "text-glow-700" : "text-slate-300")}>
      {direction === "descending" ? "▼" : "▲"}
    </span>
  );
}

export function DataGrid<Row>({
  caption,
  columns,
  rows,
  rowKey,
  rowLabel,
  selection,
  initialSort,
  exportName,
  toolbar,
  emptyText,
  rowProps,
}: DataGridProps<Row>) {
  const filterId = useId();
  const [sort, setSort] = useState<SortState | null>(initialSort ?? null);
  const [query, setQuery] = useState("");
  const shown = useMemo(() => sortRows(filterRows(rows, columns, query), columns, sort), [rows, columns, query, sort]);
  const exportShown = useExportable(
    exportName,
    () => columns.filter((column) => column.exported !== false).map((column) => column.header),
    () => csvRecords(shown, columns),
  );

  const shownKeys = shown.map(rowKey);
  const allShownSelected = selection !== undefined && shownKeys.length > 0 && shownKeys.every((key) => selection.selected.has(key));
  const someShownSelected = selection !== undefined && shownKeys.some((key) => selection.selected.has(key));

  function selectShown(on: boolean): void {
    if (!selection) return;
    const next = new Set(selection.selected);
    for (const key of shownKeys) {
      if (on) next.add(key);
      else next.delete(key);
    }
    selection.onChange(next);
  }

  function selectRow(key: string, on: boolean): void {
    if (!selection) return;
    const next = new Set(selection.selected);
    if (on) next.add(key);
    else next.delete(key);
    selection.onChange(next);
  }

  return (
    <div className="flex min-w-0 flex-col gap-3">
      <div className="flex flex-wrap items-end gap-3">
        <div className="flex min-w-48 flex-1 flex-col gap-1">
          <label htmlFor={filterId} className="text-sm font-medium text-slate-700">
            Filter {caption.toLowerCase()}
          </label>
          <input
            id={filterId}
            type="search"
            value={query}
            onChange={(event) => setQuery(event.target.value)}
            placeholder="Type to filter the rows below"
            className="rounded-lg bg-white px-3 py-2 text-sm text-slate-900 ring-1 ring-slate-300 focus:outline-2 focus:outline-glow-500"
          />
        </div>
        {toolbar}
        <Button variant="secondary" onClick={() => void exportShown()}>
          Export CSV
        </Button>
      </div>
      <p className="text-xs text-slate-500" aria-live="polite">
        {shown.length === rows.length ? `${rows.length} ${rows.length === 1 ? "row" : "rows"}` : `${shown.length} of ${rows.length} rows match`}
        {selection && selection.selected.size > 0 ? ` · ${selection.selected.size} selected` : ""}
      </p>
      {shown.length === 0 ? (
        <EmptyState title={rows.length === 0 ? emptyText : "No rows match the filter"} />
      ) : (
        <div className="max-h-[70vh] overflow-auto rounded-lg ring-1 ring-slate-200">
          <table className="w-full border-collapse text-sm">
            <caption className="sr-only">{caption}</caption>
            <thead className="sticky top-0 z-10 bg-slate-50">
              <tr>
                {selection && (
                  <th scope="col" className="w-8 px-2 py-2">
                    <input
                      type="checkbox"
                      aria-label={`Select all ${shown.length} shown`}
                      checked={allShownSelected}
                      ref={(input) => {
                        if (input) input.indeterminate = someShownSelected && !allShownSelected;
                      }}
                      onChange={(event) => selectShown(event.target.checked)}
                      className="size-4 accent-glow-600"
                    />
                  </th>
                )}
                {columns.map((column) => {
                  const direction = sort?.column === column.id ? sort.direction : null;
                  const sortable = column.sortable !== false;
                  return (
                    <th
                      key={column.id}
                      scope="col"
                      aria-sort={direction ?? (sortable ? "none" : undefined)}
                      className={cn(
                        "border-b border-slate-200 px-2 py-2 text-xs font-semibold uppercase tracking-wide whitespace-nowrap text-slate-600",
                        column.numeric ? "text-right" : "text-left",
                      )}
                    >
                      {sortable ? (
                        <button
                          type="button"
                          onClick={() => setSort(nextSort(sort, column.id))}
                          className="inline-flex items-center gap-1 rounded uppercase hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-glow-500"
                        >
                          {column.header}
                          <SortIcon direction={direction} />
                        </button>
                      ) : (
                        column.header
                      )}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 bg-white">
              {shown.map((row) => {
                const key = rowKey(row);
                const selected = selection?.selected.has(key) ?? false;
                return (
                  <tr key={key} {...rowProps?.(row)} className={cn(selected && "bg-glow-50")}>
                    {selection && (
                      <td className="px-2 py-1.5 align-top">
                        <input
                          type="checkbox"
                          aria-label={`Select ${rowLabel?.(row) ?? key}`}
                          checked={selected}
                          onChange={(event) => selectRow(key, event.target.checked)}
                          className="mt-1 size-4 accent-glow-600"
                        />
                      </td>
                    )}
                    {columns.map((column) => {
                      const Cell = column.rowHeader ? "th" : "td";
                      const value = column.value(row);
                      return (
                        <Cell
                          key={column.id}
                          {...(column.rowHeader ? { scope: "row" } : {})}
                          className={cn(
                            "px-2 py-1.5 text-left align-top font-normal text-slate-700",
                            column.numeric && "text-right tabular-nums",
                            column.rowHeader && "text-slate-900",
                            column.className,
                          )}
                        >
                          {column.render ? column.render(row) : value instanceof Date ? value.toLocaleString() : String(value ?? "")}
                        </Cell>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
