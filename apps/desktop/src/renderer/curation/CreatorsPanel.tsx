import type { RouterOutputs } from "@glow/api/client";
import { CategoryFilter, useAllCategories, useTRPC } from "@glow/react";
import { Badge, type DataColumn, SelectField } from "@glow/ui";
import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { CurationTable, useCurationTable } from "./CurationTable.tsx";
import { ImportPanel } from "./ImportPanel.tsx";
import { PAGE_SIZE, PAGED } from "./load-all.ts";

type Creator = RouterOutputs["admin"]["reset"]["creators"]["list"]["items"][number];
type CreatorChanges = Partial<Pick<Creator, "handle" | "displayName" | "categoryId">>;
type Toxicity = "" | "curated" | "toxic";

export function CreatorsPanel() {
  const trpc = useTRPC();
  const [categoryId, setCategoryId] = useState("");
  const [toxicity, setToxicity] = useState<Toxicity>("");
  const table = useCurationTable<Creator, CreatorChanges>({
    plural: "creators",
    name: (c) => `@${c.handle}`,
    writes: {
      update: useMutation(trpc.admin.reset.creators.update.mutationOptions()),
      archive: useMutation(trpc.admin.reset.creators.archive.mutationOptions()),
      archiveMany: useMutation(trpc.admin.reset.creators.archiveMany.mutationOptions()),
    },
  });
  const categories = useAllCategories();
  const creators = useInfiniteQuery(
    trpc.admin.reset.creators.list.infiniteQueryOptions(
      {
        limit: PAGE_SIZE,
        includeArchived: table.includeArchived,
        ...(categoryId ? { categoryId } : {}),
        ...(toxicity ? { toxic: toxicity === "toxic" } : {}),
      },
      PAGED,
    ),
  );

  const columns: Array<DataColumn<Creator>> = [
    table.textColumn("handle", "Handle", (c) => `Handle of @${c.handle}`, { rowHeader: true }),
    table.textColumn("displayName", "Display name", (c) => `Display name of @${c.handle}`),
    {
      id: "category",
      header: "Category",
      value: (c) => categories.nameOf(c.categoryId),
      render: (c) => (
        <select
          aria-label={`Category of @${c.handle}`}
          value={c.categoryId}
          onChange={(event) => void table.save(c, { categoryId: event.target.value }).catch((error: Error) => table.problem(error.message))}
          className="max-w-44 rounded-md bg-white px-2 py-1 text-sm ring-1 ring-slate-300 focus:outline-2 focus:outline-glow-500"
        >
          {categories.all.map((category) => (
            <option key={category.id} value={category.id}>
              {category.name}
            </option>
          ))}
        </select>
      ),
    },
    {
      id: "toxic",
      header: "Toxicity",
      value: (c) => (c.isToxic ? `toxic: ${c.toxicityReason ?? ""}` : "curated"),
      render: (c) =>
        c.isToxic ? (
          <span title={c.toxicityReason ?? undefined}>
            <Badge tone="danger">Toxic</Badge> <span className="text-xs text-slate-600">{c.toxicityReason}</span>
          </span>
        ) : (
          <Badge tone="glow">Curated</Badge>
        ),
    },
    { id: "videos", header: "Videos", numeric: true, value: (c) => c.videoCount },
  ];

  return (
    <CurationTable
      table={table}
      query={creators}
      columns={columns}
      caption="Creators"
      rowProps={(c) => ({ "data-creator": c.handle })}
      emptyText="No creators match these filters"
      filters={
        <>
          <CategoryFilter categories={categories.all} value={categoryId} onChange={setCategoryId} />
          <SelectField label="Toxicity" value={toxicity} onChange={(event) => setToxicity(event.target.value as Toxicity)}>
            <option value="">Curated and toxic</option>
            <option value="curated">Curated only</option>
            <option value="toxic">Toxic only</option>
          </SelectField>
        </>
      }
    >
      <ImportPanel kind="creators" />
    </CurationTable>
  );
}
