import type { RouterOutputs } from "@glow/api/client";
import { CheckboxField, ErrorMessage, LinkButton, Spinner } from "@glow/ui";
import { useState } from "react";
import { useDescribeError } from "../ApiProvider.tsx";
import { DataGrid, type GridColumn } from "../table/DataGrid.tsx";
import { trpc, queuedWriteOf, type ApiError } from "../trpc.ts";
import { BulkActions, EditableText, FeedbackLine, fieldMessage, runWrite, StatusBadge, useFeedback, usePendingEdits } from "./shared.tsx";

type Category = RouterOutputs["admin"]["reset"]["categories"]["list"][number];

export function CategoriesPanel() {
  const describeError = useDescribeError();
  const utils = trpc.useUtils();
  const [includeArchived, setIncludeArchived] = useState(false);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const categories = trpc.admin.reset.categories.list.useQuery({ includeArchived });
  const pending = usePendingEdits<Category>();
  const { feedback, done, queued, failed } = useFeedback();
  const update = trpc.admin.reset.categories.update.useMutation();
  const archive = trpc.admin.reset.categories.archive.useMutation();
  const archiveMany = trpc.admin.reset.categories.archiveMany.useMutation();
  const refresh = () => utils.admin.reset.invalidate();

  async function saveField(category: Category, field: "name" | "emoji" | "description", value: string): Promise<void> {
    try {
      await update.mutateAsync({ id: category.id, [field]: value });
    } catch (error) {
      const write = queuedWriteOf(error);
      if (!write) throw new Error(fieldMessage(error as ApiError, field, describeError), { cause: error });
      pending.add([category.id], { [field]: value });
      queued(write);
      return;
    }
    done(`Saved the ${field} of ${category.name}`);
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

  // Rebuilt each render: the cells' actions close over this render's state.
  const columns: Array<GridColumn<Category>> = [
    {
      id: "name",
      header: "Name",
      rowHeader: true,
      value: (c) => c.name,
      render: (c) => <EditableText value={c.name} label={`Name of ${c.name}`} onSave={(value) => saveField(c, "name", value)} />,
    },
    { id: "slug", header: "Slug", value: (c) => c.slug, className: "font-mono text-xs" },
    {
      id: "emoji",
      header: "Emoji",
      value: (c) => c.emoji,
      render: (c) => <EditableText value={c.emoji} label={`Emoji of ${c.name}`} onSave={(value) => saveField(c, "emoji", value)} />,
    },
    {
      id: "description",
      header: "Description",
      value: (c) => c.description,
      render: (c) => <EditableText value={c.description} label={`Description of ${c.name}`} onSave={(value) => saveField(c, "description", value)} />,
    },
    { id: "creators", header: "Creators", numeric: true, value: (c) => c.creatorCount },
    { id: "videos", header: "Videos", numeric: true, value: (c) => c.videoCount },
    { id: "status", header: "Status", value: (c) => (c.archivedAt ? "archived" : "active"), render: (c) => <StatusBadge archivedAt={c.archivedAt} pending={pending.isPending(c.id)} /> },
    {
      id: "actions",
      header: "Actions",
      sortable: false,
      exported: false,
      value: () => null,
      render: (c) => (
        <LinkButton aria-label={`${c.archivedAt ? "Restore" : "Archive"} ${c.name}`} onClick={() => void setArchived([c.id], !c.archivedAt, c.name)}>
        {c.archivedAt ? "Restore" : "Archive"}
      </LinkButton>
      ),
    },
  ];

  if (categories.isPending) return <Spinner label="Loading categories" />;
  if (!categories.data) return <ErrorMessage message={describeError(categories.error as ApiError)} onRetry={() => void categories.refetch()} />;
  const busy = archive.isPending || archiveMany.isPending;
  return (
    <div className="flex flex-col gap-3">
      <FeedbackLine feedback={feedback} />
      <DataGrid
        caption="Categories"
        exportName="categories"
        columns={columns}
        rows={pending.apply(categories.data)}
        rowKey={(c) => c.id}
        rowLabel={(c) => c.name}
        rowProps={(c) => ({ "data-category": c.slug })}
        selection={{ selected, onChange: setSelected }}
        initialSort={{ column: "name", direction: "ascending" }}
        emptyText="No categories yet"
        toolbar={
          <>
            <CheckboxField label="Show archived" checked={includeArchived} onChange={(event) => setIncludeArchived(event.target.checked)} />
            <BulkActions
              count={selected.size}
              busy={busy}
              onArchive={() => void setArchived([...selected], true, `${selected.size} categories`)}
              onRestore={() => void setArchived([...selected], false, `${selected.size} categories`)}
              onClear={() => setSelected(new Set())}
            />
          </>
        }
      />
    </div>
  );
}
