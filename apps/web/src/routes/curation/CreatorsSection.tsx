import { formProblems, useAllCategories, useTRPC } from "@glow/react";
import { Badge, CheckboxField, SelectField, TextField } from "@glow/ui";
import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { formText } from "../../forms.ts";
import { CreateForm } from "./CreateForm.tsx";
import { CurationSection, CurationTable, RenameField } from "./CurationTable.tsx";
import { SearchFilters, useListFilters, type CuratedCategory } from "./shared.tsx";

type ToxicFilter = "" | "toxic" | "curated";

function CreateCreator({ categories }: { categories: CuratedCategory[] }) {
  const trpc = useTRPC();
  const [toxic, setToxic] = useState(false);
  const create = useMutation(trpc.admin.reset.creators.create.mutationOptions());
  const problems = formProblems(create.error, ["handle", "displayName", "categoryId", "isToxic", "toxicityReason"]);

  function submit(data: FormData): Promise<unknown> {
    return create.mutateAsync({
      handle: formText(data, "handle"),
      displayName: formText(data, "displayName"),
      categoryId: formText(data, "categoryId"),
      isToxic: toxic,
      ...(toxic ? { toxicityReason: formText(data, "toxicityReason") } : {}),
    });
  }

  return (
    <CreateForm
      title="Add a creator"
      create={create}
      onCreated={() => setToxic(false)}
      alert={problems.alert}
      added={(creator) => `Added @${creator.handle}.`}
      submitLabel="Add creator"
      onSubmit={submit}
    >
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
      {toxic && (
        <TextField
          label="Why is this creator toxic?"
          name="toxicityReason"
          maxLength={200}
          required
          error={problems.fields.toxicityReason}
        />
      )}
    </CreateForm>
  );
}

export function CreatorsSection() {
  const trpc = useTRPC();
  const { all, active, nameOf } = useAllCategories();
  const filters = useListFilters();
  const [toxic, setToxic] = useState<ToxicFilter>("");
  const creators = useInfiniteQuery(
    trpc.admin.reset.creators.list.infiniteQueryOptions(
      { limit: 25, ...filters.input, ...(toxic ? { toxic: toxic === "toxic" } : {}) },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const update = useMutation(trpc.admin.reset.creators.update.mutationOptions());
  const archive = useMutation(trpc.admin.reset.creators.archive.mutationOptions());

  return (
    <CurationSection title="Creators" description="Curated creators make the videos people watch; toxic ones are offered for blocking.">
      <CreateCreator categories={active} />
      <SearchFilters
        plural="creators"
        placeholder="Handle or name"
        gridClassName="sm:grid-cols-[2fr_1.5fr_1fr_auto]"
        filters={filters}
        categories={all}
      >
        <SelectField label="Flag" value={toxic} onChange={(event) => setToxic(event.target.value as ToxicFilter)}>
          <option value="">All</option>
          <option value="toxic">Toxic</option>
          <option value="curated">Not toxic</option>
        </SelectField>
      </SearchFilters>
      <CurationTable
        caption="Creators"
        plural="creators"
        query={creators}
        emptyTitle="No creators match these filters"
        name={(c) => `@${c.handle}`}
        archive={archive}
        rowProps={(c) => ({ "data-creator": c.handle })}
        columns={[
          {
            header: "Creator",
            rowHeader: true,
            value: (c) => c.displayName,
            render: (c) => (
              <RenameField update={update} id={c.id} field="displayName" value={c.displayName} label={`Display name of @${c.handle}`} />
            ),
          },
          { header: "Handle", value: (c) => `@${c.handle}`, render: (c) => <span className="break-words">@{c.handle}</span> },
          { header: "Category", value: (c) => nameOf(c.categoryId) },
          {
            header: "Flag",
            value: (c) => (c.isToxic ? `toxic: ${c.toxicityReason ?? ""}` : "curated"),
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
          { header: "Videos", numeric: true, value: (c) => c.videoCount },
        ]}
      />
    </CurationSection>
  );
}
