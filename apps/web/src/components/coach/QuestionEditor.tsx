// A template's question list to edit: add, remove and reorder questions; each with its prompt,
// kind, section, whether it is required, and the fields of its kind (scale ends, number unit and
// range, choice options, a screening question that stops the assessment). Scoring hints that a
// copied template carries (points, goals, limitations…) are kept as they are unless edited here.
import {
  QUESTION_KINDS,
  QUESTION_SECTIONS,
  type Question,
  type QuestionKind,
  type QuestionOption,
  type QuestionSection,
} from "@glow/api/client";
import { Button, CheckboxField, SelectField, TextField } from "@glow/ui";
import { useState } from "react";
import { CONTRAINDICATIONS } from "./ExerciseForm.tsx";
import { codeName, GOAL_NAMES } from "./names.ts";

/** A question being edited, with an id of its own for React and for the server's messages (its `id` can change). */
export interface DraftQuestion {
  uid: string;
  question: Question;
}

/** Messages by question uid, then by path inside the question ("prompt", "options.1.label"). */
export type QuestionErrors = Record<string, Record<string, string>>;

export const KIND_NAMES: Record<QuestionKind, string> = {
  scale: "Scale",
  single: "Single choice",
  multi: "Multiple choice",
  number: "Number",
  yes_no: "Yes / no",
};

const SECTION_NAMES: Record<QuestionSection, string> = {
  screening: "Health screening",
  profile: "About the client",
  fitness: "Fitness",
  goals: "Goals",
  limitations: "Injuries and limits",
};

let uidCounter = 0;
export const newUid = () => `q${++uidCounter}`;

/** The first `prefix_<n>` not taken. */
function freshId(prefix: string, taken: readonly string[]): string {
  for (let n = taken.length + 1; ; n++) if (!taken.includes(`${prefix}_${n}`)) return `${prefix}_${n}`;
}

export function newQuestion(taken: readonly string[]): Question {
  return { id: freshId("question", taken), kind: "yes_no", prompt: "", required: true, section: "profile" };
}

function defaultOptions(): QuestionOption[] {
  return [
    { id: "option_1", label: "" },
    { id: "option_2", label: "" },
  ];
}

/** The question as another kind: what all kinds share is kept, the rest starts from defaults. */
export function withKind(question: Question, kind: QuestionKind): Question {
  if (question.kind === kind) return question;
  const base = {
    id: question.id,
    prompt: question.prompt,
    required: question.required,
    section: question.section,
    ...(question.help ? { help: question.help } : {}),
  };
  const options = "options" in question ? question.options : defaultOptions();
  switch (kind) {
    case "scale":
      return { ...base, kind, min: 1, max: 5 };
    case "single":
      return { ...base, kind, options };
    case "multi":
      return { ...base, kind, options };
    case "number":
      return { ...base, kind, unit: "", min: 0, max: 100, integer: true };
    case "yes_no":
      return { ...base, kind };
  }
}

/** A number input that keeps what is typed; the question gets the number (undefined when empty). */
function NumberInput({
  label,
  value,
  onChange,
  error,
  className,
}: {
  label: string;
  value: number | undefined;
  onChange: (value: number | undefined) => void;
  error: string | undefined;
  className?: string;
}) {
  const [text, setText] = useState(value === undefined || Number.isNaN(value) ? "" : String(value));
  return (
    <TextField
      label={label}
      type="number"
      inputMode="decimal"
      value={text}
      error={error}
      className={className}
      onChange={(event) => {
        setText(event.target.value);
        onChange(event.target.value.trim() === "" ? undefined : Number(event.target.value));
      }}
    />
  );
}

/** Sets or drops an optional field (the server refuses empty strings where it wants a value or nothing). */
function optional<T extends object, K extends keyof T>(object: T, key: K, value: T[K] | undefined | ""): T {
  const next = { ...object };
  if (value === undefined || value === "") delete next[key];
  else next[key] = value as T[K];
  return next;
}

function OptionsEditor({
  question,
  onChange,
  err,
}: {
  question: Extract<Question, { kind: "single" | "multi" }>;
  onChange: (question: Question) => void;
  err: (path: string) => string | undefined;
}) {
  const setOption = (index: number, option: QuestionOption) =>
    onChange({ ...question, options: question.options.map((o, i) => (i === index ? option : o)) });
  return (
    <fieldset className="flex min-w-0 flex-col gap-3">
      <legend className="mb-1 text-sm font-medium text-slate-700">Options</legend>
      {question.options.map((option, index) => (
        <div key={option.id} className="flex min-w-0 flex-col gap-2 rounded-lg bg-slate-50 p-3" data-option={option.id}>
          <div className="flex items-end gap-2">
            <TextField
              label={`Option ${index + 1}`}
              value={option.label}
              maxLength={120}
              error={err(`options.${index}.label`) ?? err(`options.${index}.id`)}
              className="min-w-0 flex-1"
              onChange={(event) => setOption(index, { ...option, label: event.target.value })}
            />
            <Button
              variant="secondary"
              className="py-2"
              aria-label={`Remove option ${index + 1}`}
              onClick={() => onChange({ ...question, options: question.options.filter((_, i) => i !== index) })}
            >
              Remove
            </Button>
          </div>
          <div className="grid grid-cols-1 gap-2 sm:grid-cols-3">
            {question.kind === "single" && (
              <NumberInput
                label="Points"
                value={option.points}
                error={err(`options.${index}.points`)}
                onChange={(points) => setOption(index, optional(option, "points", points))}
              />
            )}
            <SelectField
              label="Goal"
              value={option.goal ?? ""}
              error={err(`options.${index}.goal`)}
              onChange={(event) => setOption(index, optional(option, "goal", event.target.value as QuestionOption["goal"] | ""))}
            >
              <option value="">None</option>
              {Object.entries(GOAL_NAMES).map(([goal, name]) => (
                <option key={goal} value={goal}>
                  {name}
                </option>
              ))}
            </SelectField>
            <SelectField
              label="Limitation"
              value={option.limitation ?? ""}
              error={err(`options.${index}.limitation`)}
              onChange={(event) => setOption(index, optional(option, "limitation", event.target.value))}
            >
              <option value="">None</option>
              {/* A copied template may carry a code of its own. */}
              {[...new Set([...CONTRAINDICATIONS, ...(option.limitation ? [option.limitation] : [])])].map((code) => (
                <option key={code} value={code}>
                  {codeName(code)}
                </option>
              ))}
            </SelectField>
          </div>
          {question.kind === "multi" && (
            <CheckboxField
              label="“None of these”: cannot be picked with another option"
              checked={option.exclusive === true}
              onChange={(event) => setOption(index, optional(option, "exclusive", event.target.checked || undefined))}
            />
          )}
        </div>
      ))}
      {err("options") && <p className="text-sm font-medium text-red-700">{err("options")}</p>}
      <Button
        variant="secondary"
        className="self-start"
        onClick={() =>
          onChange({
            ...question,
            options: [
              ...question.options,
              {
                id: freshId(
                  "option",
                  question.options.map((o) => o.id),
                ),
                label: "",
              },
            ],
          })
        }
      >
        Add an option
      </Button>
    </fieldset>
  );
}

function KindFields({
  question,
  onChange,
  err,
}: {
  question: Question;
  onChange: (question: Question) => void;
  err: (path: string) => string | undefined;
}) {
  switch (question.kind) {
    case "scale":
      return (
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          <NumberInput
            key="scale-min"
            label="From"
            value={question.min}
            error={err("min")}
            onChange={(min) => onChange({ ...question, min: min as number })}
          />
          <NumberInput
            key="scale-max"
            label="To"
            value={question.max}
            error={err("max")}
            onChange={(max) => onChange({ ...question, max: max as number })}
          />
          <TextField
            label="Label at the start"
            value={question.minLabel ?? ""}
            maxLength={60}
            error={err("minLabel")}
            onChange={(event) => onChange(optional(question, "minLabel", event.target.value))}
          />
          <TextField
            label="Label at the end"
            value={question.maxLabel ?? ""}
            maxLength={60}
            error={err("maxLabel")}
            onChange={(event) => onChange(optional(question, "maxLabel", event.target.value))}
          />
        </div>
      );
    case "number":
      return (
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
          <TextField
            label="Unit"
            value={question.unit}
            maxLength={16}
            placeholder="kg"
            error={err("unit")}
            onChange={(event) => onChange({ ...question, unit: event.target.value })}
          />
          <NumberInput
            key="number-min"
            label="Lowest"
            value={question.min}
            error={err("min")}
            onChange={(min) => onChange({ ...question, min: min as number })}
          />
          <NumberInput
            key="number-max"
            label="Highest"
            value={question.max}
            error={err("max")}
            onChange={(max) => onChange({ ...question, max: max as number })}
          />
          <CheckboxField
            label="Whole numbers only"
            checked={question.integer}
            className="self-center"
            onChange={(event) => onChange({ ...question, integer: event.target.checked })}
          />
        </div>
      );
    case "yes_no":
      return (
        <CheckboxField
          label="A yes stops the assessment: “Please see a doctor before starting”"
          hint="For health screening questions; such a question must be required."
          checked={question.stopIfYes === true}
          onChange={(event) => onChange(optional(question, "stopIfYes", event.target.checked || undefined))}
        />
      );
    case "single":
    case "multi":
      return <OptionsEditor question={question} onChange={onChange} err={err} />;
  }
}

/** The paths inside a question that have a field of their own above (the rest of the server's messages go under the card). */
function shownPaths(question: Question): Set<string> {
  const paths = ["prompt", "kind", "section", "id", "help", "required"];
  if (question.kind === "scale") paths.push("min", "max", "minLabel", "maxLabel");
  if (question.kind === "number") paths.push("unit", "min", "max");
  if (question.kind === "single" || question.kind === "multi") {
    paths.push("options");
    question.options.forEach((_, i) => paths.push(`options.${i}.label`, `options.${i}.id`, `options.${i}.goal`, `options.${i}.limitation`));
    if (question.kind === "single") question.options.forEach((_, i) => paths.push(`options.${i}.points`));
  }
  return new Set(paths);
}

function QuestionCard({
  draft,
  index,
  count,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  draft: DraftQuestion;
  index: number;
  count: number;
  errors: Record<string, string>;
  onChange: (question: Question) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const { question } = draft;
  const err = (path: string): string | undefined => errors[path];
  const shown = shownPaths(question);
  const number = index + 1;
  return (
    <li className="flex min-w-0 flex-col gap-4 rounded-2xl bg-white p-4 shadow-sm ring-1 ring-slate-200" data-question-editor={question.id}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h3 className="font-semibold text-slate-900">Question {number}</h3>
        <div className="flex flex-wrap gap-2">
          <Button
            variant="secondary"
            className="py-1"
            disabled={index === 0}
            aria-label={`Move question ${number} up`}
            onClick={() => onMove(-1)}
          >
            Up
          </Button>
          <Button
            variant="secondary"
            className="py-1"
            disabled={index === count - 1}
            aria-label={`Move question ${number} down`}
            onClick={() => onMove(1)}
          >
            Down
          </Button>
          <Button variant="danger" className="py-1" aria-label={`Remove question ${number}`} onClick={onRemove}>
            Remove
          </Button>
        </div>
      </div>
      <TextField
        label="Question"
        value={question.prompt}
        maxLength={300}
        error={err("prompt")}
        onChange={(event) => onChange({ ...question, prompt: event.target.value })}
      />
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        <SelectField
          label="Kind"
          value={question.kind}
          error={err("kind")}
          onChange={(event) => onChange(withKind(question, event.target.value as QuestionKind))}
        >
          {QUESTION_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {KIND_NAMES[kind]}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Section"
          value={question.section}
          error={err("section")}
          onChange={(event) => onChange({ ...question, section: event.target.value as QuestionSection })}
        >
          {QUESTION_SECTIONS.map((section) => (
            <option key={section} value={section}>
              {SECTION_NAMES[section]}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Id"
          value={question.id}
          maxLength={48}
          hint="Lowercase letters, digits and _"
          error={err("id")}
          onChange={(event) => onChange({ ...question, id: event.target.value })}
        />
      </div>
      <TextField
        label="Help (optional)"
        value={question.help ?? ""}
        maxLength={500}
        error={err("help")}
        onChange={(event) => onChange(optional(question, "help", event.target.value))}
      />
      <KindFields question={question} onChange={onChange} err={err} />
      <CheckboxField
        label="Required"
        checked={question.required}
        onChange={(event) => onChange({ ...question, required: event.target.checked })}
      />
      {err("required") && <p className="text-sm font-medium text-red-700">{err("required")}</p>}
      {/* Whatever the server said about this question that has no field above. */}
      {Object.entries(errors)
        .filter(([path]) => !shown.has(path))
        .map(([path, message]) => (
          <p key={path} className="text-sm font-medium text-red-700" data-question-problem={path}>
            {message}
          </p>
        ))}
    </li>
  );
}

export function QuestionListEditor({
  drafts,
  onChange,
  errors,
  listError,
}: {
  drafts: DraftQuestion[];
  onChange: (drafts: DraftQuestion[]) => void;
  errors: QuestionErrors;
  /** What the server said about the list as a whole ("at least one question"). */
  listError?: string | undefined;
}) {
  function move(index: number, by: -1 | 1) {
    const next = [...drafts];
    const [moved] = next.splice(index, 1);
    next.splice(index + by, 0, moved!);
    onChange(next);
  }
  return (
    <section aria-label="Questions" className="flex min-w-0 flex-col gap-3">
      <h2 className="text-base font-semibold text-slate-900">Questions</h2>
      {drafts.length === 0 && <p className="text-sm text-slate-600">No questions yet. A template needs at least one.</p>}
      <ol className="flex flex-col gap-3">
        {drafts.map((draft, index) => (
          <QuestionCard
            key={draft.uid}
            draft={draft}
            index={index}
            count={drafts.length}
            errors={errors[draft.uid] ?? {}}
            onChange={(question) => onChange(drafts.map((d) => (d.uid === draft.uid ? { ...d, question } : d)))}
            onMove={(by) => move(index, by)}
            onRemove={() => onChange(drafts.filter((d) => d.uid !== draft.uid))}
          />
        ))}
      </ol>
      {listError && <p className="text-sm font-medium text-red-700">{listError}</p>}
      <Button
        variant="secondary"
        className="self-start"
        onClick={() => onChange([...drafts, { uid: newUid(), question: newQuestion(drafts.map((d) => d.question.id)) }])}
      >
        Add a question
      </Button>
    </section>
  );
}
