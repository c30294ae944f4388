import type { RouterOutputs } from "@glow/api/client";
import { useTRPC } from "@glow/react";
import type { DataColumn } from "@glow/ui";
import { useMutation, useQuery } from "@tanstack/react-query";
import { CurationTable, useCurationTable } from "./CurationTable.tsx";

type Category = RouterOutputs["admin"]["reset"]["categories"]["list"][number];
type CategoryChanges = Partial<Pick<Category, "name" | "emoji" | "description">>;

export function CategoriesPanel() {
  const trpc = useTRPC();
  const table = useCurationTable<Category, CategoryChanges>({
    plural: "categories",
    name: (c) => c.name,
    savedText: (c, field) => `Saved the ${field} of ${c.name}`,
    writes: {
      update: useMutation(trpc.admin.reset.categories.update.mutationOptions()),
      archive: useMutation(trpc.admin.reset.categories.archive.mutationOptions()),
      archiveMany: useMutation(trpc.admin.reset.categories.archiveMany.mutationOptions()),
    },
  });
  const categories = useQuery(trpc.admin.reset.categories.list.queryOptions({ includeArchived: table.includeArchived }));

  const columns: Array<DataColumn<Category>> = [
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
