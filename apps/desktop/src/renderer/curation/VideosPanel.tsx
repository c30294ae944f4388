import type { RouterOutputs } from "@glow/api/client";
import { CategoryFilter, useAllCategories, useTRPC } from "@glow/react";
import { type DataColumn, formatDuration, linkClassName } from "@glow/ui";
import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { CurationTable, useCurationTable } from "./CurationTable.tsx";
import { ImportPanel } from "./ImportPanel.tsx";
import { PAGE_SIZE, PAGED } from "./load-all.ts";
import { EditableText } from "./shared.tsx";

type Video = RouterOutputs["admin"]["reset"]["videos"]["list"]["items"][number];
type VideoChanges = Partial<Pick<Video, "title" | "durationSeconds">>;

export function VideosPanel() {
  const trpc = useTRPC();
  const [categoryId, setCategoryId] = useState("");
  const table = useCurationTable<Video, VideoChanges>({
    plural: "videos",
    name: (v) => `“${v.title}”`,
    writes: {
      update: useMutation(trpc.admin.reset.videos.update.mutationOptions()),
      archive: useMutation(trpc.admin.reset.videos.archive.mutationOptions()),
      archiveMany: useMutation(trpc.admin.reset.videos.archiveMany.mutationOptions()),
    },
  });
  const categories = useAllCategories();
  const videos = useInfiniteQuery(
    trpc.admin.reset.videos.list.infiniteQueryOptions(
      { limit: PAGE_SIZE, includeArchived: table.includeArchived, ...(categoryId ? { categoryId } : {}) },
      PAGED,
    ),
  );

  const columns: Array<DataColumn<Video>> = [
    table.textColumn("title", "Title", (v) => `Title of “${v.title}”`, { rowHeader: true }),
    { id: "creator", header: "Creator", value: (v) => `@${v.creatorHandle}` },
    { id: "category", header: "Category", value: (v) => categories.nameOf(v.categoryId) },
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
              await table.save(v, { durationSeconds: seconds });
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
  ];

  return (
    <CurationTable
      table={table}
      query={videos}
      columns={columns}
      caption="Videos"
      rowLabel={(v) => v.title}
      emptyText="No videos match these filters"
      filters={<CategoryFilter categories={categories.all} value={categoryId} onChange={setCategoryId} />}
    >
      <ImportPanel kind="videos" />
    </CurationTable>
  );
}
