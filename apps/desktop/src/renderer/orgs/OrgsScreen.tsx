// The admin's Organizations screen: every business, shop and team on the server, searched
// and paged, above the chosen one's parent, children and members (whose roles an admin with
// write:organizations can change).
import type { RouterOutputs } from "@glow/api/client";
import { useTRPC } from "@glow/react";
import { Card, DataTable, formatCount, formatDateTime, type DataColumn } from "@glow/ui";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { Account } from "../../shared/bridge.ts";
import { PagedResults, pagedRows, SearchBox, useDebouncedSearch } from "../ui/PagedSearch.tsx";
import { OrgDetail } from "./OrgDetail.tsx";
import { ORGS_PAGE_SIZE } from "./paging.ts";

type OrgRow = RouterOutputs["admin"]["orgs"]["list"]["items"][number];

export function OrgsScreen({ currentAccount }: { currentAccount: Account }) {
  const trpc = useTRPC();
  const search = useDebouncedSearch();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const orgs = useInfiniteQuery(
    trpc.admin.orgs.list.infiniteQueryOptions(
      { limit: ORGS_PAGE_SIZE, ...(search.search ? { search: search.search } : {}) },
      { getNextPageParam: (page) => page.nextCursor ?? undefined, placeholderData: keepPreviousData },
    ),
  );
  const columns: Array<DataColumn<OrgRow>> = [
    {
      id: "name",
      header: "Name",
      rowHeader: true,
      value: (org) => org.name,
      render: (org) => (
        <button
          type="button"
          aria-current={org.id === selectedId ? "true" : undefined}
          onClick={() => setSelectedId(org.id)}
          className="rounded-lg px-1 text-left font-medium text-glow-700 underline decoration-glow-500/40 underline-offset-2 focus-visible:outline-2 focus-visible:outline-glow-500 aria-[current=true]:bg-glow-50"
        >
          {org.name}
        </button>
      ),
    },
    { id: "slug", header: "Slug", value: (org) => org.slug },
    { id: "parent", header: "Parent", value: (org) => org.parent?.name ?? "", render: (org) => org.parent?.name ?? "—" },
    { id: "members", header: "Members", numeric: true, value: (org) => org.memberCount, render: (org) => formatCount(org.memberCount) },
    { id: "created", header: "Created", value: (org) => org.createdAt, render: (org) => formatDateTime(org.createdAt) },
  ];

  return (
    <div className="flex flex-col gap-4">
      <Card title="Organizations">
        <SearchBox id="org-search" label="Search by name or slug" search={search} />
        <PagedResults pages={orgs} loadingLabel="Loading organizations">
          <DataTable
            caption="Organizations"
            columns={columns}
            rows={pagedRows(orgs.data)}
            rowKey={(org) => org.id}
            rowProps={(org) => ({ "data-org": org.slug })}
            exportName="organizations"
            columnPicker
            scroll
            emptyText={search.search ? `No organizations match “${search.search}”.` : "No organizations yet."}
          />
        </PagedResults>
      </Card>

      {selectedId ? (
        <OrgDetail key={selectedId} orgId={selectedId} currentAccount={currentAccount} onOpen={setSelectedId} />
      ) : (
        <Card title="Organization details">
          <p className="text-sm text-slate-600">Choose an organization to see its parent, its children and its members.</p>
        </Card>
      )}
    </div>
  );
}
