import { TextField } from "@glow/ui";
import { useState } from "react";
import { formProblems, formText } from "../../forms.ts";
import { trpc } from "../../trpc.ts";
import { CreateForm } from "./CreateForm.tsx";
import { CurationSection, CurationTable, RenameField } from "./CurationTable.tsx";
import { ShowArchived } from "./shared.tsx";

function CreateCategory() {
  const create = trpc.admin.reset.categories.create.useMutation();
  const problems = formProblems(create.error, ["name", "emoji", "description", "slug"]);

  function submit(data: FormData): Promise<unknown> {
    const slug = formText(data, "slug").trim();
    return create.mutateAsync({ name: formText(data, "name"), emoji: formText(data, "emoji"), description: formText(data, "description"), ...(slug ? { slug } : {}) });
  }

  return (
    <CreateForm title="Add a category" create={create} alert={problems.alert} added={(category) => `Added the category ${category.name}.`} submitLabel="Add category" onSubmit={submit}>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-[2fr_1fr_2fr]">
        <TextField label="Name" name="name" required error={problems.fields.name} />
        <TextField label="Emoji" name="emoji" maxLength={8} error={problems.fields.emoji} />
        <TextField label="Slug" name="slug" hint="Optional: made from the name" error={problems.fields.slug} />
      </div>
      <TextField label="Description" name="description" maxLength={200} error={problems.fields.description} />
    </CreateForm>
  );
}

export function CategoriesSection() {
  const [showArchived, setShowArchived] = useState(false);
  const [search, setSearch] = useState("");
  const categories = trpc.admin.reset.categories.list.useQuery({ includeArchived: showArchived });
  const update = trpc.admin.reset.categories.update.useMutation();
  const archive = trpc.admin.reset.categories.archive.useMutation();
  // The list is short: searched here, as the admin types.
  const needle = search.trim().toLowerCase();
  const shown = (categories.data ?? []).filter((c) => !needle || c.name.toLowerCase().includes(needle) || c.slug.includes(needle));

  return (
    <CurationSection title="Categories" description="What people pick from when they start, and what creators and videos belong to.">
      <CreateCategory />
      <div role="search" aria-label="Filter categories" className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <TextField label="Search categories" type="search" value={search} onChange={(event) => setSearch(event.target.value)} className="sm:w-72" />
        <ShowArchived checked={showArchived} onChange={setShowArchived} />
      </div>
      <CurationTable
        caption="Categories"
        plural="categories"
        query={categories}
        rows={shown}
        emptyTitle={needle ? `No categories match “${search.trim()}”` : "No categories yet"}
        name={(c) => c.name}
        archive={archive}
        rowProps={(c) => ({ "data-category": c.slug })}
        columns={[
          {
            header: "Category",
            rowHeader: true,
            render: (c) => (
              <span className="inline-flex items-baseline gap-1.5">
                <span aria-hidden="true">{c.emoji}</span>
                <RenameField update={update} id={c.id} field="name" value={c.name} label={`Name of ${c.name}`} />
              </span>
            ),
          },
          { header: "Slug", render: (c) => <code className="text-xs">{c.slug}</code> },
          { header: "Creators", numeric: true, render: (c) => c.creatorCount },
          { header: "Videos", numeric: true, render: (c) => c.videoCount },
        ]}
      />
    </CurationSection>
  );
}
