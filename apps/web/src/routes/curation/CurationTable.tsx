// One catalog table (categories, creators or videos): loading, errors and the empty state,
// status and archive/restore on every row, inline renames, sorting and CSV export of the rows
// loaded, and "Load more" for paged lists.
// Every write here reloads the catalog. Each section adds only its own columns and procedures.
import { catalogStateColumns, errorMessage, formProblems, useCatalogChanged, type CatalogRow } from "@glow/react";
import { Button, Card, DataTable, ErrorMessage, FormError, InlineEdit, Spinner, type DataColumn, type DataTableProps } from "@glow/ui";
import type { ReactNode } from "react";

/** The part of a tRPC mutation that shows which row it is working on and how it went. */
interface RowMutation {
  isPending: boolean;
  error: unknown;
  variables?: { id: string } | undefined;
}

interface ArchiveMutation extends RowMutation {
  mutate(input: { id: string; archived: boolean }, options: { onSuccess(): void }): void;
}

interface UpdateMutation<Field extends string> extends RowMutation {
  mutateAsync(input: { id: string } & Record<Field, string>): Promise<unknown>;
}

/** The message to show beside an inline edit of `field` on the row `id`, if the last save of that row failed. */
function inlineError(mutation: RowMutation, id: string, field: string): string | null {
  if (!mutation.error || mutation.variables?.id !== id) return null;
  const problems = formProblems(mutation.error, [field]);
  return problems.fields[field] ?? problems.alert;
}

const busyOn = (mutation: RowMutation, id: string) => mutation.isPending && mutation.variables?.id === id;

/** An inline rename of one text field of a row, with the server's message when it refuses. */
export function RenameField<Field extends string>({
  update,
  id,
  field,
  value,
  label,
}: {
  update: UpdateMutation<Field>;
  id: string;
  field: Field;
  value: string;
  label: string;
}) {
  const changed = useCatalogChanged();
  return (
    <InlineEdit
      value={value}
      label={label}
      editLabel="Rename"
      onSave={async (next) => {
        await update.mutateAsync({ id, [field]: next } as { id: string } & Record<Field, string>);
        changed();
      }}
      error={inlineError(update, id, field)}
      busy={busyOn(update, id)}
    />
  );
}

/** A list query's data: the whole list, or pages of it. */
type ListData<Row> = readonly Row[] | { pages: ReadonlyArray<{ items: readonly Row[] }> };

function rowsOf<Row>(data: ListData<Row> | undefined): readonly Row[] {
  if (!data) return [];
  return "pages" in data ? data.pages.flatMap((page) => page.items) : data;
}

/** A curation section's frame: heading and description, then the create form, filters and table. */
export function CurationSection({ title, description, children }: { title: string; description: string; children: ReactNode }) {
  return (
    <Card title={title} description={description}>
      <div className="flex flex-col gap-4">{children}</div>
    </Card>
  );
}

export interface CurationTableProps<Row extends CatalogRow> extends Pick<DataTableProps<Row>, "caption" | "rowProps"> {
  /** e.g. "creators": for the loading label and "Load more". */
  plural: string;
  /** The rows' query: the whole list, or pages of it with "Load more". */
  query: {
    isLoading: boolean;
    error: unknown;
    data?: ListData<Row> | undefined;
    refetch(): unknown;
    hasNextPage?: boolean;
    isFetchingNextPage?: boolean;
    fetchNextPage?(): unknown;
  };
  /** Narrows the rows shown as the admin types, in the table (the short lists are searched here, not on the server). */
  filter?: string;
  emptyTitle: string;
  /** The entity's own columns, the naming one first; Status and Actions follow. */
  columns: ReadonlyArray<DataColumn<Row>>;
  /** Names one row in its Archive/Restore button, e.g. `@handle`. */
  name(row: Row): string;
  archive: ArchiveMutation;
}

export function CurationTable<Row extends CatalogRow>({
  plural,
  query,
  filter,
  emptyTitle,
  columns,
  name,
  archive,
  caption,
  rowProps,
}: CurationTableProps<Row>) {
  const rows = rowsOf(query.data);
  const changed = useCatalogChanged();
  const allColumns: Array<DataColumn<Row>> = [
    ...columns,
    ...catalogStateColumns<Row>({
      name,
      busy: (row) => busyOn(archive, row.id),
      onToggle: (row) => archive.mutate({ id: row.id, archived: row.archivedAt === null }, { onSuccess: changed }),
    }),
  ];

  return (
    <>
      {query.isLoading && <Spinner label={`Loading ${plural}`} />}
      {query.error != null && <ErrorMessage message={errorMessage(query.error)} onRetry={() => void query.refetch()} />}
      {query.data !== undefined && (
        <DataTable<Row>
          caption={caption}
          hideCaption
          sortable
          exportName={plural}
          columns={allColumns}
          rows={rows}
          rowKey={(row) => row.id}
          emptyText={emptyTitle}
          {...(filter !== undefined ? { filter } : {})}
          {...(rowProps ? { rowProps } : {})}
        />
      )}
      <FormError message={archive.error ? `Could not change it: ${errorMessage(archive.error)}` : null} />
      {query.hasNextPage && (
        <Button variant="secondary" className="self-center" busy={query.isFetchingNextPage} onClick={() => void query.fetchNextPage?.()}>
          {`Load more ${plural}`}
        </Button>
      )}
    </>
  );
}
