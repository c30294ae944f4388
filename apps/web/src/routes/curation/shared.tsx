// Pieces the three curation sections share: row types and the filters (the category list is @glow/react's).
import type { RouterOutputs } from "@glow/api/client";
import { CategoryFilter } from "@glow/react";
import { Button, CheckboxField, cn, TextField } from "@glow/ui";
import { useState, type FormEvent, type ReactNode } from "react";
import { formText } from "../../forms.ts";

export type CuratedCategory = RouterOutputs["admin"]["reset"]["categories"]["list"][number];
export type CuratedCreator = RouterOutputs["admin"]["reset"]["creators"]["list"]["items"][number];
export type CuratedVideo = RouterOutputs["admin"]["reset"]["videos"]["list"]["items"][number];

export function ShowArchived({ checked, onChange }: { checked: boolean; onChange(checked: boolean): void }) {
  return <CheckboxField label="Show archived" checked={checked} onChange={(event) => onChange(event.target.checked)} className="sm:pb-2" />;
}

/** The filters both paged lists (creators, videos) have: a submitted search, a category, and archived rows or not. */
export function useListFilters() {
  const [search, setSearch] = useState("");
  const [categoryId, setCategoryId] = useState("");
  const [showArchived, setShowArchived] = useState(false);
  return {
    search,
    setSearch,
    categoryId,
    setCategoryId,
    showArchived,
    setShowArchived,
    /** What the list procedure is asked for. */
    input: { includeArchived: showArchived, ...(search ? { search } : {}), ...(categoryId ? { categoryId } : {}) },
  };
}

/**
 * The filters above a paged list: a search the server runs when submitted, the category, the
 * list's own filters (`children`), and "Show archived".
 */
export function SearchFilters({
  plural,
  placeholder,
  gridClassName,
  filters,
  categories,
  children,
}: {
  /** e.g. "creators": names the form and its search box. */
  plural: string;
  placeholder: string;
  /** The grid's columns on wide screens, one per filter. */
  gridClassName: string;
  filters: ReturnType<typeof useListFilters>;
  /** Every category, archived ones too. */
  categories: readonly CuratedCategory[];
  children?: ReactNode;
}) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    filters.setSearch(formText(new FormData(event.currentTarget), "search").trim());
  }

  return (
    <form
      role="search"
      aria-label={`Filter ${plural}`}
      onSubmit={submit}
      className={cn("grid grid-cols-1 gap-3 sm:items-end", gridClassName)}
    >
      <div className="flex items-end gap-2">
        <TextField label={`Search ${plural}`} name="search" type="search" placeholder={placeholder} className="min-w-0 flex-1" />
        <Button type="submit" variant="secondary">
          Search
        </Button>
      </div>
      <CategoryFilter categories={categories} value={filters.categoryId} onChange={filters.setCategoryId} />
      {children}
      <ShowArchived checked={filters.showArchived} onChange={filters.setShowArchived} />
    </form>
  );
}
