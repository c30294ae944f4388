// @vitest-environment happy-dom
// The assessment stepper in a DOM: one question per screen, the server's rules before moving on,
// answers kept on the way back, the server's refusals on their question, and a screening stop.
import type { Answers, Question } from "@glow/api/client";
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { answerErrors, QuestionStepper, SEE_DOCTOR, type QuestionStepperProps } from "./QuestionStepper.tsx";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

const questions: Question[] = [
  {
    id: "heart",
    kind: "yes_no",
    prompt: "Has a doctor said you have a heart condition?",
    required: true,
    section: "screening",
    stopIfYes: true,
  },
  {
    id: "age",
    kind: "number",
    prompt: "How old are you?",
    required: true,
    section: "profile",
    unit: "years",
    min: 16,
    max: 100,
    integer: true,
  },
  {
    id: "activity",
    kind: "single",
    prompt: "How active are you?",
    required: true,
    section: "fitness",
    options: [
      { id: "low", label: "Hardly at all", points: 0 },
      { id: "high", label: "Most days", points: 25 },
    ],
  },
  {
    id: "fitness",
    kind: "scale",
    prompt: "Rate your fitness",
    required: true,
    section: "fitness",
    min: 1,
    max: 5,
    minLabel: "Poor",
    maxLabel: "Great",
  },
  {
    id: "limits",
    kind: "multi",
    prompt: "Any injuries?",
    required: true,
    section: "limitations",
    options: [
      { id: "knee", label: "Knee injury", limitation: "knee" },
      { id: "back", label: "Lower back pain", limitation: "lower_back" },
      { id: "none", label: "None of these", exclusive: true },
    ],
  },
];

let container: HTMLDivElement;
let root: Root;
let submitted: Answers[];

beforeEach(() => {
  container = document.createElement("div");
  document.body.append(container);
  root = createRoot(container);
  submitted = [];
});
afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

function show(props: Partial<QuestionStepperProps> = {}) {
  act(() => root.render(<QuestionStepper questions={questions} onSubmit={(answers) => submitted.push(answers)} {...props} />));
}

const prompt = () => container.querySelector("h2")?.textContent ?? "";
const progress = () => container.querySelector("[data-progress]")?.textContent;
const problem = () => container.querySelector("[data-problem]")?.textContent ?? null;
const button = (name: string) => {
  const found = [...container.querySelectorAll("button")].find((b) => b.textContent === name);
  if (!found) throw new Error(`no button ${name}: ${[...container.querySelectorAll("button")].map((b) => b.textContent).join(", ")}`);
  return found;
};
const click = (element: HTMLElement) => act(() => element.click());
/** The radio or checkbox whose label reads `label`. */
const choice = (label: string) => {
  const found = [...container.querySelectorAll("label")].find((l) => l.textContent?.trim() === label)?.querySelector("input");
  if (!found) throw new Error(`no choice ${label}`);
  return found;
};
function type(value: string) {
  const input = container.querySelector<HTMLInputElement>('input[type="number"]')!;
  // React tracks the value it set; the native setter makes the change visible to its onChange.
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, "value")!.set!.call(input, value);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  });
}

describe("QuestionStepper", () => {
  it("shows one question at a time with its progress, and refuses to move on without a valid answer", () => {
    show();
    expect(progress()).toBe("Question 1 of 5");
    expect(prompt()).toBe("Has a doctor said you have a heart condition?");
    expect(container.querySelector('[role="progressbar"]')?.getAttribute("aria-valuenow")).toBe("1");
    expect(button("Back").disabled).toBe(true);

    click(button("Next"));
    expect(problem()).toBe("This question needs an answer");
    expect(progress()).toBe("Question 1 of 5");
    click(choice("No"));
    expect(problem()).toBeNull();
    click(button("Next"));
    expect(progress()).toBe("Question 2 of 5");

    // The number's range and whole-number rule are the server's own messages.
    type("12");
    click(button("Next"));
    expect(problem()).toBe("At least 16 years");
    expect(container.querySelector('input[type="number"]')?.getAttribute("aria-invalid")).toBe("true");
    type("40.5");
    click(button("Next"));
    expect(problem()).toBe("Answer with a whole number");
    type("40");
    click(button("Next"));
    expect(prompt()).toBe("How active are you?");
  });

  it("keeps every answer when the person goes back, and sends them all at the end", () => {
    show();
    click(choice("No"));
    click(button("Next"));
    type("41");
    click(button("Next"));
    click(choice("Most days"));
    click(button("Next"));
    click(choice("4"));
    click(button("Next"));

    // Back to the start: each screen still holds its answer.
    click(button("Back"));
    expect(choice("4").checked).toBe(true);
    click(button("Back"));
    expect(choice("Most days").checked).toBe(true);
    click(button("Back"));
    expect(container.querySelector<HTMLInputElement>('input[type="number"]')?.value).toBe("41");
    click(button("Back"));
    expect(choice("No").checked).toBe(true);
    for (let i = 0; i < 4; i++) click(button("Next"));

    expect(progress()).toBe("Question 5 of 5");
    // "None of these" cannot go with an injury: picking one clears the other.
    click(choice("None of these"));
    click(choice("Knee injury"));
    expect(choice("None of these").checked).toBe(false);
    expect(submitted).toEqual([]);
    click(button("Submit answers"));
    expect(submitted).toEqual([{ heart: false, age: 41, activity: "high", fitness: 4, limits: ["knee"] }]);
  });

  it("stops at a screening yes: says to see a doctor and sends only what was asked", () => {
    show();
    click(choice("Yes"));
    expect(container.textContent).toContain(SEE_DOCTOR);
    expect(() => button("Next")).toThrow();
    click(button("Finish"));
    expect(submitted).toEqual([{ heart: true }]);

    // Changing the answer to no takes the stop away.
    click(choice("No"));
    expect(container.textContent).not.toContain(SEE_DOCTOR);
    expect(button("Next")).toBeTruthy();
  });

  it("shows the server's refusal on its question and goes back to it", () => {
    show();
    click(choice("No"));
    click(button("Next"));
    type("41");
    click(button("Next"));
    expect(prompt()).toBe("How active are you?");
    show({ serverErrors: { age: "At most 90 years" }, alert: null });
    expect(prompt()).toBe("How old are you?");
    expect(problem()).toBe("At most 90 years");
    type("42");
    expect(problem()).toBeNull();
  });
});

describe("answerErrors", () => {
  it("reads the server's answers.<id> field errors by question, and the rest as one alert", async () => {
    const { TRPCClientError } = await import("@trpc/client");
    const refused = TRPCClientError.from({
      error: {
        message: "Invalid input",
        code: -32600,
        data: {
          code: "BAD_REQUEST",
          httpStatus: 400,
          fieldErrors: { "answers.age": ["At most 100 years"], templateId: ["Not a template id"] },
        },
      },
    });
    expect(answerErrors(refused)).toEqual({ byQuestion: { age: "At most 100 years" }, alert: "Not a template id" });
    expect(answerErrors(null)).toEqual({ byQuestion: {}, alert: null });
  });
});
