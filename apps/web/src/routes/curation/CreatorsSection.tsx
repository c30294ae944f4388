import { Badge, Button, Card, CheckboxField, DataTable, EmptyState, ErrorMessage, FormError, InlineEdit, Notice, SelectField, Spinner, TextField } from "@glow/ui";
import { useRef, useState, type FormEvent } from "react";
import { formProblems, formText, useFocusFirstInvalid } from "../../forms.ts";
import { errorMessage, trpc } from "../../trpc.ts";
import { ArchiveButton, CreateFormFrame, inlineError, StatusBadge, useAllCategories, useCatalogChanged, type CuratedCategory, type CuratedCreator } from "./shared.tsx";

type ToxicFilter = "" | "toxic" | "curated";

function CreateCreator({ categories }: { categories: CuratedCategory[] }) {
  const formRef = useRef<HTMLFormElement>(null);
  const [toxic, setToxic] = useState(false);
  const changed = useCatalogChanged();
  const create = trpc.admin.reset.creators.create.useMutation({
    onSuccess: () => {
      formRef.current?.reset();
      setToxic(false);
      changed();
    },
  });
  const problems = formProblems(create.error, ["handle", "displayName", "categoryId", "isToxic", "toxicityReason"]);
  useFocusFirstInvalid(formRef, create.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    create.mutate({
      handle: formText(data, "handle"),
      displayName: formText(data, "displayName"),
      categoryId: formText(data, "categoryId"),
      isToxic: toxic,
      ...(toxic ? { toxicityReason: formText(data, "toxicityReason") } : {}),
    });
  }

  return (
    <CreateFormFrame title="Add a creator">
      <form ref={formRef} noValidate onSubmit={submit} aria-label="Add a creator" className="flex flex-col gap-3">
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
          <TextField label="Handle" name="handle" placeholder="@handle" autoComplete="off" required error={problems.fields.handle} />
          <TextField label="Display name" name="displayName" autoComplete="off" required error={problems.fields.displayName} />
          <SelectField label="Category" name="categoryId" defaultValue="" required error={problems.fields.categoryId}>
            <option value="" disabled>
              Choose a category
            </option>
            {categories.map((category) => (
              <option key={category.id} value={category.id}>
                {category.name}
              </option>
            ))}
          </SelectField>
        </div>
        <CheckboxField
          label="Flag as toxic"
          name="isToxic"
          checked={toxic}
          onChange={(event) => setToxic(event.target.checked)}
          hint="Toxic creators are offered for blocking on the Clear step, and their videos are never recommended."
        />
        {toxic && <TextField label="Why is this creator toxic?" name="toxicityReason" maxLength={200} required error={problems.fields.toxicityReason} />}
        <FormError message={problems.alert} />
        {create.data && !create.isPending && !create.error && <Notice tone="success">Added @{create.data.handle}.</Notice>}
        <Button type="submit" className="self-start" busy={create.isPending}>
          Add creator
        </Button>
      </form>
    </CreateFormFrame>
  );
}

export function CreatorsSection() {
  const { all, active, nameOf } = useAllCategories();
  const [search, setSearch] = useState("");
  const [categoryId, setCategoryId] = useState("");
  const [toxic, setToxic] = useState<ToxicFilter>("");
  const [showArchived, setShowArchived] = useState(false);
  const creators = trpc.admin.reset.creators.list.useInfiniteQuery(
    {
      limit: 25,
      includeArchived: showArchived,
      ...(search ? { search } : {}),
      ...(categoryId ? { categoryId } : {}),
      ...(toxic ? { toxic: toxic === "toxic" } : {}),
    },
    { getNextPageParam: (page) => page.nextCursor },
  );
  const changed = useCatalogChanged();
  const update = trpc.admin.reset.creators.update.useMutation({ onSuccess: changed });
  const archive = trpc.admin.reset.creators.archive.useMutation({ onSuccess: changed });
  const items = creators.data?.pages.flatMap((page) => page.items) ?? [];

  function searchFor(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSearch(formText(new FormData(event.currentTarget), "search").trim());
  }

  return (
    <Card title="Creators" description="Curated creators make the videos people watch; toxic ones are offered for blocking.">
      <div className="flex flex-col gap-4">
        <CreateCreator categories={active} />
        <form role="search" aria-label="Filter creators" onSubmit={searchFor} className="grid grid-cols-1 gap-3 sm:grid-cols-[2fr_1.5fr_1fr_auto] sm:items-end">
          <div className="flex items-end gap-2">
            <TextField label="Search creators" name="search" type="search" placeholder="Handle or name" className="min-w-0 flex-1" />
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
          <SelectField label="Flag" value={toxic} onChange={(event) => setToxic(event.target.value as ToxicFilter)}>
            <option value="">All</option>
            <option value="toxic">Toxic</option>
            <option value="curated">Not toxic</option>
          </SelectField>
          <CheckboxField label="Show archived" checked={showArchived} onChange={(event) => setShowArchived(event.target.checked)} className="sm:pb-2" />
        </form>
        {creators.isLoading && <Spinner label="Loading creators" />}
        {creators.error && <ErrorMessage message={errorMessage(creators.error)} onRetry={() => void creators.refetch()} />}
        {creators.data && items.length === 0 && <EmptyState title="No creators match these filters" />}
        {items.length > 0 && (
          <DataTable<CuratedCreator>
            caption="Creators"
            hideCaption
            columns={[
              {
                header: "Creator",
                rowHeader: true,
                render: (c) => (
                  <InlineEdit
                    value={c.displayName}
                    label={`Display name of @${c.handle}`}
                    editLabel="Rename"
                    onSave={(displayName) => update.mutateAsync({ id: c.id, displayName })}
                    error={inlineError(update, c.id, "displayName")}
                    busy={update.isPending && update.variables?.id === c.id}
                  />
                ),
              },
              { header: "Handle", render: (c) => <span className="break-words">@{c.handle}</span> },
              { header: "Category", render: (c) => nameOf(c.categoryId) },
              {
                header: "Flag",
                render: (c) =>
                  c.isToxic ? (
                    <span className="flex flex-col items-end gap-1 sm:items-start">
                      <Badge tone="danger">Toxic</Badge>
                      {c.toxicityReason && <span className="text-xs text-slate-600">{c.toxicityReason}</span>}
                    </span>
                  ) : (
                    <Badge tone="glow">Curated</Badge>
                  ),
              },
              { header: "Videos", numeric: true, render: (c) => c.videoCount },
              { header: "Status", render: (c) => <StatusBadge archivedAt={c.archivedAt} /> },
              {
                header: "Actions",
                render: (c) => (
                  <ArchiveButton
                    name={`@${c.handle}`}
                    archived={c.archivedAt !== null}
                    busy={archive.isPending && archive.variables?.id === c.id}
                    onToggle={() => archive.mutate({ id: c.id, archived: c.archivedAt === null })}
                  />
                ),
              },
            ]}
            rows={items}
            rowKey={(c) => c.id}
            rowProps={(c) => ({ "data-creator": c.handle })}
          />
        )}
        <FormError message={archive.error ? `Could not change it: ${errorMessage(archive.error)}` : null} />
        {creators.hasNextPage && (
          <Button variant="secondary" className="self-center" busy={creators.isFetchingNextPage} onClick={() => void creators.fetchNextPage()}>
            Load more creators
          </Button>
        )}
      </div>
    </Card>
  );
}
