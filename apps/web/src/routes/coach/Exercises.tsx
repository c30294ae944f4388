// /coach/exercises (staff): Glow's library and the business's own exercises, searched and
// filtered by muscle group; the business's own created and changed here, videos included.
import { errorMessage, useTRPC, type MyOrganization } from "@glow/react";
import { Badge, Button, Card, EmptyState, ErrorMessage, Notice, SelectField, Spinner, TextField } from "@glow/ui";
import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";
import { useMemo, useState, type FormEvent } from "react";
import { ExerciseForm, type Exercise } from "../../components/coach/ExerciseForm.tsx";
import { codeName } from "../../components/coach/names.ts";
import { formText, usePageTitle } from "../../forms.ts";
import { CoachHeading, RequireOrg } from "../orgs/RequireOrg.tsx";

const DIFFICULTY_NAMES: Record<number, string> = { 1: "Beginner", 2: "Intermediate", 3: "Advanced" };

function ExerciseRow({ exercise, onEdit }: { exercise: Exercise; onEdit?: () => void }) {
  return (
    <article className="flex min-w-0 flex-col gap-2 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200" data-exercise={exercise.id}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h2 className="font-semibold text-slate-900">{exercise.name}</h2>
          <p className="text-sm text-slate-600">
            {exercise.muscleGroups.join(", ")} · {DIFFICULTY_NAMES[exercise.difficulty] ?? `Level ${exercise.difficulty}`} ·{" "}
            {exercise.measure === "time" ? "timed" : "reps"}
            {exercise.equipment.length > 0 && <> · {exercise.equipment.join(", ")}</>}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {exercise.library ? <Badge tone="glow">Glow library</Badge> : <Badge>Yours</Badge>}
          {exercise.hasVideo ? <Badge tone="success">Video</Badge> : <Badge>No video</Badge>}
          {exercise.archivedAt && <Badge tone="warning">Archived</Badge>}
          {onEdit && (
            <Button variant="secondary" className="py-1" onClick={onEdit} aria-label={`Edit ${exercise.name}`}>
              Edit
            </Button>
          )}
        </div>
      </div>
      {exercise.description && <p className="text-sm text-slate-600">{exercise.description}</p>}
      {exercise.contraindications.length > 0 && (
        <p className="text-sm text-slate-600">Not safe with: {exercise.contraindications.map(codeName).join(", ")}</p>
      )}
    </article>
  );
}

function ExerciseLibrary({ org }: { org: MyOrganization }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState("");
  const [muscleGroup, setMuscleGroup] = useState("");
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const exercises = useInfiniteQuery(
    trpc.coach.exercises.list.infiniteQueryOptions(
      { orgId: org.id, limit: 100, ...(search ? { search } : {}), ...(muscleGroup ? { muscleGroup } : {}) },
      { getNextPageParam: (page) => page.nextCursor, placeholderData: keepPreviousData },
    ),
  );
  const items = useMemo(() => exercises.data?.pages.flatMap((page) => page.items) ?? [], [exercises.data]);
  // The groups of what is loaded (the whole library fits in a page or two), plus the one chosen.
  const [groups, setGroups] = useState<string[]>([]);
  const known = useMemo(
    () => [...new Set([...groups, ...items.flatMap((e) => e.muscleGroups), ...(muscleGroup ? [muscleGroup] : [])])].sort(),
    [groups, items, muscleGroup],
  );
  if (known.length > groups.length) setGroups(known);

  function find(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSearch(formText(new FormData(event.currentTarget), "search").trim());
  }

  function done(exercise: Exercise) {
    setEditing(null);
    setSaved(`Saved ${exercise.name}.`);
  }

  return (
    <>
      <CoachHeading
        org={org}
        title="Exercises"
        intro="Glow's library and your own. Programs pick from both; your own can carry your videos."
      >
        <Button
          onClick={() => {
            setSaved(null);
            setEditing("new");
          }}
        >
          New exercise
        </Button>
      </CoachHeading>
      {saved && (
        <Notice tone="success">
          <p>{saved}</p>
        </Notice>
      )}
      {editing === "new" && (
        <Card title="New exercise">
          <ExerciseForm orgId={org.id} onSaved={done} onCancel={() => setEditing(null)} />
        </Card>
      )}
      <div className="flex flex-col gap-3 sm:flex-row sm:items-end">
        <form role="search" onSubmit={find} className="flex flex-col gap-3 sm:flex-row sm:items-end">
          <TextField label="Search exercises" name="search" type="search" placeholder="Name" className="sm:w-64" maxLength={100} />
          <Button type="submit" variant="secondary">
            Search
          </Button>
        </form>
        <SelectField label="Muscle group" value={muscleGroup} onChange={(event) => setMuscleGroup(event.target.value)} className="sm:w-48">
          <option value="">All</option>
          {known.map((group) => (
            <option key={group} value={group}>
              {codeName(group)}
            </option>
          ))}
        </SelectField>
      </div>
      {exercises.isLoading && <Spinner label="Loading exercises" />}
      {exercises.error && <ErrorMessage message={errorMessage(exercises.error)} onRetry={() => void exercises.refetch()} />}
      {exercises.data && items.length === 0 && (
        <EmptyState title={search || muscleGroup ? "No exercise matches" : "No exercises yet"}>
          {search || muscleGroup ? "Try another name or muscle group." : "Create your first one with New exercise."}
        </EmptyState>
      )}
      {items.length > 0 && (
        <ul aria-label="Exercises" className="flex flex-col gap-3">
          {items.map((exercise) => (
            <li key={exercise.id}>
              {editing === exercise.id ? (
                <Card title={`Edit ${exercise.name}`}>
                  <ExerciseForm orgId={org.id} exercise={exercise} onSaved={done} onCancel={() => setEditing(null)} />
                </Card>
              ) : (
                <ExerciseRow
                  exercise={exercise}
                  {...(exercise.library
                    ? {}
                    : {
                        onEdit: () => {
                          setSaved(null);
                          setEditing(exercise.id);
                        },
                      })}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {exercises.hasNextPage && (
        <Button
          variant="secondary"
          className="self-center"
          busy={exercises.isFetchingNextPage}
          onClick={() => void exercises.fetchNextPage()}
        >
          Load more
        </Button>
      )}
    </>
  );
}

export function ExercisesPage() {
  usePageTitle("Exercises");
  return (
    <RequireOrg role="staff" screen="The exercises page">
      {(org) => <ExerciseLibrary key={org.id} org={org} />}
    </RequireOrg>
  );
}
