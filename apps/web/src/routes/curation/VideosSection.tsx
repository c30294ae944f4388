import { errorMessage, formProblems, useAllCategories, useTRPC } from "@glow/react";
import { ExternalLink, formatDuration, SelectField, TextField } from "@glow/ui";
import { useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import { formText } from "../../forms.ts";
import { CreateForm } from "./CreateForm.tsx";
import { CurationSection, CurationTable, RenameField } from "./CurationTable.tsx";
import { SearchFilters, useListFilters } from "./shared.tsx";

function CreateVideo() {
  const trpc = useTRPC();
  // Videos come from curated creators only (the server refuses toxic ones).
  const creators = useQuery(trpc.admin.reset.creators.list.queryOptions({ toxic: false, limit: 100 }));
  const create = useMutation(trpc.admin.reset.videos.create.mutationOptions());
  const problems = formProblems(create.error, ["url", "title", "creatorId", "durationSeconds", "thumbnailUrl"]);

  function submit(data: FormData): Promise<unknown> {
    const duration = Number.parseInt(formText(data, "durationSeconds"), 10);
    const thumbnailUrl = formText(data, "thumbnailUrl").trim();
    return create.mutateAsync({
      url: formText(data, "url").trim(),
      title: formText(data, "title"),
      creatorId: formText(data, "creatorId"),
      durationSeconds: Number.isNaN(duration) ? 0 : duration,
      ...(thumbnailUrl ? { thumbnailUrl } : {}),
    });
  }

  return (
    <CreateForm
      title="Add a video"
      create={create}
      alert={problems.alert ?? (creators.error ? `Creators could not be loaded: ${errorMessage(creators.error)}` : null)}
      added={(video) => `Added “${video.title}”.`}
      submitLabel="Add video"
      onSubmit={submit}
    >
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
        <TextField
          label="Link"
          name="url"
          type="url"
          placeholder="https://www.tiktok.com/@handle/video/…"
          required
          error={problems.fields.url}
        />
        <TextField label="Title" name="title" required error={problems.fields.title} />
        <SelectField
          label="Creator"
          name="creatorId"
          defaultValue=""
          required
          error={problems.fields.creatorId}
          hint="Its category follows the creator's."
        >
          <option value="" disabled>
            {creators.isLoading ? "Loading creators…" : "Choose a creator"}
          </option>
          {(creators.data?.items ?? []).map((creator) => (
            <option key={creator.id} value={creator.id}>
              @{creator.handle} ({creator.displayName})
            </option>
          ))}
        </SelectField>
        <TextField
          label="Length in seconds"
          name="durationSeconds"
          type="number"
          inputMode="numeric"
          min={1}
          max={3600}
          required
          error={problems.fields.durationSeconds}
        />
      </div>
      <TextField
        label="Thumbnail"
        name="thumbnailUrl"
        hint="Optional: the category's picture by default"
        error={problems.fields.thumbnailUrl}
      />
    </CreateForm>
  );
}

export function VideosSection() {
  const trpc = useTRPC();
  const { all, nameOf } = useAllCategories();
  const filters = useListFilters();
  const videos = useInfiniteQuery(
    trpc.admin.reset.videos.list.infiniteQueryOptions({ limit: 25, ...filters.input }, { getNextPageParam: (page) => page.nextCursor }),
  );
  const update = useMutation(trpc.admin.reset.videos.update.mutationOptions());
  const archive = useMutation(trpc.admin.reset.videos.archive.mutationOptions());

  return (
    <CurationSection title="Videos" description="Curated videos offered on the Watch step, in the categories people picked.">
      <CreateVideo />
      <SearchFilters plural="videos" placeholder="Title" gridClassName="sm:grid-cols-[2fr_1.5fr_auto]" filters={filters} categories={all} />
      <CurationTable
        caption="Videos"
        plural="videos"
        query={videos}
        emptyTitle="No videos match these filters"
        name={(v) => `“${v.title}”`}
        archive={archive}
        rowProps={(v) => ({ "data-video": v.id })}
        columns={[
          {
            header: "Video",
            rowHeader: true,
            value: (v) => v.title,
            render: (v) => <RenameField update={update} id={v.id} field="title" value={v.title} label={`Title of “${v.title}”`} />,
          },
          {
            header: "Creator",
            value: (v) => `@${v.creatorHandle}`,
            render: (v) => <span className="break-words">@{v.creatorHandle}</span>,
          },
          { header: "Category", value: (v) => nameOf(v.categoryId) },
          { header: "Length", numeric: true, value: (v) => v.durationSeconds, render: (v) => formatDuration(v.durationSeconds) },
          {
            header: "Link",
            value: (v) => v.url,
            render: (v) => (
              <ExternalLink href={v.url}>
                Open<span className="sr-only"> “{v.title}” on TikTok</span>
              </ExternalLink>
            ),
          },
        ]}
      />
    </CurationSection>
  );
}
