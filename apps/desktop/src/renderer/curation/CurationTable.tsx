// One catalog table (categories, creators or videos): inline edits and archiving that may be
// queued, row selection with bulk archive/restore, the "Show archived" filter and CSV export.
// Each panel adds only its own columns, filters and procedures.
import { catalogStateColumns, fieldMessage, useCatalogChanged, useDescribeError, type CatalogRow } from "@glow/react";
import { CheckboxField, DataTable, ErrorMessage, Spinner, type DataColumn, type DataTableProps } from "@glow/ui";
import { useState, type ReactNode } from "react";
import { queuedWriteOf } from "../trpc.ts";
import { useAllRows, type CatalogQuery } from "./load-all.ts";
import { BulkActions, EditableText, FeedbackLine, runWrite, useFeedback, usePendingEdits } from "./shared.tsx";

/** The part of a tRPC mutation these tables use. */
interface Write<Input> {
  mutateAsync(input: Input): Promise<unknown>;
  isPending: boolean;
}

export interface CatalogWrites<Changes> {
  update: Write<{ id: string } & Changes>;
  archive: Write<{ id: string; archived: boolean }>;
  archiveMany: Write<{ ids: string[]; archived: boolean }>;
}

export interface CurationTableOptions<Row extends CatalogRow, Changes extends Partial<Row>> {
  /** The rows in the plural, e.g. "creators": for bulk messages, the export's file name and the loading label. */
  plural: string;
  /** Names one row in messages and action labels, e.g. `@handle`. */
  name: (row: Row) => string;
  writes: CatalogWrites<Changes>;
  /** What to say once an edit is saved; "Saved <name>" when absent. */
  savedText?: (row: Row, field: string) => string;
}

export type CurationTableState<Row extends CatalogRow, Changes extends Partial<Row>> = ReturnType<typeof useCurationTable<Row, Changes>>;

/** State and writes of one catalog table; the panel builds its columns with `textColumn`, `save` and `problem`. */
export function useCurationTable<Row extends CatalogRow, Changes extends Partial<Row>>({
  plural,
  name,
  writes,
  savedText,
}: CurationTableOptions<Row, Changes>) {
  const describeError = useDescribeError();
  const refresh = useCatalogChanged();
  const [includeArchived, setIncludeArchived] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const pending = usePendingEdits<Row>();
  const { feedback, done, queued, failed, problem } = useFeedback();

  /** Saves an inline edit; throws the field's message when the server refuses it. */
  async function save(row: Row, changes: Changes): Promise<void> {
    const [field = ""] = Object.keys(changes);
    try {
      await writes.update.mutateAsync({ id: row.id, ...changes });
    } catch (error) {
      const write = queuedWriteOf(error);
      if (!write) throw new Error(fieldMessage(error, field, describeError), { cause: error });
      pending.add([row.id], changes);
      queued(write);
      return;
    }
    done(savedText ? savedText(row, field) : `Saved ${name(row)}`);
    await refresh();
  }

  async function setArchived(ids: string[], archived: boolean, what: string): Promise<void> {
    const request =
      ids.length === 1 ? writes.archive.mutateAsync({ id: ids[0]!, archived }) : writes.archiveMany.mutateAsync({ ids, archived });
    const unselect = () => setSelected(new Set());
    await runWrite(request, {
      onDone: async () => {
        done(`${archived ? "Archived" : "Restored"} ${what}`);
        unselect();
        await refresh();
      },
      onQueued: (write) => {
        pending.add(ids, { archivedAt: archived ? new Date() : null } as Partial<Row>);
        unselect();
        queued(write);
      },
      onError: failed,
    });
  }

  /** A column whose cells edit the text field `field` in place; `label` names one cell for assistive technology. */
  function textColumn<Field extends keyof Changes & keyof Row & string>(
    field: Field,
    header: string,
    label: (row: Row) => string,
    options?: Partial<DataColumn<Row>>,
  ): DataColumn<Row> {
    const text = (row: Row) => String(row[field]);
    return {
      id: field,
      header,
      value: text,
      render: (row) => <EditableText value={text(row)} label={label(row)} onSave={(value) => save(row, { [field]: value } as Changes)} />,
      ...options,
    };
  }

  return {
    plural,
    name,
    includeArchived,
    setIncludeArchived,
    selected,
    setSelected,
    feedback,
    pending,
    archiving: writes.archive.isPending || writes.archiveMany.isPending,
    save,
    textColumn,
    setArchived,
    /** Shows a message for a change that failed outside an inline edit (e.g. a select in a cell). */
    problem,
  };
}

type TablePassThrough<Row extends CatalogRow> = Pick<DataTableProps<Row>, "caption" | "rowProps" | "emptyText">;

export interface CurationTableProps<Row extends CatalogRow, Changes extends Partial<Row>> extends TablePassThrough<Row> {
  table: CurationTableState<Row, Changes>;
  /** The rows' query, every page of it: a spinner while it loads, its error with a retry when it failed. */
  query: CatalogQuery<Row>;
  /** Names a row for its selection checkbox; the table's `name` when absent. */
  rowLabel?: (row: Row) => string;
  /** The entity's own columns, the naming one first; Status and Actions follow. */
  columns: ReadonlyArray<DataColumn<Row>>;
  /** Server-side filters shown before "Show archived". */
  filters?: ReactNode;
  /** Shown below the table, e.g. the CSV import. */
  children?: ReactNode;
}

export function CurationTable<Row extends CatalogRow, Changes extends Partial<Row>>({
  table,
  query,
  columns,
  rowLabel,
  filters,
  children,
  ...grid
}: CurationTableProps<Row, Changes>) {
  const describeError = useDescribeError();
  const rows = useAllRows(query);
  const { selected, setSelected, pending, name, plural } = table;
  const bulk = (archived: boolean) => void table.setArchived([...selected], archived, `${selected.size} ${plural}`);
  // Rebuilt each render: the cells' actions close over this render's state.
  const allColumns: Array<DataColumn<Row>> = [
    ...columns,
    ...catalogStateColumns<Row>({
      name,
      queued: (row) => pending.isPending(row.id),
      onToggle: (row) => void table.setArchived([row.id], !row.archivedAt, name(row)),
    }),
  ];

  return (
    <div className="flex flex-col gap-4">
      <FeedbackLine feedback={table.feedback} />
      {query.isPending ? (
        <Spinner label={`Loading ${plural}`} />
      ) : !rows ? (
        <ErrorMessage message={describeError(query.error)} onRetry={() => void query.refetch()} />
      ) : (
        <DataTable
          {...grid}
          sortable
          filter
          scroll
          columnPicker
          exportName={plural}
          rowLabel={rowLabel ?? name}
          columns={allColumns}
          rows={pending.apply(rows)}
          rowKey={(row) => row.id}
          selection={{ selected, onChange: setSelected }}
          {...(columns[0] ? { initialSort: { column: columns[0].id ?? columns[0].header, direction: "ascending" as const } } : {})}
          toolbar={
            <>
              {filters}
              <CheckboxField
                label="Show archived"
                checked={table.includeArchived}
                onChange={(event) => table.setIncludeArchived(event.target.checked)}
              />
              <BulkActions
                count={selected.size}
                busy={table.archiving}
                onArchive={() => bulk(true)}
                onRestore={() => bulk(false)}
                onClear={() => setSelected(new Set())}
              />
            </>
          }
        />
      )}
      {children}
    </div>
  );
}
