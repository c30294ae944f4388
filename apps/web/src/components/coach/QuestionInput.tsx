// One assessment question's input, by kind: scale (segmented, or a slider for long scales),
// single choice (radio cards), multi choice (checkbox cards), number with its unit, yes/no.
import type { Answer, Question, QuestionOf } from "@glow/api/client";
import { CheckboxCard, cn } from "@glow/ui";
import { useId } from "react";

/** Scales up to this many steps are buttons side by side; longer ones are a slider. */
const MAX_SEGMENTS = 11;

export interface QuestionInputProps<Q extends Question = Question> {
  question: Q;
  answer: Answer | undefined;
  onAnswer: (answer: Answer | undefined) => void;
  /** For number questions: what the person typed (kept as typed, so "1." or "" survive a re-render). */
  text: string;
  onText: (text: string) => void;
  /** The prompt's id: the input is labelled by it. */
  labelledBy: string;
  /** Ids of the help and error lines, read out with the input. */
  describedBy: string | undefined;
  invalid: boolean;
}

const cardClass = (checked: boolean) =>
  cn(
    "flex min-w-0 cursor-pointer items-start gap-3 rounded-xl bg-white p-4 ring-1 transition-colors",
    "has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-glow-500",
    checked ? "bg-glow-50 ring-2 ring-glow-500" : "ring-slate-200 hover:ring-slate-300",
  );

function RadioCard({
  name,
  label,
  checked,
  onSelect,
  invalid,
}: {
  name: string;
  label: string;
  checked: boolean;
  onSelect: () => void;
  invalid: boolean;
}) {
  return (
    <label className={cardClass(checked)}>
      <input
        type="radio"
        name={name}
        checked={checked}
        onChange={onSelect}
        aria-invalid={invalid || undefined}
        className="mt-0.5 size-5 shrink-0 accent-glow-600 focus:outline-none"
      />
      <span className="min-w-0 flex-1 font-medium text-slate-900">{label}</span>
    </label>
  );
}

function ScaleInput({ question, answer, onAnswer, labelledBy, describedBy, invalid }: QuestionInputProps<QuestionOf<"scale">>) {
  const name = useId();
  const steps = Array.from({ length: question.max - question.min + 1 }, (_, i) => question.min + i);
  const value = typeof answer === "number" ? answer : undefined;
  const ends = (question.minLabel || question.maxLabel) && (
    <div className="flex justify-between gap-4 text-sm text-slate-600" aria-hidden="true">
      <span>{question.minLabel ? `${question.min}: ${question.minLabel}` : ""}</span>
      <span className="text-right">{question.maxLabel ? `${question.max}: ${question.maxLabel}` : ""}</span>
    </div>
  );
  if (steps.length > MAX_SEGMENTS) {
    const shown = value ?? Math.round((question.min + question.max) / 2);
    // A slider always has a value: it counts as answered once the person touches it.
    const take = (event: { currentTarget: HTMLInputElement }) => onAnswer(Number(event.currentTarget.value));
    return (
      <div className="flex flex-col gap-2">
        <div className="flex items-center gap-3">
          <input
            type="range"
            min={question.min}
            max={question.max}
            step={1}
            value={shown}
            onChange={take}
            onPointerUp={take}
            onKeyUp={take}
            aria-labelledby={labelledBy}
            aria-describedby={describedBy}
            aria-invalid={invalid || undefined}
            aria-valuetext={value === undefined ? "Not answered" : String(value)}
            className="min-w-0 flex-1 accent-glow-600"
          />
          <output className="w-24 shrink-0 text-right text-lg font-semibold text-slate-900" aria-live="polite">
            {value ?? "Not answered"}
          </output>
        </div>
        {ends}
      </div>
    );
  }
  return (
    <fieldset aria-labelledby={labelledBy} aria-describedby={describedBy} className="flex min-w-0 flex-col gap-2">
      <div className="grid grid-cols-[repeat(auto-fit,minmax(2.75rem,1fr))] gap-2">
        {steps.map((step) => {
          const label =
            step === question.min && question.minLabel
              ? `${step} (${question.minLabel})`
              : step === question.max && question.maxLabel
                ? `${step} (${question.maxLabel})`
                : String(step);
          return (
            <label
              key={step}
              className={cn(
                "flex cursor-pointer items-center justify-center rounded-lg bg-white py-2 text-base font-semibold text-slate-800 ring-1",
                "has-checked:bg-glow-600 has-checked:text-white has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-glow-500",
                invalid ? "ring-red-500" : "ring-slate-300",
              )}
            >
              <input
                type="radio"
                name={name}
                checked={value === step}
                onChange={() => onAnswer(step)}
                aria-label={label}
                aria-invalid={invalid || undefined}
                className="sr-only"
              />
              <span aria-hidden="true">{step}</span>
            </label>
          );
        })}
      </div>
      {ends}
    </fieldset>
  );
}

function SingleInput({ question, answer, onAnswer, labelledBy, describedBy, invalid }: QuestionInputProps<QuestionOf<"single">>) {
  const name = useId();
  return (
    <fieldset aria-labelledby={labelledBy} aria-describedby={describedBy} className="grid min-w-0 grid-cols-1 gap-3 sm:grid-cols-2">
      {question.options.map((option) => (
        <RadioCard
          key={option.id}
          name={name}
          label={option.label}
          checked={answer === option.id}
          onSelect={() => onAnswer(option.id)}
          invalid={invalid}
        />
      ))}
    </fieldset>
  );
}

function MultiInput({ question, answer, onAnswer, labelledBy, describedBy, invalid }: QuestionInputProps<QuestionOf<"multi">>) {
  const chosen = Array.isArray(answer) ? answer : [];
  const exclusive = new Set(question.options.filter((o) => o.exclusive).map((o) => o.id));
  function toggle(id: string) {
    if (chosen.includes(id)) return onAnswer(chosen.filter((c) => c !== id));
    // "None of these" clears the rest, and any other choice clears "None of these": the server refuses the mix.
    const kept = exclusive.has(id) ? [] : chosen.filter((c) => !exclusive.has(c));
    onAnswer(question.options.map((o) => o.id).filter((o) => o === id || kept.includes(o)));
  }
  return (
    <fieldset aria-labelledby={labelledBy} aria-describedby={describedBy} className="grid min-w-0 grid-cols-1 gap-3 sm:grid-cols-2">
      {question.options.map((option) => (
        <CheckboxCard
          key={option.id}
          title={option.label}
          checked={chosen.includes(option.id)}
          onChange={() => toggle(option.id)}
          aria-invalid={invalid || undefined}
        />
      ))}
    </fieldset>
  );
}

function NumberInput({ question, text, onText, onAnswer, labelledBy, describedBy, invalid }: QuestionInputProps<QuestionOf<"number">>) {
  return (
    <div className="flex items-center gap-3">
      <input
        type="number"
        inputMode={question.integer ? "numeric" : "decimal"}
        min={question.min}
        max={question.max}
        step={question.integer ? 1 : "any"}
        value={text}
        onChange={(event) => {
          const typed = event.target.value;
          onText(typed);
          onAnswer(typed.trim() === "" ? undefined : Number(typed));
        }}
        aria-labelledby={labelledBy}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        className={cn(
          "w-40 min-w-0 rounded-lg bg-white px-3 py-2 text-base text-slate-900 ring-1 focus:outline-2 focus:outline-offset-0 focus:outline-glow-500",
          invalid ? "ring-red-500" : "ring-slate-300",
        )}
      />
      <span className="text-base text-slate-700">{question.unit}</span>
    </div>
  );
}

function YesNoInput({ answer, onAnswer, labelledBy, describedBy, invalid }: QuestionInputProps<QuestionOf<"yes_no">>) {
  const name = useId();
  return (
    <fieldset aria-labelledby={labelledBy} aria-describedby={describedBy} className="grid min-w-0 grid-cols-2 gap-3">
      <RadioCard name={name} label="Yes" checked={answer === true} onSelect={() => onAnswer(true)} invalid={invalid} />
      <RadioCard name={name} label="No" checked={answer === false} onSelect={() => onAnswer(false)} invalid={invalid} />
    </fieldset>
  );
}

export function QuestionInput(props: QuestionInputProps) {
  const { question } = props;
  switch (question.kind) {
    case "scale":
      return <ScaleInput {...props} question={question} />;
    case "single":
      return <SingleInput {...props} question={question} />;
    case "multi":
      return <MultiInput {...props} question={question} />;
    case "number":
      return <NumberInput {...props} question={question} />;
    case "yes_no":
      return <YesNoInput {...props} question={question} />;
  }
}

/** A line under the prompt saying what the answer may be, from the question's own limits. */
export function answerHint(question: Question): string | null {
  switch (question.kind) {
    case "number":
      return `From ${question.min} to ${question.max} ${question.unit}${question.integer ? ", a whole number" : ""}.`;
    case "scale":
      return `From ${question.min} to ${question.max}.`;
    case "multi": {
      const least = question.minChoices ?? (question.required ? 1 : 0);
      const most = question.maxChoices;
      if (most !== undefined) return least > 0 ? `Choose ${least} to ${most}.` : `Choose up to ${most}.`;
      return least > 1 ? `Choose at least ${least}.` : "Choose all that apply.";
    }
    default:
      return null;
  }
}
