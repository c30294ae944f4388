import { Button, Card, CheckboxField, DataTable, EmptyState, ErrorMessage, FormError, InlineEdit, Notice, Spinner, TextField } from "@glow/ui";
import { useRef, useState, type FormEvent } from "react";
import { formProblems, formText, useFocusFirstInvalid } from "../../forms.ts";
import { errorMessage, trpc } from "../../trpc.ts";
import { ArchiveButton, CreateFormFrame, inlineError, StatusBadge, useCatalogChanged, type CuratedCategory } from "./shared.tsx";

function CreateCategory() {
  const formRef = useRef<HTMLFormElement>(null);
  const changed = useCatalogChanged();
  const create = trpc.admin.reset.categories.create.useMutation({
    onSuccess: () => {
      formRef.current?.reset();
      changed();
    },
  });
  const problems = formProblems(create.error, ["name", "emoji", "description", "slug"]);
  useFocusFirstInvalid(formRef, create.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const slug = formText(data, "slug").trim();
    create.mutate({ name: formText(data, "name"), emoji: formText(data, "emoji"), description: formText(data, "description"), ...(slug ? { slug } : {}) });
  }

  return (
    <CreateFormFrame title="Add a category">
      <form ref={formRef} noValidate onSubmit={submit} aria-label="Add a category" className="flex flex-col gap-3">
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-[2fr_1fr_2fr]">
          <TextField label="Name" name="name" required error={problems.fields.name} />
          <TextField label="Emoji" name="emoji" maxLength={8} error={problems.fields.emoji} />
          <TextField label="Slug" name="slug" hint="Optional: made from the name" error={problems.fields.slug} />
        </div>
        <TextField label="Description" name="description" maxLength={200} error={problems.fields.description} />
        <FormError message={problems.alert} />
        {create.data && !create.isPending && !create.error && <Notice tone="success">Added the category {create.data.name}.</Notice>}
        <Button type="submit" className="self-start" busy={create.isPending}>
          Add category
        </Button>
      </form>
    </CreateFormFrame>
  );
}

export function CategoriesSection() {
  const [showArchived, setShowArchived] = useState(false);
  const [search, setSearch] = useState("");
  const categories = trpc.admin.reset.categories.list.useQuery({ includeArchived: showArchived });
  const changed = useCatalogChanged();
  const update = trpc.admin.reset.categories.update.useMutation({ onSuccess: changed });
  const archive = trpc.admin.reset.categories.archive.useMutation({ onSuccess: changed });
  const needle = search.trim().toLowerCase();
  const shown = (categories.data ?? []).filter((c) => !needle || c.name.toLowerCase().includes(needle) || c.slug.includes(needle));

  return (
    <Card title="Categories" description="What people pick from when they start, and what creators and videos belong to.">
      <div className="flex flex-col gap-4">
        <CreateCategory />
        <div role="search" aria-label="Filter categories" className="flex flex-col gap-3 sm:flex-row sm:items-end">
          <TextField label="Search categories" type="search" value={search} onChange={(event) => setSearch(event.target.value)} className="sm:w-72" />
          <CheckboxField label="Show archived" checked={showArchived} onChange={(event) => setShowArchived(event.target.checked)} className="sm:pb-2" />
        </div>
        {categories.isLoading && <Spinner label="Loading categories" />}
        {categories.error && <ErrorMessage message={errorMessage(categories.error)} onRetry={() => void categories.refetch()} />}
        {categories.data && shown.length === 0 && <EmptyState title={needle ? `No categories match “${search.trim()}”` : "No categories yet"} />}
        {shown.length > 0 && (
          <DataTable<CuratedCategory>
            caption="Categories"
            hideCaption
            columns={[
              {
                header: "Category",
                rowHeader: true,
                render: (c) => (
                  <span className="inline-flex items-baseline gap-1.5">
                    <span aria-hidden="true">{c.emoji}</span>
                    <InlineEdit
                      value={c.name}
                      label={`Name of ${c.name}`}
                      editLabel="Rename"
                      onSave={(name) => update.mutateAsync({ id: c.id, name })}
                      error={inlineError(update, c.id, "name")}
                      busy={update.isPending && update.variables?.id === c.id}
                    />
                  </span>
                ),
              },
              { header: "Slug", render: (c) => <code className="text-xs">{c.slug}</code> },
              { header: "Creators", numeric: true, render: (c) => c.creatorCount },
              { header: "Videos", numeric: true, render: (c) => c.videoCount },
              { header: "Status", render: (c) => <StatusBadge archivedAt={c.archivedAt} /> },
              {
                header: "Actions",
                render: (c) => (
                  <ArchiveButton
                    name={c.name}
                    archived={c.archivedAt !== null}
                    busy={archive.isPending && archive.variables?.id === c.id}
                    onToggle={() => archive.mutate({ id: c.id, archived: c.archivedAt === null })}
                  />
                ),
              },
            ]}
            rows={shown}
            rowKey={(c) => c.id}
            rowProps={(c) => ({ "data-category": c.slug })}
          />
        )}
        <FormError message={archive.error ? `Could not change it: ${errorMessage(archive.error)}` : null} />
      </div>
    </Card>
  );
}
