// Template and answer validation (pure: no database).
import { COACH_DEFAULT_TEMPLATE } from "@glow/db";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { answersSchemaFor, questionSchema, templateQuestionsSchema, type Answers, type Question } from "./questions.ts";

const QUESTIONS: Question[] = [
  { id: "knee_pain", kind: "yes_no", prompt: "Do your knees hurt?", required: true, section: "screening", stopIfYes: true },
  { id: "age", kind: "number", prompt: "Age?", required: true, section: "profile", unit: "years", min: 16, max: 100, integer: true },
  { id: "weight", kind: "number", prompt: "Weight?", required: false, section: "profile", unit: "kg", min: 30, max: 300, integer: false },
  { id: "rating", kind: "scale", prompt: "How fit?", required: true, section: "fitness", min: 1, max: 5 },
  {
    id: "activity",
    kind: "single",
    prompt: "How active?",
    required: true,
    section: "fitness",
    options: [
      { id: "low", label: "Low", points: 0 },
      { id: "high", label: "High", points: 10 },
    ],
  },
  {
    id: "goals",
    kind: "multi",
    prompt: "Goals?",
    required: false,
    section: "goals",
    minChoices: 1,
    maxChoices: 2,
    options: [
      { id: "strength", label: "Strength", goal: "strength" },
      { id: "mobility", label: "Mobility", goal: "mobility" },
      { id: "endurance", label: "Endurance", goal: "endurance" },
    ],
  },
  {
    id: "limitations",
    kind: "multi",
    prompt: "Limitations?",
    required: true,
    section: "limitations",
    options: [
      { id: "knee", label: "Knee", limitation: "knee" },
      { id: "wrist", label: "Wrist", limitation: "wrist" },
      { id: "none", label: "None of these", exclusive: true },
    ],
  },
];

const VALID: Answers = { knee_pain: false, age: 34, weight: 71.5, rating: 3, activity: "high", goals: ["strength"], limitations: ["knee"] };
const schema = answersSchemaFor(QUESTIONS);

function without(key: string): Answers {
  const { [key]: _dropped, ...rest } = VALID;
  return rest;
}

describe("answersSchemaFor", () => {
  it("accepts valid answers, and optional questions left out", () => {
    expect(schema.parse(VALID)).toEqual(VALID);
    expect(schema.parse(without("weight"))).toEqual(without("weight"));
    expect(schema.parse(without("goals"))).toEqual(without("goals"));
    expect(schema.parse({ ...VALID, limitations: ["none"] }).limitations).toEqual(["none"]);
  });

  const refused: Array<[string, Answers | Record<string, unknown>, string, RegExp]> = [
    ["an unknown single-choice option", { ...VALID, activity: "couch" }, "activity", /^Not one of the options$/],
    ["an unknown multi-choice option", { ...VALID, goals: ["strength", "flying"] }, "goals", /^Not one of the options$/],
    ["an unknown question", { ...VALID, favourite_colour: "blue" }, "favourite_colour", /Not a question of this assessment/],
    ["a string for a number", { ...VALID, age: "34" }, "age", /number/],
    ["a string for yes/no", { ...VALID, knee_pain: "no" }, "knee_pain", /yes or no/],
    ["a number for a single choice", { ...VALID, activity: 1 }, "activity", /Choose one option/],
    ["a string for a multi choice", { ...VALID, goals: "strength" }, "goals", /Choose from the options/],
    ["numbers in a multi choice", { ...VALID, goals: [1] }, "goals", /./],
    ["null for an optional question", { ...VALID, weight: null }, "weight", /number/],
    ["NaN", { ...VALID, weight: Number.NaN }, "weight", /number/],
    ["a number below its minimum", { ...VALID, age: 12 }, "age", /At least 16 years/],
    ["a number above its maximum", { ...VALID, weight: 500 }, "weight", /At most 300 kg/],
    ["a fraction where a whole number is asked", { ...VALID, age: 34.5 }, "age", /whole number/],
    ["a scale above its range", { ...VALID, rating: 6 }, "rating", /At most 5/],
    ["a scale below its range", { ...VALID, rating: 0 }, "rating", /At least 1/],
    ["a scale between steps", { ...VALID, rating: 2.5 }, "rating", /whole number/],
    ["a required question left out", without("knee_pain"), "knee_pain", /This question needs an answer/],
    ["a required number left out", without("age"), "age", /This question needs an answer/],
    ["a required multi choice left out", without("limitations"), "limitations", /This question needs an answer/],
    ["a required multi choice left empty", { ...VALID, limitations: [] }, "limitations", /at least one/],
    ["fewer choices than minChoices", { ...VALID, goals: [] }, "goals", /at least one/],
    ["more choices than maxChoices", { ...VALID, goals: ["strength", "mobility", "endurance"] }, "goals", /at most 2 options/],
    ["the same option twice", { ...VALID, goals: ["strength", "strength"] }, "goals", /once/],
    ["an exclusive option with another", { ...VALID, limitations: ["none", "knee"] }, "limitations", /cannot be combined/],
  ];

  it.each(refused)("refuses %s, naming the question", (_name, answers, questionId, message) => {
    const result = schema.safeParse(answers);
    expect(result.success).toBe(false);
    const issues = result.error!.issues;
    expect(issues.map((issue) => issue.path)).toEqual([[questionId]]);
    expect(issues[0]!.message).toMatch(message);
  });

  it("reports every wrong answer at once", () => {
    const result = schema.safeParse({ ...without("knee_pain"), age: "old", activity: "couch", extra: 1 });
    expect(result.error!.issues.map((issue) => issue.path.join(".")).sort()).toEqual(["activity", "age", "extra", "knee_pain"]);
  });

  it("names the field answers.<question id> when a procedure wraps it in { answers }", () => {
    const result = z.object({ answers: schema }).safeParse({ answers: { ...VALID, age: 3 } });
    expect(result.error!.issues.map((issue) => issue.path.join("."))).toEqual(["answers.age"]);
  });

  it("refuses a non-object", () => {
    for (const input of [null, "answers", [VALID], 7]) expect(schema.safeParse(input).success).toBe(false);
  });
});

describe("templateQuestionsSchema", () => {
  it("accepts the starter template from @glow/db", () => {
    const parsed = templateQuestionsSchema.parse(COACH_DEFAULT_TEMPLATE.questions);
    expect(parsed.map((q) => q.section)).toEqual(expect.arrayContaining(["screening", "profile", "fitness", "goals", "limitations"]));
    expect(parsed.filter((q) => q.kind === "yes_no" && q.stopIfYes).length).toBeGreaterThanOrEqual(5);
    const limitations = parsed.find((q) => q.id === "limitations");
    expect(limitations?.kind === "multi" && limitations.options.find((o) => o.label === "Knee injury or pain")?.limitation).toBe("knee");
  });

  it("accepts the test questions", () => {
    expect(templateQuestionsSchema.parse(QUESTIONS)).toEqual(QUESTIONS);
  });

  const yesNo = (id: string): Question => ({ id, kind: "yes_no", prompt: "Sure?", required: true, section: "screening" });
  const single = (patch: object) => ({ ...QUESTIONS[4], ...patch });
  const refused: Array<[string, unknown, RegExp]> = [
    ["no question", [], /at least one question/],
    ["61 questions", Array.from({ length: 61 }, (_, i) => yesNo(`q${i}`)), /at most 60/],
    ["two questions with one id", [yesNo("same"), yesNo("same")], /used twice/],
    [
      "two options with one id",
      [
        single({
          options: [
            { id: "a", label: "A" },
            { id: "a", label: "B" },
          ],
        }),
      ],
      /Option ids must be unique/,
    ],
    ["a single option", [single({ options: [{ id: "a", label: "A" }] })], /at least 2 options/],
    ["an unknown kind", [{ ...yesNo("x"), kind: "essay" }], /./],
    ["an id that is not a code", [yesNo("Knee Pain")], /lowercase/],
    ["an id Object.prototype has", [yesNo("constructor")], /reserved/],
    [
      "an option id Object.prototype has",
      [
        single({
          options: [
            { id: "tostring", label: "A" },
            { id: "valueOf", label: "B" },
          ],
        }),
      ],
      /./,
    ],
    ["a scale whose min is not below max", [{ ...QUESTIONS[3], min: 5, max: 5 }], /min must be below max/],
    ["a number whose min is above max", [{ ...QUESTIONS[1], min: 10, max: 1 }], /min must be below max/],
    ["minChoices above maxChoices", [{ ...QUESTIONS[5], minChoices: 3, maxChoices: 2 }], /minChoices/],
    [
      "bands that do not go up",
      [
        {
          ...QUESTIONS[1],
          bands: [
            { atLeast: 5, points: 1 },
            { atLeast: 5, points: 2 },
          ],
        },
      ],
      /Bands go up/,
    ],
    ["a screening stop that may be skipped", [{ ...yesNo("x"), stopIfYes: true, required: false }], /must be required/],
    ["an empty prompt", [{ ...yesNo("x"), prompt: "  " }], /Write something/],
    [
      "an unknown goal",
      [
        single({
          options: [
            { id: "a", label: "A", goal: "fame" },
            { id: "b", label: "B" },
          ],
        }),
      ],
      /./,
    ],
    [
      "points above the maximum",
      [
        single({
          options: [
            { id: "a", label: "A", points: 101 },
            { id: "b", label: "B" },
          ],
        }),
      ],
      /./,
    ],
  ];

  it.each(refused)("refuses %s", (_name, questions, message) => {
    const result = templateQuestionsSchema.safeParse(questions);
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((issue) => issue.message).join("\n")).toMatch(message);
  });

  it("checks one question alone with questionSchema", () => {
    expect(questionSchema.safeParse(QUESTIONS[0]).success).toBe(true);
    expect(questionSchema.safeParse({ ...QUESTIONS[3], max: 0 }).success).toBe(false);
  });
});
