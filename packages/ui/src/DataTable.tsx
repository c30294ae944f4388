// The one table of both apps, on TanStack Table: sortable headers (click, or Enter on the
// header's button), a quick filter over every column, row selection for bulk actions, columns
// that can be hidden, and CSV export of what it shows. A real <table> that reads as one on wide
// screens and stacks each row into a labelled block on phones, so nothing scrolls sideways.
import {
  columnFilteringFeature,
  columnVisibilityFeature,
  createFilteredRowModel,
  createSortedRowModel,
  globalFilteringFeature,
  rowSelectionFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type ColumnDef,
  type ColumnVisibilityState,
  type FilterFn,
  type RowData,
  type RowSelectionState,
  type SortFn,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";
import { useId, useMemo, useRef, useState, type HTMLAttributes, type ReactNode } from "react";
import { Button } from "./Button.tsx";
import { cn } from "./cn.ts";
import { EmptyState } from "./EmptyState.tsx";
import { useCsvExport } from "./table/export.tsx";
import { cellText, compareValues, isEmptyValue, matchesQuery, type CellValue } from "./table/model.ts";

export interface DataColumn<Row extends RowData> {
  /** Unique among the table's columns; the header when absent. */
  id?: string;
  header: string;
  /** The value that is sorted, filtered and exported; a column without one is only shown. */
  value?: (row: Row) => CellValue;
  /** What the cell shows; the value as text when absent. */
  render?: (row: Row) => ReactNode;
  /** On a sortable table, columns with a value sort unless this is false. */
  sortable?: boolean;
  /** Left out of the CSV (e.g. action buttons) when false. */
  exported?: boolean;
  /** The column picker may hide it (default true; never the row header). */
  hideable?: boolean;
  /** This column names the row (e.g. a name or a day): rendered as a row header. */
  rowHeader?: boolean;
  /** Numbers line up on the right on wide screens. */
  numeric?: boolean;
  className?: string;
}

export type SortDirection = "ascending" | "descending";

export interface TableSort {
  column: string;
  direction: SortDirection;
}

export interface RowSelection {
  selected: ReadonlySet<string>;
  onChange(next: Set<string>): void;
}

export interface DataTableProps<Row extends RowData> {
  caption: string;
  /** Keep the caption for assistive technology only (when a heading already says it). */
  hideCaption?: boolean;
  columns: ReadonlyArray<DataColumn<Row>>;
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
  /** Extra attributes for a row, e.g. data-* hooks for tests. */
  rowProps?: (row: Row) => HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string | number | boolean | undefined>;
  /** Headers sort the rows: ascending, then descending, then ascending again. */
  sortable?: boolean;
  initialSort?: TableSort;
  /** The quick filter: true shows the table's own box; a string filters by what a field of the screen's own holds. */
  filter?: boolean | string;
  /** Checkboxes to select rows (shown and filtered ones) for bulk actions. */
  selection?: RowSelection;
  /** Names a row for its selection checkbox, e.g. a creator's handle. */
  rowLabel?: (row: Row) => string;
  /** A "Columns" menu to hide and show columns. */
  columnPicker?: boolean;
  /** Adds "Export CSV" of what is shown, and offers the table to the app's exporter: the file's name, e.g. "creators". */
  exportName?: string;
  /** Controls shown beside the filter box (server-side filters, bulk actions). */
  toolbar?: ReactNode;
  /** Shown instead of the table when no row is shown. */
  emptyText?: string;
  /** Rows in a box of their own whose header row stays in view (long admin lists). */
  scroll?: boolean;
}

const features = tableFeatures({
  columnFilteringFeature,
  globalFilteringFeature,
  rowSortingFeature,
  rowSelectionFeature,
  columnVisibilityFeature,
  filteredRowModel: createFilteredRowModel(),
  sortedRowModel: createSortedRowModel(),
});

type Features = typeof features;

const columnId = <Row extends RowData>(column: DataColumn<Row>) => column.id ?? column.header;
const toSorting = (sort: TableSort | undefined): SortingState => (sort ? [{ id: sort.column, desc: sort.direction === "descending" }] : []);
const applyUpdater = <T,>(updater: Updater<T>, current: T): T =>
  typeof updater === "function" ? (updater as (old: T) => T)(current) : updater;

/** The same array as last time when every row is the same object: a new array of old rows recomputes nothing. */
function useStableRows<Row>(rows: readonly Row[]): readonly Row[] {
  const [stable, setStable] = useState(rows);
  if (stable !== rows && (stable.length !== rows.length || rows.some((row, index) => row !== stable[index]))) {
    setStable(rows);
    return rows;
  }
  return stable;
}

function SortIcon({ direction }: { direction: SortDirection | null }) {
  return (
    <span aria-hidden="true" className={cn("text-[10px]", direction ? "text-glow-700" : "text-slate-300")}>
      {direction === "descending" ? "▼" : "▲"}
    </span>
  );
}

export function DataTable<Row extends RowData>({
  caption,
  hideCaption = false,
  columns,
  rows,
  rowKey,
  rowProps,
  sortable = false,
  initialSort,
  filter = false,
  selection,
  rowLabel,
  columnPicker = false,
  exportName,
  toolbar,
  emptyText,
  scroll = false,
}: DataTableProps<Row>) {
  const filterId = useId();
  const [sorting, setSorting] = useState<SortingState>(() => toSorting(initialSort));
  const [query, setQuery] = useState("");
  const [columnVisibility, setColumnVisibility] = useState<ColumnVisibilityState>({});
  const [pickerOpen, setPickerOpen] = useState(false);
  const data = useStableRows(rows);
  const globalFilter = typeof filter === "string" ? filter : query;

  // Cells render from the latest columns (they close over the screen's state); TanStack's
  // definitions change only when the set of columns does, and read values through this ref.
  const latest = useRef(columns);
  latest.current = columns;
  const signature = columns
    .map((column) => `${columnId(column)}${column.value ? "" : "!"}${column.sortable === false ? "~" : ""}`)
    .join("\u0000");
  const definitions = useMemo<Array<ColumnDef<Features, Row>>>(() => {
    const valueOf = (id: string, row: Row): CellValue => {
      const value = latest.current.find((column) => columnId(column) === id)?.value?.(row);
      // Empty cells read as undefined so that they sort last in both directions.
      return value === undefined || isEmptyValue(value) ? undefined : value;
    };
    const byValue: SortFn<Features, Row> = (a, b, id) => compareValues(a.getValue<CellValue>(id), b.getValue<CellValue>(id));
    return latest.current.map((column): ColumnDef<Features, Row> => {
      const id = columnId(column);
      return {
        id,
        header: column.header,
        accessorFn: (row: Row) => valueOf(id, row),
        enableSorting: column.value !== undefined && column.sortable !== false,
        sortDescFirst: false,
        sortUndefined: "last",
        sortFn: byValue,
        enableHiding: column.hideable !== false && !column.rowHeader,
      };
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the signature names what the definitions depend on
  }, [signature]);

  const matchesRow: FilterFn<Features, Row> = (row, _columnId, value: string) =>
    matchesQuery(
      latest.current.map((column) => column.value?.(row.original)),
      value,
    );

  const rowSelection = useMemo<RowSelectionState>(
    () => Object.fromEntries([...(selection?.selected ?? [])].map((key) => [key, true])),
    [selection?.selected],
  );

  const table = useTable({
    features,
    columns: definitions,
    data,
    getRowId: (row: Row) => String(rowKey(row)),
    state: { sorting, globalFilter, columnVisibility, rowSelection },
    onSortingChange: setSorting,
    onColumnVisibilityChange: setColumnVisibility,
    onGlobalFilterChange: () => {},
    onRowSelectionChange: (updater: Updater<RowSelectionState>) => {
      const next = applyUpdater(updater, rowSelection);
      selection?.onChange(new Set(Object.keys(next).filter((key) => next[key])));
    },
    enableSorting: sortable,
    enableSortingRemoval: false,
    enableMultiSort: false,
    enableRowSelection: selection !== undefined,
    // The filter looks at every column at once (a row matches when each word is in some cell), so it runs for one column.
    globalFilterFn: matchesRow,
    getColumnCanGlobalFilter: (column) => column.id === definitions[0]?.id,
  });

  const shown = table.getRowModel().rows;
  const visibleColumns = table
    .getVisibleLeafColumns()
    .map((column) => columns.find((candidate) => columnId(candidate) === column.id)!)
    .filter(Boolean);
  const exported = () => visibleColumns.filter((column) => column.exported !== false && column.value);
  const exportShown = useCsvExport(
    exportName ?? caption.toLowerCase(),
    () => exported().map((column) => column.header),
    () =>
      table
        .getRowModel()
        .rows.map((row) => Object.fromEntries(exported().map((column) => [column.header, cellText(column.value!(row.original))]))),
  );

  const shownKeys = shown.map((row) => row.id);
  const allShownSelected = selection !== undefined && shownKeys.length > 0 && shownKeys.every((key) => selection.selected.has(key));
  const someShownSelected = selection !== undefined && shownKeys.some((key) => selection.selected.has(key));
  function selectShown(on: boolean): void {
    table.setRowSelection((current) => {
      const next = { ...current };
      for (const key of shownKeys) {
        if (on) next[key] = true;
        else delete next[key];
      }
      return next;
    });
  }

  const hideable = table.getAllLeafColumns().filter((column) => column.getCanHide());
  const showControls = filter === true || toolbar !== undefined || exportName !== undefined || (columnPicker && hideable.length > 0);
  const showCount = filter !== false || selection !== undefined;

  return (
    <div className="flex min-w-0 flex-col gap-3">
      {showControls && (
        <div className="flex flex-wrap items-end gap-3">
          {filter === true && (
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
          )}
          {toolbar}
          {columnPicker && hideable.length > 0 && (
            <details className="relative" onToggle={(event) => setPickerOpen(event.currentTarget.open)}>
              <summary className="cursor-pointer rounded-lg px-3 py-2 text-sm font-medium text-slate-700 ring-1 ring-slate-300 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-glow-500">
                Columns
              </summary>
              {/* Only while open: closed, its checkboxes would be found beside the screen's own fields of the same names. */}
              {pickerOpen && (
                <fieldset className="absolute right-0 z-20 mt-1 flex min-w-48 flex-col gap-1 rounded-lg bg-white p-3 shadow-lg ring-1 ring-slate-200">
                  <legend className="sr-only">Columns of {caption.toLowerCase()}</legend>
                  {hideable.map((column) => (
                    <label key={column.id} className="flex items-center gap-2 text-sm text-slate-700">
                      <input
                        type="checkbox"
                        className="size-4 accent-glow-600"
                        checked={column.getIsVisible()}
                        onChange={column.getToggleVisibilityHandler()}
                      />
                      {String(column.columnDef.header)}
                    </label>
                  ))}
                </fieldset>
              )}
            </details>
          )}
          {exportName !== undefined && (
            <Button variant="secondary" onClick={() => void exportShown()}>
              Export CSV
            </Button>
          )}
        </div>
      )}
      {showCount && (
        <p className="text-xs text-slate-500" aria-live="polite">
          {shown.length === rows.length
            ? `${rows.length} ${rows.length === 1 ? "row" : "rows"}`
            : `${shown.length} of ${rows.length} rows match`}
          {selection && selection.selected.size > 0 ? ` · ${selection.selected.size} selected` : ""}
        </p>
      )}
      {shown.length === 0 && emptyText !== undefined ? (
        <EmptyState title={rows.length === 0 || !globalFilter.trim() ? emptyText : "No rows match the filter"} />
      ) : (
        <div className={cn(scroll && "max-h-[70vh] overflow-auto rounded-lg ring-1 ring-slate-200")}>
          <table role="table" className="block w-full border-collapse text-sm sm:table">
            <caption
              className={hideCaption || scroll ? "sr-only" : "mb-2 block text-left text-sm font-medium text-slate-700 sm:table-caption"}
            >
              {caption}
            </caption>
            <thead role="rowgroup" className={cn("hidden sm:table-header-group", scroll && "sticky top-0 z-10 bg-slate-50")}>
              <tr role="row" className="border-b border-slate-200">
                {selection && (
                  <th role="columnheader" scope="col" className="w-8 px-2 py-2">
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
                {table.getVisibleLeafColumns().map((column) => {
                  const definition = visibleColumns.find((candidate) => columnId(candidate) === column.id);
                  const sorted = column.getIsSorted();
                  const direction: SortDirection | null = sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : null;
                  const canSort = column.getCanSort();
                  return (
                    <th
                      key={column.id}
                      role="columnheader"
                      scope="col"
                      aria-sort={direction ?? (canSort ? "none" : undefined)}
                      className={cn(
                        "px-2 py-2 text-xs font-semibold uppercase tracking-wide whitespace-nowrap text-slate-500",
                        definition?.numeric ? "text-right" : "text-left",
                      )}
                    >
                      {canSort ? (
                        <button
                          type="button"
                          onClick={() => column.toggleSorting(direction === "ascending")}
                          className="inline-flex items-center gap-1 rounded uppercase hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-glow-500"
                        >
                          {definition?.header}
                          <SortIcon direction={direction} />
                        </button>
                      ) : (
                        definition?.header
                      )}
                    </th>
                  );
                })}
              </tr>
            </thead>
            <tbody role="rowgroup" className="block divide-y divide-slate-100 sm:table-row-group">
              {shown.map((row) => {
                const selected = row.getIsSelected();
                return (
                  <tr
                    key={row.id}
                    role="row"
                    {...rowProps?.(row.original)}
                    className={cn("grid grid-cols-2 gap-x-6 gap-y-1 py-3 sm:table-row sm:py-0", selected && "bg-glow-50")}
                  >
                    {selection && (
                      <td role="cell" className="col-span-full sm:px-2 sm:py-2 sm:align-top">
                        <input
                          type="checkbox"
                          aria-label={`Select ${rowLabel?.(row.original) ?? row.id}`}
                          checked={selected}
                          onChange={row.getToggleSelectedHandler()}
                          className="mt-1 size-4 accent-glow-600"
                        />
                      </td>
                    )}
                    {row.getVisibleCells().map((cell) => {
                      const column = visibleColumns.find((candidate) => columnId(candidate) === cell.column.id)!;
                      const Cell = column.rowHeader ? "th" : "td";
                      const value = column.value?.(row.original);
                      const content = column.render
                        ? column.render(row.original)
                        : value instanceof Date
                          ? value.toLocaleString()
                          : cellText(value);
                      return (
                        <Cell
                          key={cell.id}
                          role={column.rowHeader ? "rowheader" : "cell"}
                          {...(column.rowHeader ? { scope: "row" } : {})}
                          data-label={column.header}
                          className={cn(
                            "min-w-0 break-words text-left align-middle font-normal text-slate-700 sm:table-cell sm:px-2 sm:py-2",
                            // On phones a row header heads its block; the other cells show their column's name beside the value.
                            column.rowHeader
                              ? "col-span-full font-semibold text-slate-900 sm:font-normal"
                              : "flex flex-wrap items-baseline justify-between gap-x-3 before:text-xs before:font-semibold before:text-slate-500 before:content-[attr(data-label)] sm:before:content-none",
                            column.numeric && "tabular-nums sm:text-right",
                            column.className,
                          )}
                        >
                          {column.rowHeader ? (
                            content
                          ) : (
                            <span className={cn("ml-auto min-w-0 sm:ml-0", column.numeric ? "text-right" : "text-right sm:text-left")}>
                              {content}
                            </span>
                          )}
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
