import { Button, Card, CheckboxField, DataTable, EmptyState, ErrorMessage, ExternalLink, FormError, InlineEdit, Notice, SelectField, Spinner, TextField } from "@glow/ui";
import { useRef, useState, type FormEvent } from "react";
import { formatDuration } from "../../format.ts";
import { formProblems, formText, useFocusFirstInvalid } from "../../forms.ts";
import { errorMessage, trpc } from "../../trpc.ts";
import { ArchiveButton, CreateFormFrame, inlineError, StatusBadge, useAllCategories, useCatalogChanged, type CuratedVideo } from "./shared.tsx";

function CreateVideo() {
  const formRef = useRef<HTMLFormElement>(null);
  const changed = useCatalogChanged();
  // Videos come from curated creators only (the server refuses toxic ones).
  const creators = trpc.admin.reset.creators.list.useQuery({ toxic: false, limit: 100 });
  const create = trpc.admin.reset.videos.create.useMutation({
    onSuccess: () => {
      formRef.current?.reset();
      changed();
    },
  });
  const problems = formProblems(create.error, ["url", "title", "creatorId", "durationSeconds", "thumbnailUrl"]);
  useFocusFirstInvalid(formRef, create.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const duration = Number.parseInt(formText(data, "durationSeconds"), 10);
    const thumbnailUrl = formText(data, "thumbnailUrl").trim();
    create.mutate({
      url: formText(data, "url").trim(),
      title: formText(data, "title"),
      creatorId: formText(data, "creatorId"),
      durationSeconds: Number.isNaN(duration) ? 0 : duration,
      ...(thumbnailUrl ? { thumbnailUrl } : {}),
    });
  }

  return (
    <CreateFormFrame title="Add a video">
      <form ref={formRef} noValidate onSubmit={submit} aria-label="Add a video" className="flex flex-col gap-3">
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <TextField label="Link" name="url" type="url" placeholder="https://www.tiktok.com/@handle/video/…" required error={problems.fields.url} />
          <TextField label="Title" name="title" required error={problems.fields.title} />
          <SelectField label="Creator" name="creatorId" defaultValue="" required error={problems.fields.creatorId} hint="Its category follows the creator's.">
            <option value="" disabled>
              {creators.isLoading ? "Loading creators…" : "Choose a creator"}
            </option>
            {(creators.data?.items ?? []).map((creator) => (
              <option key={creator.id} value={creator.id}>
                @{creator.handle} ({creator.displayName})
              </option>
            ))}
          </SelectField>
          <TextField label="Length in seconds" name="durationSeconds" type="number" inputMode="numeric" min={1} max={3600} required error={problems.fields.durationSeconds} />
        </div>
        <TextField label="Thumbnail" name="thumbnailUrl" hint="Optional: the category's picture by default" error={problems.fields.thumbnailUrl} />
        <FormError message={problems.alert ?? (creators.error ? `Creators could not be loaded: ${errorMessage(creators.error)}` : null)} />
        {create.data && !create.isPending && !create.error && <Notice tone="success">Added “{create.data.title}”.</Notice>}
        <Button type="submit" className="self-start" busy={create.isPending}>
          Add video
        </Button>
      </form>
    </CreateFormFrame>
  );
}

export function VideosSection() {
  const { all, nameOf } = useAllCategories();
  const [search, setSearch] = useState("");
  const [categoryId, setCategoryId] = useState("");
  const [showArchived, setShowArchived] = useState(false);
  const videos = trpc.admin.reset.videos.list.useInfiniteQuery(
    { limit: 25, includeArchived: showArchived, ...(search ? { search } : {}), ...(categoryId ? { categoryId } : {}) },
    { getNextPageParam: (page) => page.nextCursor },
  );
  const changed = useCatalogChanged();
  const update = trpc.admin.reset.videos.update.useMutation({ onSuccess: changed });
  const archive = trpc.admin.reset.videos.archive.useMutation({ onSuccess: changed });
  const items = videos.data?.pages.flatMap((page) => page.items) ?? [];

  function searchFor(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSearch(formText(new FormData(event.currentTarget), "search").trim());
  }

  return (
    <Card title="Videos" description="Curated videos offered on the Watch step, in the categories people picked.">
      <div className="flex flex-col gap-4">
        <CreateVideo />
        <form role="search" aria-label="Filter videos" onSubmit={searchFor} className="grid grid-cols-1 gap-3 sm:grid-cols-[2fr_1.5fr_auto] sm:items-end">
          <div className="flex items-end gap-2">
            <TextField label="Search videos" name="search" type="search" placeholder="Title" className="min-w-0 flex-1" />
            <Button type="submit" variant="secondary">
              Search
            </Button>
          </div>
          <SelectField label="Category" value={categoryId} onChange={(event) => setCategoryId(event.target.value)}>
            <option value="">All categories</option>
            {all.map((category) => (
              <option key={category.id} value={category.id}>
                {category.name}
              </option>
            ))}
          </SelectField>
          <CheckboxField label="Show archived" checked={showArchived} onChange={(event) => setShowArchived(event.target.checked)} className="sm:pb-2" />
        </form>
        {videos.isLoading && <Spinner label="Loading videos" />}
        {videos.error && <ErrorMessage message={errorMessage(videos.error)} onRetry={() => void videos.refetch()} />}
        {videos.data && items.length === 0 && <EmptyState title="No videos match these filters" />}
        {items.length > 0 && (
          <DataTable<CuratedVideo>
            caption="Videos"
            hideCaption
            columns={[
              {
                header: "Video",
                rowHeader: true,
                render: (v) => (
                  <InlineEdit
                    value={v.title}
                    label={`Title of “${v.title}”`}
                    editLabel="Rename"
                    onSave={(title) => update.mutateAsync({ id: v.id, title })}
                    error={inlineError(update, v.id, "title")}
                    busy={update.isPending && update.variables?.id === v.id}
                  />
                ),
              },
              { header: "Creator", render: (v) => <span className="break-words">@{v.creatorHandle}</span> },
              { header: "Category", render: (v) => nameOf(v.categoryId) },
              { header: "Length", numeric: true, render: (v) => formatDuration(v.durationSeconds) },
              {
                header: "Link",
                render: (v) => (
                  <ExternalLink href={v.url}>
                    Open<span className="sr-only"> “{v.title}” on TikTok</span>
                  </ExternalLink>
                ),
              },
              { header: "Status", render: (v) => <StatusBadge archivedAt={v.archivedAt} /> },
              {
                header: "Actions",
                render: (v) => (
                  <ArchiveButton
                    name={`“${v.title}”`}
                    archived={v.archivedAt !== null}
                    busy={archive.isPending && archive.variables?.id === v.id}
                    onToggle={() => archive.mutate({ id: v.id, archived: v.archivedAt === null })}
                  />
                ),
              },
            ]}
            rows={items}
            rowKey={(v) => v.id}
            rowProps={(v) => ({ "data-video": v.id })}
          />
        )}
        <FormError message={archive.error ? `Could not change it: ${errorMessage(archive.error)}` : null} />
        {videos.hasNextPage && (
          <Button variant="secondary" className="self-center" busy={videos.isFetchingNextPage} onClick={() => void videos.fetchNextPage()}>
            Load more videos
          </Button>
        )}
      </div>
    </Card>
  );
}
