import type { RouterOutputs } from "@glow/api/client";
import { useDescribeError, useTRPC } from "@glow/react";
import { Badge, Button, Card, DataTable, ErrorMessage, formatDateTime, Spinner, type DataColumn } from "@glow/ui";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useState, type FormEvent } from "react";
import type { Account } from "../../shared/bridge.ts";
import { RoleBadges } from "../ui/RoleBadges.tsx";
import { USERS_PAGE_SIZE } from "./paging.ts";
import { UserDetail } from "./UserDetail.tsx";

type UserRow = RouterOutputs["admin"]["users"]["list"]["items"][number];

const SEARCH_DELAY_MS = 300;

/** The admin's user list (search, "Load more", CSV export) above the chosen user's details. */
export function UsersScreen({ currentAccount }: { currentAccount: Account }) {
  const trpc = useTRPC();
  const describeError = useDescribeError();
  const [query, setQuery] = useState("");
  const [search, setSearch] = useState("");
  const [selectedId, setSelectedId] = useState<string | null>(null);

  // Searches as the admin types, once they pause; Enter searches at once.
  useEffect(() => {
    const timer = setTimeout(() => setSearch(query.trim()), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query]);

  const users = useInfiniteQuery(
    trpc.admin.users.list.infiniteQueryOptions(
      { limit: USERS_PAGE_SIZE, ...(search ? { search } : {}) },
      { getNextPageParam: (page) => page.nextCursor ?? undefined, placeholderData: keepPreviousData },
    ),
  );
  const list = users.data?.pages.flatMap((page) => page.items) ?? [];
  const searching = users.isPlaceholderData && users.isFetching;
  const columns: Array<DataColumn<UserRow>> = [
    {
      id: "name",
      header: "Name",
      rowHeader: true,
      value: (user) => user.name,
      render: (user) => (
        <button
          type="button"
          aria-current={user.id === selectedId ? "true" : undefined}
          onClick={() => setSelectedId(user.id)}
          className="flex flex-wrap items-center gap-2 rounded-lg px-1 text-left font-medium text-glow-700 underline decoration-glow-500/40 underline-offset-2 focus-visible:outline-2 focus-visible:outline-glow-500 aria-[current=true]:bg-glow-50"
        >
          {user.name}
          {user.deactivatedAt && <Badge tone="danger">Deactivated</Badge>}
        </button>
      ),
    },
    { id: "email", header: "Email", value: (user) => user.email, render: (user) => user.email ?? "No email" },
    { id: "roles", header: "Roles", value: (user) => user.roles.join(" "), render: (user) => <RoleBadges roles={user.roles} /> },
    { id: "verified", header: "Email verified", value: (user) => user.emailVerified },
    {
      id: "deactivated",
      header: "Deactivated",
      value: (user) => user.deactivatedAt,
      render: (user) => (user.deactivatedAt ? formatDateTime(user.deactivatedAt) : "—"),
    },
    { id: "joined", header: "Joined", value: (user) => user.createdAt, render: (user) => formatDateTime(user.createdAt) },
  ];

  function searchNow(event: FormEvent<HTMLFormElement>): void {
    event.preventDefault();
    setSearch(query.trim());
  }

  return (
    <div className="flex flex-col gap-4">
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
        ) : (
          <div aria-busy={searching || undefined}>
            <DataTable
              caption="Users"
              columns={columns}
              rows={list}
              rowKey={(user) => user.id}
              rowProps={(user) => ({ "data-user": user.email ?? user.id })}
              exportName="users"
              columnPicker
              scroll
              emptyText={search ? `No users match “${search}”.` : "No users yet."}
            />
          </div>
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
