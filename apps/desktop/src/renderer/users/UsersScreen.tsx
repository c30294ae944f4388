import type { RouterOutputs } from "@glow/api/client";
import { useTRPC } from "@glow/react";
import { Badge, Card, DataTable, formatDateTime, type DataColumn } from "@glow/ui";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { Account } from "../../shared/bridge.ts";
import { PagedResults, pagedRows, SearchBox, useDebouncedSearch } from "../ui/PagedSearch.tsx";
import { RoleBadges } from "../ui/RoleBadges.tsx";
import { USERS_PAGE_SIZE } from "./paging.ts";
import { UserDetail } from "./UserDetail.tsx";

type UserRow = RouterOutputs["admin"]["users"]["list"]["items"][number];

/** The admin's user list (search, "Load more", CSV export) above the chosen user's details. */
export function UsersScreen({ currentAccount }: { currentAccount: Account }) {
  const trpc = useTRPC();
  const search = useDebouncedSearch();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const users = useInfiniteQuery(
    trpc.admin.users.list.infiniteQueryOptions(
      { limit: USERS_PAGE_SIZE, ...(search.search ? { search: search.search } : {}) },
      { getNextPageParam: (page) => page.nextCursor ?? undefined, placeholderData: keepPreviousData },
    ),
  );
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

  return (
    <div className="flex flex-col gap-4">
      <Card title="Users">
        <SearchBox id="user-search" label="Search by name or email" search={search} />
        <PagedResults pages={users} loadingLabel="Loading users">
          <DataTable
            caption="Users"
            columns={columns}
            rows={pagedRows(users.data)}
            rowKey={(user) => user.id}
            rowProps={(user) => ({ "data-user": user.email ?? user.id })}
            exportName="users"
            columnPicker
            scroll
            emptyText={search.search ? `No users match “${search.search}”.` : "No users yet."}
          />
        </PagedResults>
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
