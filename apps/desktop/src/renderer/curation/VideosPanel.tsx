import type { RouterOutputs } from "@glow/api/client";
import { CheckboxField, ErrorMessage, LinkButton, linkClassName, SelectField, Spinner } from "@glow/ui";
import { keepPreviousData } from "@tanstack/react-query";
import { useState } from "react";
import { useDescribeError } from "../ApiProvider.tsx";
import { formatDuration } from "../format.ts";
import { DataGrid, type GridColumn } from "../table/DataGrid.tsx";
import { queuedWriteOf, trpc, type ApiError } from "../trpc.ts";
import { ImportPanel } from "./ImportPanel.tsx";
import { PAGE_SIZE, useLoadAllPages } from "./load-all.ts";
import { BulkActions, EditableText, FeedbackLine, fieldMessage, runWrite, StatusBadge, useFeedback, usePendingEdits } from "./shared.tsx";

type Video = RouterOutputs["admin"]["reset"]["videos"]["list"]["items"][number];

export function VideosPanel() {
  const describeError = useDescribeError();
  const utils = trpc.useUtils();
  const [includeArchived, setIncludeArchived] = useState(false);
  const [categoryId, setCategoryId] = useState("");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const categories = trpc.admin.reset.categories.list.useQuery({ includeArchived: true });
  const videos = trpc.admin.reset.videos.list.useInfiniteQuery(
    { limit: PAGE_SIZE, includeArchived, ...(categoryId ? { categoryId } : {}) },
    { getNextPageParam: (page) => page.nextCursor ?? undefined, placeholderData: keepPreviousData },
  );
  useLoadAllPages(videos);
  const pending = usePendingEdits<Video>();
  const { feedback, done, queued, failed } = useFeedback();
  const update = trpc.admin.reset.videos.update.useMutation();
  const archive = trpc.admin.reset.videos.archive.useMutation();
  const archiveMany = trpc.admin.reset.videos.archiveMany.useMutation();
  const refresh = () => utils.admin.reset.invalidate();
  const categoryName = new Map((categories.data ?? []).map((category) => [category.id, category.name]));

  async function save(video: Video, changes: { title: string } | { durationSeconds: number }): Promise<void> {
    const [field] = Object.keys(changes);
    try {
      await update.mutateAsync({ id: video.id, ...changes });
    } catch (error) {
      const write = queuedWriteOf(error);
      if (!write) throw new Error(fieldMessage(error as ApiError, field!, describeError), { cause: error });
      pending.add([video.id], changes);
      queued(write);
      return;
    }
    done(`Saved “${video.title}”`);
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

  const columns: Array<GridColumn<Video>> = [
    {
      id: "title",
      header: "Title",
      rowHeader: true,
      value: (v) => v.title,
      render: (v) => <EditableText value={v.title} label={`Title of “${v.title}”`} onSave={(title) => save(v, { title })} />,
    },
    { id: "creator", header: "Creator", value: (v) => `@${v.creatorHandle}` },
    { id: "category", header: "Category", value: (v) => categoryName.get(v.categoryId) ?? v.categoryId },
    {
      id: "duration",
      header: "Seconds",
      numeric: true,
      value: (v) => v.durationSeconds,
      render: (v) => (
        <span className="inline-flex flex-col items-end">
          <EditableText
            value={String(v.durationSeconds)}
            label={`Length in seconds of “${v.title}”`}
            onSave={async (value) => {
              const seconds = Number(value);
              if (!Number.isInteger(seconds) || seconds < 1 || seconds > 3600) throw new Error("Whole seconds, from 1 to 3600");
              await save(v, { durationSeconds: seconds });
            }}
          />
          <span className="text-xs text-slate-500">{formatDuration(v.durationSeconds)}</span>
        </span>
      ),
    },
    {
      id: "url",
      header: "Link",
      value: (v) => v.url,
      render: (v) => (
        // Opens in the system browser (main denies new windows and hands http(s) links to the OS).
        <a href={v.url} target="_blank" rel="noopener noreferrer" className={linkClassName}>
          Open
        </a>
      ),
    },
    { id: "status", header: "Status", value: (v) => (v.archivedAt ? "archived" : "active"), render: (v) => <StatusBadge archivedAt={v.archivedAt} pending={pending.isPending(v.id)} /> },
    {
      id: "actions",
      header: "Actions",
      sortable: false,
      exported: false,
      value: () => null,
      render: (v) => (
        <LinkButton aria-label={`${v.archivedAt ? "Restore" : "Archive"} “${v.title}”`} onClick={() => void setArchived([v.id], !v.archivedAt, `“${v.title}”`)}>
          {v.archivedAt ? "Restore" : "Archive"}
        </LinkButton>
      ),
    },
  ];

  const rows = videos.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="flex flex-col gap-4">
      <FeedbackLine feedback={feedback} />
      {videos.isPending ? (
        <Spinner label="Loading videos" />
      ) : !videos.data ? (
        <ErrorMessage message={describeError(videos.error as ApiError)} onRetry={() => void videos.refetch()} />
      ) : (
        <DataGrid
          caption="Videos"
          exportName="videos"
          columns={columns}
          rows={pending.apply(rows)}
          rowKey={(v) => v.id}
          rowLabel={(v) => v.title}
          selection={{ selected, onChange: setSelected }}
          initialSort={{ column: "title", direction: "ascending" }}
          emptyText="No videos match these filters"
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
              <CheckboxField label="Show archived" checked={includeArchived} onChange={(event) => setIncludeArchived(event.target.checked)} />
              <BulkActions
                count={selected.size}
                busy={archive.isPending || archiveMany.isPending}
                onArchive={() => void setArchived([...selected], true, `${selected.size} videos`)}
                onRestore={() => void setArchived([...selected], false, `${selected.size} videos`)}
                onClear={() => setSelected(new Set())}
              />
            </>
          }
        />
      )}
      <ImportPanel kind="videos" />
    </div>
  );
}
