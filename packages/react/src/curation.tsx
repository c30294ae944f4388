// What both apps' curation screens share: the category list that names and filters creators
// and videos, and what a change to the catalog must refresh.
import { SelectField } from "@glow/ui";
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
    await Promise.all([queryClient.invalidateQueries(trpc.admin.reset.pathFilter()), queryClient.invalidateQueries(trpc.reset.categories.list.pathFilter())]);
  }, [queryClient, trpc]);
}

/** The category filter above the creators and videos lists. */
export function CategoryFilter({ categories, value, onChange }: { categories: ReadonlyArray<{ id: string; name: string }>; value: string; onChange(categoryId: string): void }) {
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
