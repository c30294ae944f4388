import { formProblems, useTRPC } from "@glow/react";
import { TextField } from "@glow/ui";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { formText } from "../../forms.ts";
import { CreateForm } from "./CreateForm.tsx";
import { CurationSection, CurationTable, RenameField } from "./CurationTable.tsx";
import { ShowArchived } from "./shared.tsx";

function CreateCategory() {
  const trpc = useTRPC();
  const create = useMutation(trpc.admin.reset.categories.create.mutationOptions());
  const problems = formProblems(create.error, ["name", "emoji", "description", "slug"]);

  function submit(data: FormData): Promise<unknown> {
    const slug = formText(data, "slug").trim();
    return create.mutateAsync({
      name: formText(data, "name"),
      emoji: formText(data, "emoji"),
      description: formText(data, "description"),
      ...(slug ? { slug } : {}),
    });
  }

  return (
    <CreateForm
      title="Add a category"
      create={create}
      alert={problems.alert}
      added={(category) => `Added the category ${category.name}.`}
      submitLabel="Add category"
      onSubmit={submit}
    >
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
  const trpc = useTRPC();
  const [showArchived, setShowArchived] = useState(false);
  const [search, setSearch] = useState("");
  const categories = useQuery(trpc.admin.reset.categories.list.queryOptions({ includeArchived: showArchived }));
  const update = useMutation(trpc.admin.reset.categories.update.mutationOptions());
  const archive = useMutation(trpc.admin.reset.categories.archive.mutationOptions());

  return (
    <CurationSection title="Categories" description="What people pick from when they start, and what creators and videos belong to.">
      <CreateCategory />
      <div role="search" aria-label="Filter categories" className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <TextField
          label="Search categories"
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          className="sm:w-72"
        />
        <ShowArchived checked={showArchived} onChange={setShowArchived} />
      </div>
      <CurationTable
        caption="Categories"
        plural="categories"
        query={categories}
        filter={search}
        emptyTitle="No categories yet"
        name={(c) => c.name}
        archive={archive}
        rowProps={(c) => ({ "data-category": c.slug })}
        columns={[
          {
            header: "Category",
            rowHeader: true,
            value: (c) => c.name,
            render: (c) => (
              <span className="inline-flex items-baseline gap-1.5">
                <span aria-hidden="true">{c.emoji}</span>
                <RenameField update={update} id={c.id} field="name" value={c.name} label={`Name of ${c.name}`} />
              </span>
            ),
          },
          { header: "Slug", value: (c) => c.slug, render: (c) => <code className="text-xs">{c.slug}</code> },
          { header: "Creators", numeric: true, value: (c) => c.creatorCount },
          { header: "Videos", numeric: true, value: (c) => c.videoCount },
        ]}
      />
    </CurationSection>
  );
}
