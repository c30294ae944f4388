// Create or change one of the business's own exercises (coach.exercises.create / update),
// its video included; the server's refusals beside their fields.
import type { RouterInputs, RouterOutputs } from "@glow/api/client";
import { formProblems, useTRPC } from "@glow/react";
import { Button, CheckboxField, FormError, SelectField, TextField } from "@glow/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { useFocusFirstInvalid } from "../../forms.ts";
import { codeName } from "./names.ts";
import { VideoUpload, type VideoChoice } from "./VideoUpload.tsx";

export type Exercise = RouterOutputs["coach"]["exercises"]["list"]["items"][number];
type Contraindication = RouterInputs["coach"]["exercises"]["create"]["contraindications"] extends (infer C)[] | undefined ? C : never;

/** Every limitation an exercise can be unsafe for (the server's CONTRAINDICATIONS; the check below keeps the list whole). */
export const CONTRAINDICATIONS = [
  "knee",
  "lower_back",
  "shoulder",
  "wrist",
  "ankle",
  "hip",
  "neck",
  "pregnancy",
  "hypertension",
] as const satisfies readonly Contraindication[];
// Fails to compile when the server knows a contraindication this list lacks.
const complete: [Exclude<Contraindication, (typeof CONTRAINDICATIONS)[number]>] extends [never] ? true : false = true;
void complete;

export const DIFFICULTIES = [
  { value: "1", label: "1 · Beginner" },
  { value: "2", label: "2 · Intermediate" },
  { value: "3", label: "3 · Advanced" },
] as const;

const FIELDS = [
  "name",
  "description",
  "muscleGroups",
  "equipment",
  "difficulty",
  "contraindications",
  "measure",
  "videoKey",
  "file",
] as const;

/** "chest, triceps" → ["chest", "triceps"]. */
const list = (text: string) =>
  text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);

export function ExerciseForm({
  orgId,
  exercise,
  onSaved,
  onCancel,
}: {
  orgId: string;
  /** The exercise to change; a new one when absent. */
  exercise?: Exercise;
  onSaved: (saved: Exercise) => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const [contraindications, setContraindications] = useState<string[]>(exercise?.contraindications ?? []);
  const [video, setVideo] = useState<VideoChoice>({ kind: "keep" });
  const [uploading, setUploading] = useState(false);
  const saved = async (row: Exercise) => {
    await queryClient.invalidateQueries(trpc.coach.exercises.list.pathFilter());
    onSaved(row);
  };
  const create = useMutation(trpc.coach.exercises.create.mutationOptions({ onSuccess: saved }));
  const update = useMutation(trpc.coach.exercises.update.mutationOptions({ onSuccess: saved }));
  const save = exercise ? update : create;
  const problems = formProblems(save.error, FIELDS);
  useFocusFirstInvalid(formRef, save.error);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const text = (name: string) => String(data.get(name) ?? "");
    const fields = {
      name: text("name"),
      description: text("description"),
      muscleGroups: list(text("muscleGroups")),
      equipment: list(text("equipment")),
      difficulty: Number(text("difficulty")),
      contraindications: contraindications as Contraindication[],
      measure: text("measure") === "time" ? ("time" as const) : ("reps" as const),
    };
    if (exercise) {
      update.mutate({
        orgId,
        exerciseId: exercise.id,
        ...fields,
        ...(video.kind === "uploaded" ? { videoKey: video.key } : video.kind === "remove" ? { videoKey: null, videoSeconds: null } : {}),
      });
    } else {
      create.mutate({ orgId, ...fields, ...(video.kind === "uploaded" ? { videoKey: video.key } : {}) });
    }
  }

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={submit}
      aria-label={exercise ? `Edit ${exercise.name}` : "New exercise"}
      className="flex flex-col gap-4"
      data-exercise-form
    >
      <TextField label="Name" name="name" defaultValue={exercise?.name ?? ""} required maxLength={120} error={problems.fields.name} />
      <TextField
        label="Description"
        name="description"
        defaultValue={exercise?.description ?? ""}
        maxLength={2000}
        error={problems.fields.description}
      />
      <div className="grid grid-cols-1 gap-4 sm:grid-cols-2">
        <TextField
          label="Muscle groups"
          name="muscleGroups"
          hint="Separated by commas, e.g. legs, glutes"
          defaultValue={exercise?.muscleGroups.join(", ") ?? ""}
          error={problems.fields.muscleGroups}
        />
        <TextField
          label="Equipment"
          name="equipment"
          hint="Separated by commas; leave empty for bodyweight"
          defaultValue={exercise?.equipment.join(", ") ?? ""}
          error={problems.fields.equipment}
        />
        <SelectField
          label="Difficulty"
          name="difficulty"
          defaultValue={String(exercise?.difficulty ?? 1)}
          error={problems.fields.difficulty}
        >
          {DIFFICULTIES.map((d) => (
            <option key={d.value} value={d.value}>
              {d.label}
            </option>
          ))}
        </SelectField>
        <SelectField label="Measured in" name="measure" defaultValue={exercise?.measure ?? "reps"} error={problems.fields.measure}>
          <option value="reps">Reps</option>
          <option value="time">Seconds (a hold or timed set)</option>
        </SelectField>
      </div>
      <fieldset className="flex min-w-0 flex-col gap-2">
        <legend className="mb-1 text-sm font-medium text-slate-700">Not safe with</legend>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
          {CONTRAINDICATIONS.map((code) => (
            <CheckboxField
              key={code}
              label={codeName(code)}
              checked={contraindications.includes(code)}
              onChange={(event) =>
                setContraindications((current) => (event.target.checked ? [...current, code] : current.filter((c) => c !== code)))
              }
            />
          ))}
        </div>
        {problems.fields.contraindications && <p className="text-sm font-medium text-red-700">{problems.fields.contraindications}</p>}
      </fieldset>
      <VideoUpload
        orgId={orgId}
        hasVideo={exercise?.hasVideo ?? false}
        value={video}
        onChange={setVideo}
        onBusy={setUploading}
        error={problems.fields.videoKey ?? problems.fields.file}
      />
      <FormError message={problems.alert} />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" busy={save.isPending} disabled={uploading}>
          {exercise ? "Save exercise" : "Create exercise"}
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={save.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
