// An assessment, one question per screen: progress, Back / Next, the answer checked by the
// server's own rules (answersSchemaFor) before moving on, the server's refusals shown on their
// question, and a health-screening "yes" that stops the assessment ("see a doctor first").
import { answersSchemaFor, type Answer, type Answers, type Question, type QuestionSection } from "@glow/api/client";
import { errorData, errorMessage } from "@glow/react";
import { Button, FormError, Notice, ProgressBar } from "@glow/ui";
import { useCallback, useId, useMemo, useState, type FormEvent } from "react";
import { answerHint, QuestionInput } from "./QuestionInput.tsx";

export const SEE_DOCTOR = "Please see a doctor before starting";

const SECTION_NAMES: Record<QuestionSection, string> = {
  screening: "Health screening",
  profile: "About you",
  fitness: "Your fitness",
  goals: "Your goals",
  limitations: "Injuries and limits",
};

/** Why the answer to one question is refused, in the server's words; null when it is fine. */
export function answerProblem(question: Question, answer: Answer | undefined): string | null {
  const parsed = answersSchemaFor([question]).safeParse(answer === undefined ? {} : { [question.id]: answer });
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? "Check this answer");
}

/** Whether this answer stops the assessment: "yes" to a screening question that asks to see a doctor. */
export function stopsAssessment(question: Question, answer: Answer | undefined): boolean {
  return question.kind === "yes_no" && question.stopIfYes === true && answer === true;
}

/**
 * A refused submit's messages by question id (the server names them `answers.<questionId>`),
 * and what belongs to no question.
 */
export function answerErrors(error: unknown): { byQuestion: Record<string, string>; alert: string | null } {
  if (!error) return { byQuestion: {}, alert: null };
  const fieldErrors = errorData(error)?.fieldErrors;
  const byQuestion: Record<string, string> = {};
  const rest: string[] = [];
  for (const [field, messages] of Object.entries(fieldErrors ?? {})) {
    if (field.startsWith("answers.")) byQuestion[field.slice("answers.".length).split(".")[0]!] = messages.join(" ");
    else rest.push(...messages);
  }
  const alert = rest.length > 0 ? rest.join(" ") : Object.keys(byQuestion).length > 0 ? null : errorMessage(error);
  return { byQuestion, alert };
}

function without(problems: Record<string, string>, id: string): Record<string, string> {
  const rest = { ...problems };
  delete rest[id];
  return rest;
}

export interface QuestionStepperProps {
  questions: readonly Question[];
  /** The answers to send: every question answered so far (up to the screening question that stopped it). */
  onSubmit: (answers: Answers) => void;
  submitting?: boolean;
  /** The server's refusal of the last submit, by question id (see answerErrors). */
  serverErrors?: Record<string, string>;
  /** A refusal that belongs to no question. */
  alert?: string | null;
}

export function QuestionStepper({ questions, onSubmit, submitting = false, serverErrors, alert }: QuestionStepperProps) {
  const [index, setIndex] = useState(0);
  const [answers, setAnswers] = useState<Record<string, Answer | undefined>>({});
  const [texts, setTexts] = useState<Record<string, string>>({});
  // Shown once the person tried to move on (or the server refused); cleared when they change the answer.
  const [problems, setProblems] = useState<Record<string, string>>({});
  // Once the person moves between questions, each new one takes the focus (and is read out).
  const [stepped, setStepped] = useState(false);
  const focusPrompt = useCallback((prompt: HTMLHeadingElement | null) => (stepped ? prompt?.focus() : undefined), [stepped]);
  const [seenServerErrors, setSeenServerErrors] = useState(serverErrors);
  const promptId = useId();
  const helpId = useId();
  const errorId = useId();

  const question = questions[index]!;
  const answer = answers[question.id];
  const problem = problems[question.id] ?? null;
  const stopped = stopsAssessment(question, answer);
  const last = index === questions.length - 1;

  // The server's refusal: each message on its question, and the first refused question on screen.
  if (serverErrors !== seenServerErrors) {
    setSeenServerErrors(serverErrors);
    const first = serverErrors ? questions.findIndex((q) => Object.hasOwn(serverErrors, q.id)) : -1;
    if (serverErrors && first >= 0) {
      setProblems((current) => ({ ...current, ...serverErrors }));
      setStepped(true);
      setIndex(first);
    }
  }

  const hint = useMemo(() => answerHint(question), [question]);

  function setAnswer(value: Answer | undefined) {
    setAnswers((current) => ({ ...current, [question.id]: value }));
    setProblems((current) => without(current, question.id));
  }

  function go(to: number) {
    setStepped(true);
    setIndex(to);
  }

  function submitted(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const refused = answerProblem(question, answer);
    if (refused) {
      setProblems((current) => ({ ...current, [question.id]: refused }));
      // Focus the input so the message is read out with it.
      event.currentTarget.querySelector<HTMLElement>("input")?.focus();
      return;
    }
    if (!stopped && !last) return go(index + 1);
    // Send what was asked: every question up to this one (later ones were never shown when stopped).
    const asked = questions.slice(0, index + 1);
    const sent: Answers = {};
    for (const q of asked) {
      const value = answers[q.id];
      if (value !== undefined) sent[q.id] = value;
    }
    onSubmit(sent);
  }

  const describedBy =
    [question.help ? helpId : null, hint ? `${helpId}-hint` : null, problem ? errorId : null].filter(Boolean).join(" ") || undefined;

  return (
    <form noValidate onSubmit={submitted} className="flex flex-col gap-5" data-question={question.id} data-kind={question.kind}>
      <div className="flex flex-col gap-2">
        <p className="text-sm font-medium text-slate-700" data-progress>
          Question {index + 1} of {questions.length}
        </p>
        <ProgressBar value={index + 1} max={questions.length} label="Assessment progress" />
      </div>
      <div className="flex flex-col gap-3">
        <p className="text-xs font-medium uppercase tracking-wide text-glow-700">{SECTION_NAMES[question.section]}</p>
        <h2
          key={`prompt:${question.id}`}
          id={promptId}
          ref={focusPrompt}
          tabIndex={-1}
          className="text-xl font-semibold text-slate-900 focus:outline-none"
        >
          {question.prompt}
          {!question.required && <span className="ml-2 text-sm font-normal text-slate-500">(optional)</span>}
        </h2>
        {question.help && (
          <p id={helpId} className="text-sm text-slate-600">
            {question.help}
          </p>
        )}
        {hint && (
          <p id={`${helpId}-hint`} className="text-xs text-slate-500">
            {hint}
          </p>
        )}
        <QuestionInput
          key={question.id}
          question={question}
          answer={answer}
          onAnswer={setAnswer}
          text={texts[question.id] ?? (typeof answer === "number" ? String(answer) : "")}
          onText={(text) => setTexts((current) => ({ ...current, [question.id]: text }))}
          labelledBy={promptId}
          describedBy={describedBy}
          invalid={problem !== null}
        />
        {problem && (
          <p id={errorId} className="text-sm font-medium text-red-700" data-problem>
            {problem}
          </p>
        )}
      </div>
      {stopped && (
        <Notice tone="warning">
          <p className="font-semibold">{SEE_DOCTOR}</p>
          <p>
            Because you answered yes, exercise may not be safe for you without a doctor&apos;s advice. The assessment stops here: finish it
            to let your coach know, and come back once a doctor has cleared you.
          </p>
        </Notice>
      )}
      <FormError message={alert} />
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Button variant="secondary" disabled={index === 0 || submitting} onClick={() => go(index - 1)}>
          Back
        </Button>
        <Button type="submit" busy={submitting}>
          {stopped ? "Finish" : last ? "Submit answers" : "Next"}
        </Button>
      </div>
    </form>
  );
}
