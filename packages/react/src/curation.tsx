// What both apps' curation screens share: the category list that names and filters creators
// and videos, what a change to the catalog must refresh, and the columns every catalog table
// ends with.
import { Badge, Button, SelectField, type DataColumn } from "@glow/ui";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useTRPC } from "./trpc.ts";

/** Every category, archived ones too: to name and filter the categories of creators and videos. */
export function useAllCategories() {
  const trpc = useTRPC();
  const categories = useQuery(trpc.admin.reset.categories.list.queryOptions({ includeArchived: true }));
  const all = categories.data ?? [];
  const names = new Map(all.map((category) => [category.id, category.name]));
  return { categories, all, active: all.filter((category) => category.archivedAt === null), nameOf: (id: string) => names.get(id) ?? "—" };
}

/** After any catalog change: the admin lists, and what people see, load afresh. */
export function useCatalogChanged(): () => Promise<void> {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useCallback(async () => {
    await Promise.all([
      queryClient.invalidateQueries(trpc.admin.reset.pathFilter()),
      queryClient.invalidateQueries(trpc.reset.categories.list.pathFilter()),
    ]);
  }, [queryClient, trpc]);
}

/** The category filter above the creators and videos lists. */
export function CategoryFilter({
  categories,
  value,
  onChange,
}: {
  categories: ReadonlyArray<{ id: string; name: string }>;
  value: string;
  onChange(categoryId: string): void;
}) {
  return (
    <SelectField label="Category" value={value} onChange={(event) => onChange(event.target.value)}>
      <option value="">All categories</option>
      {categories.map((category) => (
        <option key={category.id} value={category.id}>
          {category.name}
        </option>
      ))}
    </SelectField>
  );
}

/** A row of the catalog: categories, creators and videos are archived, never deleted. */
export interface CatalogRow {
  id: string;
  archivedAt: Date | null;
}

/**
 * The Status and Actions columns of a catalog table. `onToggle` archives an active row and
 * restores an archived one; `busy` marks the row whose change is on its way, `queued` one
 * whose change waits for the server (the desktop's offline queue).
 */
export function catalogStateColumns<Row extends CatalogRow>({
  name,
  onToggle,
  busy = () => false,
  queued = () => false,
}: {
  /** Names one row in its button, e.g. `@handle`. */
  name(row: Row): string;
  onToggle(row: Row): void;
  busy?(row: Row): boolean;
  queued?(row: Row): boolean;
}): Array<DataColumn<Row>> {
  return [
    {
      id: "status",
      header: "Status",
      value: (row) => (row.archivedAt ? "archived" : "active"),
      render: (row) => (
        <span className="flex flex-wrap gap-1">
          {row.archivedAt ? <Badge tone="warning">Archived</Badge> : <Badge tone="success">Active</Badge>}
          {queued(row) && <Badge tone="neutral">Queued</Badge>}
        </span>
      ),
    },
    {
      id: "actions",
      header: "Actions",
      exported: false,
      render: (row) => (
        <Button
          variant="secondary"
          className="px-3 py-1 text-xs"
          busy={busy(row)}
          onClick={() => onToggle(row)}
          aria-label={`${row.archivedAt ? "Restore" : "Archive"} ${name(row)}`}
        >
          {row.archivedAt ? "Restore" : "Archive"}
        </Button>
      ),
    },
  ];
}
