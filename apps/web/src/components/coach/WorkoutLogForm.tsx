// "Log this workout": the sets a client did of one session — per exercise and set, reps or
// seconds, load in kg and effort (RPE 1–10) — sent with coach.workouts.log. The server's
// refusals ("sets.3.loadKg") are shown beside the input they name.
import type { RouterInputs, RouterOutputs } from "@glow/api/client";
import { errorData, errorMessage, useTRPC } from "@glow/react";
import { Button, cn, FormError } from "@glow/ui";
import { useMutation } from "@tanstack/react-query";
import { useRef, useState, type FormEvent } from "react";
import { useFocusFirstInvalid } from "../../forms.ts";

type Session = NonNullable<RouterOutputs["coach"]["programs"]["current"]>["sessions"][number];
type Item = Session["items"][number];
type LoggedSet = RouterInputs["coach"]["workouts"]["log"]["sets"][number];

const FIELDS = ["amount", "loadKg", "rpe"] as const;
type SetField = (typeof FIELDS)[number];
type SetRow = Record<SetField, string>;
/** One row of the form: an exercise's set. */
const rowKey = (item: Item, setNumber: number) => `${item.id}:${setNumber}`;

function plannedRows(session: Session): Record<string, SetRow> {
  const rows: Record<string, SetRow> = {};
  for (const item of session.items) {
    const planned = item.measure === "time" ? item.seconds : item.reps;
    for (let set = 1; set <= item.sets; set++)
      rows[rowKey(item, set)] = { amount: planned === null ? "" : String(planned), loadKg: "", rpe: "" };
  }
  return rows;
}

const number = (text: string) => (text.trim() === "" ? undefined : Number(text));

/** The sets to send (rows with a number of reps or seconds), and which row each one is, to put the server's words back. */
export function setsToLog(
  session: Session,
  rows: Record<string, SetRow>,
): { sets: LoggedSet[]; keys: string[]; problems: Record<string, string> } {
  const sets: LoggedSet[] = [];
  const keys: string[] = [];
  const problems: Record<string, string> = {};
  for (const item of session.items) {
    for (let setNumber = 1; setNumber <= item.sets; setNumber++) {
      const key = rowKey(item, setNumber);
      const row = rows[key]!;
      const amount = number(row.amount);
      const loadKg = number(row.loadKg);
      const rpe = number(row.rpe);
      if (amount === undefined) {
        if (loadKg !== undefined || rpe !== undefined)
          problems[`${key}.amount`] = item.measure === "time" ? "How many seconds?" : "How many reps?";
        continue; // a set left empty was not done
      }
      for (const [field, value] of [
        ["amount", amount],
        ["loadKg", loadKg],
        ["rpe", rpe],
      ] as const) {
        if (value !== undefined && !Number.isFinite(value)) problems[`${key}.${field}`] = "Enter a number";
      }
      sets.push({
        exerciseId: item.exerciseId,
        setNumber,
        ...(item.measure === "time" ? { seconds: amount } : { reps: amount }),
        ...(loadKg !== undefined ? { loadKg } : {}),
        ...(rpe !== undefined ? { rpe } : {}),
      });
      keys.push(key);
    }
  }
  return { sets, keys, problems };
}

/** Which input of a row a refused set field belongs beside. */
const FORM_FIELD: Partial<Record<string, SetField>> = {
  reps: "amount",
  seconds: "amount",
  setNumber: "amount",
  exerciseId: "amount",
  loadKg: "loadKg",
  rpe: "rpe",
};

/** The server's "sets.<index>.<field>" messages as "<row>.<form field>", and the rest for one alert. */
function serverProblems(error: unknown, keys: readonly string[]): { byField: Record<string, string>; alert: string | null } {
  if (!error) return { byField: {}, alert: null };
  const fieldErrors = errorData(error)?.fieldErrors;
  if (!fieldErrors) return { byField: {}, alert: errorMessage(error) };
  const byField: Record<string, string> = {};
  const rest: string[] = [];
  for (const [path, messages] of Object.entries(fieldErrors)) {
    const match = /^sets\.(\d+)\.(\w+)$/.exec(path);
    const key = match ? keys[Number(match[1])] : undefined;
    const field = match ? FORM_FIELD[match[2]!] : undefined;
    if (key && field) byField[`${key}.${field}`] = messages.join(" ");
    else rest.push(...messages);
  }
  return { byField, alert: rest.length > 0 ? rest.join(" ") : null };
}

function SetInput({
  label,
  value,
  onChange,
  error,
  min,
  max,
  step,
}: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  min: number;
  max: number;
  step: number | "any";
}) {
  const errorId = `${label.replace(/\W+/g, "-")}-error`;
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <input
        type="number"
        inputMode={step === 1 ? "numeric" : "decimal"}
        min={min}
        max={max}
        step={step}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        aria-label={label}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        className={cn(
          "w-full min-w-0 rounded-lg bg-white px-2 py-1.5 text-base text-slate-900 ring-1 focus:outline-2 focus:outline-offset-0 focus:outline-glow-500 sm:text-sm",
          error ? "ring-red-500" : "ring-slate-300",
        )}
      />
      {error && (
        <p id={errorId} className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

export function WorkoutLogForm({
  orgId,
  programId,
  session,
  onLogged,
  onCancel,
}: {
  orgId: string;
  programId: string;
  session: Session;
  onLogged: () => void;
  onCancel: () => void;
}) {
  const trpc = useTRPC();
  const formRef = useRef<HTMLFormElement>(null);
  const [rows, setRows] = useState(() => plannedRows(session));
  const [localProblems, setLocalProblems] = useState<Record<string, string>>({});
  const [sentKeys, setSentKeys] = useState<string[]>([]);
  const log = useMutation(trpc.coach.workouts.log.mutationOptions({ onSuccess: onLogged }));
  const server = serverProblems(log.error, sentKeys);
  const problems = { ...server.byField, ...localProblems };
  useFocusFirstInvalid(formRef, log.error ?? (Object.keys(localProblems).length > 0 ? localProblems : null));

  function change(key: string, field: SetField, value: string) {
    setRows((current) => ({ ...current, [key]: { ...current[key]!, [field]: value } }));
    setLocalProblems((current) => {
      const rest = { ...current };
      delete rest[`${key}.${field}`];
      return rest;
    });
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { sets, keys, problems: found } = setsToLog(session, rows);
    setLocalProblems(found);
    if (Object.keys(found).length > 0) return;
    if (sets.length === 0) {
      setLocalProblems({ form: "Fill in at least one set you did." });
      return;
    }
    setSentKeys(keys);
    log.mutate({ orgId, programId, sessionId: session.id, sets });
  }

  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={submit}
      aria-label={`Log ${session.title}`}
      className="flex flex-col gap-5"
      data-log-form={session.id}
    >
      <p className="text-sm text-slate-600">
        Your plan is filled in. Change what you did differently, and leave a set empty if you skipped it.
      </p>
      {session.items.map((item) => {
        const amountLabel = item.measure === "time" ? "Seconds" : "Reps";
        return (
          <fieldset key={item.id} className="flex min-w-0 flex-col gap-2" data-log-exercise={item.exerciseId}>
            <legend className="mb-1 font-medium text-slate-900">{item.name}</legend>
            <div
              className="grid grid-cols-[3rem_repeat(3,minmax(0,1fr))] gap-2 text-xs font-medium uppercase tracking-wide text-slate-500"
              aria-hidden="true"
            >
              <span>Set</span>
              <span>{amountLabel}</span>
              <span>Load kg</span>
              <span>RPE</span>
            </div>
            {Array.from({ length: item.sets }, (_, i) => i + 1).map((setNumber) => {
              const key = rowKey(item, setNumber);
              const row = rows[key]!;
              const named = `${item.name}, set ${setNumber}`;
              return (
                <div key={key} className="grid grid-cols-[3rem_repeat(3,minmax(0,1fr))] items-start gap-2" data-set={setNumber}>
                  <span className="py-1.5 text-sm text-slate-700">{setNumber}</span>
                  <SetInput
                    label={`${named}: ${amountLabel.toLowerCase()}`}
                    value={row.amount}
                    onChange={(value) => change(key, "amount", value)}
                    error={problems[`${key}.amount`]}
                    min={0}
                    max={item.measure === "time" ? 86_400 : 1000}
                    step={1}
                  />
                  <SetInput
                    label={`${named}: load kg`}
                    value={row.loadKg}
                    onChange={(value) => change(key, "loadKg", value)}
                    error={problems[`${key}.loadKg`]}
                    min={0}
                    max={1000}
                    step="any"
                  />
                  <SetInput
                    label={`${named}: RPE`}
                    value={row.rpe}
                    onChange={(value) => change(key, "rpe", value)}
                    error={problems[`${key}.rpe`]}
                    min={1}
                    max={10}
                    step={1}
                  />
                </div>
              );
            })}
          </fieldset>
        );
      })}
      <p className="text-xs text-slate-500">RPE is how hard a set felt, from 1 (very easy) to 10 (as hard as you can go).</p>
      <FormError message={localProblems.form ?? server.alert} />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" busy={log.isPending}>
          Save workout
        </Button>
        <Button variant="secondary" onClick={onCancel} disabled={log.isPending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
