// A searched, keyset-paged admin list (Users, Organizations): the search box that searches
// once the admin pauses typing (Enter at once), and the list's states around its table —
// loading, a failure with Try again, a search on its way, and "Load more".
import { useDescribeError } from "@glow/react";
import { Button, ErrorMessage, Spinner } from "@glow/ui";
import { useEffect, useState, type ReactNode } from "react";

const SEARCH_DELAY_MS = 300;

export interface DebouncedSearch {
  /** What the field holds. */
  text: string;
  setText(text: string): void;
  /** What the list is searched by: the field's text, trimmed, once typing pauses. */
  search: string;
  searchNow(): void;
}

export function useDebouncedSearch(delayMs = SEARCH_DELAY_MS): DebouncedSearch {
  const [text, setText] = useState("");
  const [search, setSearch] = useState("");
  useEffect(() => {
    const timer = setTimeout(() => setSearch(text.trim()), delayMs);
    return () => clearTimeout(timer);
  }, [text, delayMs]);
  return { text, setText, search, searchNow: () => setSearch(text.trim()) };
}

export function SearchBox({ id, label, search }: { id: string; label: string; search: DebouncedSearch }) {
  return (
    <form
      role="search"
      onSubmit={(event) => {
        event.preventDefault();
        search.searchNow();
      }}
      className="mb-3 flex flex-col gap-1"
    >
      <label htmlFor={id} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={id}
        type="search"
        value={search.text}
        maxLength={100}
        onChange={(event) => search.setText(event.target.value)}
        className="rounded-lg bg-white px-3 py-2 text-slate-900 ring-1 ring-slate-300 focus:outline-2 focus:outline-glow-500"
      />
    </form>
  );
}

/** The pages' rows in one list, for the table. */
export function pagedRows<Row>(pages: { pages: ReadonlyArray<{ items: readonly Row[] }> } | undefined): Row[] {
  return pages?.pages.flatMap((page) => page.items) ?? [];
}

/** What the list needs of its useInfiniteQuery result. */
export interface PagedQuery {
  isPending: boolean;
  isError: boolean;
  data: unknown;
  error: unknown;
  refetch(): unknown;
  isPlaceholderData: boolean;
  isFetching: boolean;
  isFetchNextPageError: boolean;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage(): unknown;
}

/** The list's states around `children` (its table): loading, a failure, a search on its way, the next page. */
export function PagedResults({ pages, loadingLabel, children }: { pages: PagedQuery; loadingLabel: string; children: ReactNode }) {
  const describeError = useDescribeError();
  const searching = pages.isPlaceholderData && pages.isFetching;
  return (
    <>
      {pages.isPending ? (
        <Spinner label={loadingLabel} />
      ) : pages.isError && !pages.data ? (
        <ErrorMessage message={describeError(pages.error)} onRetry={() => void pages.refetch()} />
      ) : (
        <div aria-busy={searching || undefined}>{children}</div>
      )}

      {searching && <Spinner size="sm" label="Searching" />}
      {pages.isFetchNextPageError && (
        <div className="mt-3">
          <ErrorMessage message={describeError(pages.error)} onRetry={() => void pages.fetchNextPage()} />
        </div>
      )}
      <div className="mt-3 flex flex-wrap gap-2">
        {pages.hasNextPage && !pages.isFetchNextPageError && (
          <Button variant="secondary" busy={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
            Load more
          </Button>
        )}
      </div>
    </>
  );
}
