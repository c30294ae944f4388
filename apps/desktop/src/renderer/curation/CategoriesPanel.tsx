import type { RouterOutputs } from "@glow/api/client";
import { type GridColumn } from "../table/DataGrid.tsx";
import { trpc } from "../trpc.ts";
import { CurationTable, useCurationTable } from "./CurationTable.tsx";

type Category = RouterOutputs["admin"]["reset"]["categories"]["list"][number];
type CategoryChanges = Partial<Pick<Category, "name" | "emoji" | "description">>;

export function CategoriesPanel() {
  const table = useCurationTable<Category, CategoryChanges>({
    plural: "categories",
    name: (c) => c.name,
    savedText: (c, field) => `Saved the ${field} of ${c.name}`,
    writes: {
      update: trpc.admin.reset.categories.update.useMutation(),
      archive: trpc.admin.reset.categories.archive.useMutation(),
      archiveMany: trpc.admin.reset.categories.archiveMany.useMutation(),
    },
  });
  const categories = trpc.admin.reset.categories.list.useQuery({ includeArchived: table.includeArchived });

  const columns: Array<GridColumn<Category>> = [
    table.textColumn("name", "Name", (c) => `Name of ${c.name}`, { rowHeader: true }),
    { id: "slug", header: "Slug", value: (c) => c.slug, className: "font-mono text-xs" },
    table.textColumn("emoji", "Emoji", (c) => `Emoji of ${c.name}`),
    table.textColumn("description", "Description", (c) => `Description of ${c.name}`),
    { id: "creators", header: "Creators", numeric: true, value: (c) => c.creatorCount },
    { id: "videos", header: "Videos", numeric: true, value: (c) => c.videoCount },
  ];

  return (
    <CurationTable
      table={table}
      query={categories}
      columns={columns}
      caption="Categories"
      rowProps={(c) => ({ "data-category": c.slug })}
      emptyText="No categories yet"
    />
  );
}
