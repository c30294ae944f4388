import { Badge, Button, Card, ErrorMessage, Spinner } from "@glow/ui";
import { keepPreviousData } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import type { Account } from "../../shared/bridge.ts";
import { useDescribeError } from "../ApiProvider.tsx";
import { trpc } from "../trpc.ts";
import { RoleBadges } from "../ui/RoleBadges.tsx";
import { useExportable } from "../table/export.tsx";
import { USERS_PAGE_SIZE } from "./paging.ts";
import { UserDetail } from "./UserDetail.tsx";

const SEARCH_DELAY_MS = 300;

/** The admin's user list (search, "Load more") beside the chosen user's details. */
export function UsersScreen({ currentAccount }: { currentAccount: Account }) {
  const describeError = useDescribeError();
  const [query, setQuery] = useState("");
  const [search, setSearch] = useState("");
  const [selectedId, setSelectedId] = useState<string | null>(null);

  // Searches as the admin types, once they pause; Enter searches at once.
  useEffect(() => {
    const timer = setTimeout(() => setSearch(query.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const users = trpc.admin.users.list.useInfiniteQuery(
    { limit: USERS_PAGE_SIZE, ...(search ? { search } : {}) },
    { getNextPageParam: (page) => page.nextCursor ?? undefined, placeholderData: keepPreviousData },
  );
  const list = users.data?.pages.flatMap((page) => page.items) ?? [];
  const searching = users.isPlaceholderData && users.isFetching;
  const exportUsers = useExportable(
    "users",
    () => ["Name", "Email", "Roles", "Email verified", "Deactivated", "Joined"],
    () =>
      list.map((user) => ({
        Name: user.name,
        Email: user.email ?? "",
        Roles: user.roles.join(" "),
        "Email verified": user.emailVerified ? "yes" : "no",
        Deactivated: user.deactivatedAt?.toISOString() ?? "",
        Joined: user.createdAt.toISOString(),
      })),
  );

  function searchNow(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setSearch(query.trim());
  }

  return (
    <div className="grid items-start gap-4 md:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
      <Card title="Users">
        <form role="search" onSubmit={searchNow} className="mb-3 flex flex-col gap-1">
          <label htmlFor="user-search" className="text-sm font-medium text-slate-700">
            Search by name or email
          </label>
          <input
            id="user-search"
            type="search"
            value={query}
            maxLength={100}
            onChange={(event) => setQuery(event.target.value)}
            className="rounded-lg bg-white px-3 py-2 text-slate-900 ring-1 ring-slate-300 focus:outline-2 focus:outline-glow-500"
          />
        </form>

        {users.isPending ? (
          <Spinner label="Loading users" />
        ) : users.isError && !users.data ? (
          <ErrorMessage message={describeError(users.error)} onRetry={() => void users.refetch()} />
        ) : list.length === 0 ? (
          <p className="text-sm text-slate-600">{search ? `No users match “${search}”.` : "No users yet."}</p>
        ) : (
          <ul aria-label="Users" aria-busy={searching || undefined} className="-mx-2 flex flex-col">
            {list.map((user) => (
              <li key={user.id}>
                <button
                  type="button"
                  aria-current={user.id === selectedId ? "true" : undefined}
                  onClick={() => setSelectedId(user.id)}
                  className="flex w-full flex-col gap-1 rounded-lg px-2 py-2 text-left hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-glow-500 aria-[current=true]:bg-glow-50"
                >
                  <span className="flex flex-wrap items-center gap-2">
                    <span className="font-medium text-slate-900">{user.name}</span>
                    {user.deactivatedAt && <Badge tone="danger">Deactivated</Badge>}
                  </span>
                  <span className="text-sm text-slate-600">{user.email ?? "No email"}</span>
                  <RoleBadges roles={user.roles} />
                </button>
              </li>
            ))}
          </ul>
        )}

        {searching && <Spinner size="sm" label="Searching" />}
        {users.isFetchNextPageError && (
          <div className="mt-3">
            <ErrorMessage message={describeError(users.error)} onRetry={() => void users.fetchNextPage()} />
          </div>
        )}
        <div className="mt-3 flex flex-wrap gap-2">
          {users.hasNextPage && !users.isFetchNextPageError && (
            <Button variant="secondary" busy={users.isFetchingNextPage} onClick={() => void users.fetchNextPage()}>
              Load more
            </Button>
          )}
          {list.length > 0 && (
            <Button variant="secondary" onClick={() => void exportUsers()}>
              Export CSV
            </Button>
          )}
        </div>
      </Card>

      {selectedId ? (
        <UserDetail key={selectedId} userId={selectedId} currentAccount={currentAccount} />
      ) : (
        <Card title="User details">
          <p className="text-sm text-slate-600">Choose a user to see their email, roles and sessions.</p>
        </Card>
      )}
    </div>
  );
}
