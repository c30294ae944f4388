import { useEffect } from "react";

/** The catalog is small (hundreds of rows): load every page, so sorting and filtering see all of it. */
export const MAX_PAGES = 20;
export const PAGE_SIZE = 100;

interface PagedQuery {
  hasNextPage: boolean;
  isFetching: boolean;
  isFetchNextPageError: boolean;
  fetchNextPage(): Promise<unknown>;
  data?: { pages: readonly unknown[] } | undefined;
}

export function useLoadAllPages(query: PagedQuery): void {
  const { hasNextPage, isFetching, isFetchNextPageError, fetchNextPage } = query;
  const pages = query.data?.pages.length ?? 0;
  useEffect(() => {
    if (hasNextPage && !isFetching && !isFetchNextPageError && pages < MAX_PAGES) void fetchNextPage();
  }, [hasNextPage, isFetching, isFetchNextPageError, pages, fetchNextPage]);
}
