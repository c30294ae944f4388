import { keepPreviousData } from "@tanstack/react-query";
import { useEffect } from "react";

/** The catalog is small (hundreds of rows): load every page, so sorting and filtering see all of it. */
export const MAX_PAGES = 20;
export const PAGE_SIZE = 100;

/** Options for a catalog list's infinite query: follow the cursor, keep the old rows while filters change. */
export const PAGED = {
  getNextPageParam: (page: { nextCursor?: string | null }) => page.nextCursor ?? undefined,
  placeholderData: keepPreviousData,
};

/** A catalog list's query: the whole list (categories) or pages of it (creators, videos). */
export interface CatalogQuery<Row> {
  isPending: boolean;
  isFetching: boolean;
  error: unknown;
  refetch(): unknown;
  data?: readonly Row[] | { pages: ReadonlyArray<{ items: readonly Row[] }> } | undefined;
  hasNextPage?: boolean;
  isFetchNextPageError?: boolean;
  fetchNextPage?(): Promise<unknown>;
}

/** Loads every page of a paged list; the rows so far, or undefined until the query has data. */
export function useAllRows<Row>(query: CatalogQuery<Row>): readonly Row[] | undefined {
  const { data, hasNextPage, isFetching, isFetchNextPageError, fetchNextPage } = query;
  const pages = data && "pages" in data ? data.pages.length : 0;
  useEffect(() => {
    if (hasNextPage && fetchNextPage && !isFetching && !isFetchNextPageError && pages < MAX_PAGES) void fetchNextPage();
  }, [hasNextPage, isFetching, isFetchNextPageError, pages, fetchNextPage]);
  if (!data) return undefined;
  return "pages" in data ? data.pages.flatMap((page) => page.items) : data;
}
