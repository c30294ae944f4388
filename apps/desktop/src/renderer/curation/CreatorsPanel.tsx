import type { RouterOutputs } from "@glow/api/client";
import { Badge, CheckboxField, ErrorMessage, LinkButton, SelectField, Spinner } from "@glow/ui";
import { keepPreviousData } from "@tanstack/react-query";
import { useState } from "react";
import { useDescribeError } from "../ApiProvider.tsx";
import { DataGrid, type GridColumn } from "../table/DataGrid.tsx";
import { queuedWriteOf, trpc, type ApiError } from "../trpc.ts";
import { ImportPanel } from "./ImportPanel.tsx";
import { PAGE_SIZE, useLoadAllPages } from "./load-all.ts";
import { BulkActions, EditableText, FeedbackLine, fieldMessage, runWrite, StatusBadge, useFeedback, usePendingEdits } from "./shared.tsx";

type Creator = RouterOutputs["admin"]["reset"]["creators"]["list"]["items"][number];
type Toxicity = "" | "curated" | "toxic";

export function CreatorsPanel() {
  const describeError = useDescribeError();
  const utils = trpc.useUtils();
  const [includeArchived, setIncludeArchived] = useState(false);
  const [categoryId, setCategoryId] = useState("");
  const [toxicity, setToxicity] = useState<Toxicity>("");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const categories = trpc.admin.reset.categories.list.useQuery({ includeArchived: true });
  const creators = trpc.admin.reset.creators.list.useInfiniteQuery(
    { limit: PAGE_SIZE, includeArchived, ...(categoryId ? { categoryId } : {}), ...(toxicity ? { toxic: toxicity === "toxic" } : {}) },
    { getNextPageParam: (page) => page.nextCursor ?? undefined, placeholderData: keepPreviousData },
  );
  useLoadAllPages(creators);
  const pending = usePendingEdits<Creator>();
  const { feedback, done, queued, failed, problem } = useFeedback();
  const update = trpc.admin.reset.creators.update.useMutation();
  const archive = trpc.admin.reset.creators.archive.useMutation();
  const archiveMany = trpc.admin.reset.creators.archiveMany.useMutation();
  const refresh = () => utils.admin.reset.invalidate();
  const categoryName = new Map((categories.data ?? []).map((category) => [category.id, category.name]));

  async function saveField(creator: Creator, field: "handle" | "displayName" | "categoryId", value: string): Promise<void> {
    try {
      await update.mutateAsync({ id: creator.id, [field]: value });
    } catch (error) {
      const write = queuedWriteOf(error);
      if (!write) throw new Error(fieldMessage(error as ApiError, field, describeError), { cause: error });
      pending.add([creator.id], { [field]: value });
      queued(write);
      return;
    }
    done(`Saved @${creator.handle}`);
    await refresh();
  }

  async function setArchived(ids: string[], archived: boolean, what: string): Promise<void> {
    const request = ids.length === 1 ? archive.mutateAsync({ id: ids[0]!, archived }) : archiveMany.mutateAsync({ ids, archived });
    await runWrite(request, {
      onDone: async () => {
        done(`${archived ? "Archived" : "Restored"} ${what}`);
        setSelected(new Set());
        await refresh();
      },
      onQueued: (write) => {
        pending.add(ids, { archivedAt: archived ? new Date() : null });
        setSelected(new Set());
        queued(write);
      },
      onError: failed,
    });
  }

  const columns: Array<GridColumn<Creator>> = [
    {
      id: "handle",
      header: "Handle",
      rowHeader: true,
      value: (c) => c.handle,
      render: (c) => <EditableText value={c.handle} label={`Handle of @${c.handle}`} onSave={(value) => saveField(c, "handle", value)} />,
    },
    {
      id: "displayName",
      header: "Display name",
      value: (c) => c.displayName,
      render: (c) => <EditableText value={c.displayName} label={`Display name of @${c.handle}`} onSave={(value) => saveField(c, "displayName", value)} />,
    },
    {
      id: "category",
      header: "Category",
      value: (c) => categoryName.get(c.categoryId) ?? c.categoryId,
      render: (c) => (
        <select
          aria-label={`Category of @${c.handle}`}
          value={c.categoryId}
          onChange={(event) => void saveField(c, "categoryId", event.target.value).catch((error: Error) => problem(error.message))}
          className="max-w-44 rounded-md bg-white px-2 py-1 text-sm ring-1 ring-slate-300 focus:outline-2 focus:outline-glow-500"
        >
          {(categories.data ?? []).map((category) => (
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
      render: (c) => (c.isToxic ? <span title={c.toxicityReason ?? undefined}><Badge tone="danger">Toxic</Badge> <span className="text-xs text-slate-600">{c.toxicityReason}</span></span> : <Badge tone="glow">Curated</Badge>),
    },
    { id: "videos", header: "Videos", numeric: true, value: (c) => c.videoCount },
    { id: "status", header: "Status", value: (c) => (c.archivedAt ? "archived" : "active"), render: (c) => <StatusBadge archivedAt={c.archivedAt} pending={pending.isPending(c.id)} /> },
    {
      id: "actions",
      header: "Actions",
      sortable: false,
      exported: false,
      value: () => null,
      render: (c) => (
        <LinkButton aria-label={`${c.archivedAt ? "Restore" : "Archive"} @${c.handle}`} onClick={() => void setArchived([c.id], !c.archivedAt, `@${c.handle}`)}>
          {c.archivedAt ? "Restore" : "Archive"}
        </LinkButton>
      ),
    },
  ];

  const rows = creators.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="flex flex-col gap-4">
      <FeedbackLine feedback={feedback} />
      {creators.isPending ? (
        <Spinner label="Loading creators" />
      ) : !creators.data ? (
        <ErrorMessage message={describeError(creators.error as ApiError)} onRetry={() => void creators.refetch()} />
      ) : (
        <DataGrid
          caption="Creators"
          exportName="creators"
          columns={columns}
          rows={pending.apply(rows)}
          rowKey={(c) => c.id}
          rowLabel={(c) => `@${c.handle}`}
          rowProps={(c) => ({ "data-creator": c.handle })}
          selection={{ selected, onChange: setSelected }}
          initialSort={{ column: "handle", direction: "ascending" }}
          emptyText="No creators match these filters"
          toolbar={
            <>
              <SelectField label="Category" value={categoryId} onChange={(event) => setCategoryId(event.target.value)}>
                <option value="">All categories</option>
                {(categories.data ?? []).map((category) => (
                  <option key={category.id} value={category.id}>
                    {category.name}
                  </option>
                ))}
              </SelectField>
              <SelectField label="Toxicity" value={toxicity} onChange={(event) => setToxicity(event.target.value as Toxicity)}>
                <option value="">Curated and toxic</option>
                <option value="curated">Curated only</option>
                <option value="toxic">Toxic only</option>
              </SelectField>
              <CheckboxField label="Show archived" checked={includeArchived} onChange={(event) => setIncludeArchived(event.target.checked)} />
              <BulkActions
                count={selected.size}
                busy={archive.isPending || archiveMany.isPending}
                onArchive={() => void setArchived([...selected], true, `${selected.size} creators`)}
                onRestore={() => void setArchived([...selected], false, `${selected.size} creators`)}
                onClear={() => setSelected(new Set())}
              />
            </>
          }
        />
      )}
      <ImportPanel kind="creators" />
    </div>
  );
}
