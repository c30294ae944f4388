// The scoring rules of scoring.ts (pure: no database), mostly on the starter template.
import { COACH_DEFAULT_TEMPLATE } from "@glow/db";
import { describe, expect, it } from "vitest";
import { answersSchemaFor, templateQuestionsSchema, type Answers, type Question } from "./questions.ts";
import { scoreAssessment, scoreBreakdownSchema, type ScoreBreakdown } from "./scoring.ts";

const STARTER = templateQuestionsSchema.parse(COACH_DEFAULT_TEMPLATE.questions);
const SCREENING_NO = Object.fromEntries(STARTER.filter((q) => q.section === "screening").map((q) => [q.id, false]));

function starterAnswers(patch: Answers): Answers {
  const answers: Answers = {
    ...SCREENING_NO,
    age: 35,
    training_days: "three",
    equipment: ["nothing"],
    activity_level: "sedentary",
    pushups: 0,
    weekly_minutes: 0,
    fitness_rating: 1,
    goals: ["general"],
    limitations: ["none"],
    blood_pressure: false,
    ...patch,
  };
  // Every answer set in these tables is one the procedures would accept.
  return answersSchemaFor(STARTER).parse(answers);
}

function scored(questions: readonly Question[], answers: Answers): ScoreBreakdown {
  const result = scoreAssessment(questions, answers);
  if (result.outcome !== "scored") throw new Error(`stopped: ${result.reasons.join("; ")}`);
  return scoreBreakdownSchema.parse(result.score);
}

describe("scoreAssessment on the starter template", () => {
  const table: Array<[string, Answers, Partial<ScoreBreakdown>]> = [
    [
      "a sedentary beginner with a knee injury and no equipment",
      { goals: ["fat_loss"], limitations: ["knee"] },
      { total: 0, level: 1, goals: ["fat_loss"], limitations: ["knee"], sessionsPerWeek: 3, equipment: ["bodyweight"] },
    ],
    [
      // 16 + 10 + 10 + round(25 × 2/4) = 49
      "an intermediate with two goals, two limitations and high blood pressure, asking for 5 days",
      {
        activity_level: "moderate",
        pushups: 15,
        weekly_minutes: 120,
        fitness_rating: 3,
        goals: ["mobility", "strength"],
        limitations: ["shoulder", "lower_back"],
        blood_pressure: true,
        training_days: "five",
        equipment: ["dumbbell", "band"],
      },
      {
        total: 49,
        level: 2,
        goals: ["strength", "mobility"],
        limitations: ["hypertension", "lower_back", "shoulder"],
        sessionsPerWeek: 4,
        equipment: ["band", "bodyweight", "dumbbell"],
      },
    ],
    [
      "a very fit client at full marks",
      {
        activity_level: "very",
        pushups: 45,
        weekly_minutes: 400,
        fitness_rating: 5,
        training_days: "four",
        equipment: ["barbell", "bench", "dumbbell"],
        goals: ["endurance"],
      },
      {
        total: 100,
        level: 3,
        goals: ["endurance"],
        limitations: [],
        sessionsPerWeek: 4,
        equipment: ["barbell", "bench", "bodyweight", "dumbbell"],
      },
    ],
    [
      // 8 + 5 + 10 + 6 = 29
      "a lightly active beginner asking for 5 days gets 3",
      { activity_level: "light", pushups: 7, weekly_minutes: 100, fitness_rating: 2, training_days: "five" },
      { total: 29, level: 1, goals: ["general"], sessionsPerWeek: 3 },
    ],
    [
      // 25 + 20 + 15 + 13 = 73: advanced, but 70 years old
      "an advanced score at 70 years old is capped at intermediate",
      { activity_level: "very", pushups: 30, weekly_minutes: 150, fitness_rating: 3, age: 70, training_days: "five" },
      { total: 73, level: 2, sessionsPerWeek: 4 },
    ],
    [
      "an advanced score during pregnancy is capped at intermediate",
      { activity_level: "very", pushups: 45, weekly_minutes: 400, fitness_rating: 5, limitations: ["pregnancy"] },
      { total: 100, level: 2, limitations: ["pregnancy"] },
    ],
    [
      "an advanced score with controlled high blood pressure is capped at intermediate",
      { activity_level: "very", pushups: 45, weekly_minutes: 400, fitness_rating: 5, blood_pressure: true },
      { total: 100, level: 2, limitations: ["hypertension"] },
    ],
    [
      "an advanced client who can train twice a week gets 2 sessions",
      { activity_level: "very", pushups: 45, weekly_minutes: 400, fitness_rating: 5, training_days: "two" },
      { total: 100, level: 3, sessionsPerWeek: 2 },
    ],
  ];

  it.each(table)("scores %s", (_name, patch, expected) => {
    expect(scored(STARTER, starterAnswers(patch))).toMatchObject(expected);
  });

  it("shows how the total was made: four parts of 25", () => {
    const score = scored(STARTER, starterAnswers({ activity_level: "moderate", pushups: 15, weekly_minutes: 120, fitness_rating: 3 }));
    expect(score.parts).toEqual([
      { part: "activity_level", points: 16, max: 25, note: "Exercise 2–3 times a week" },
      { part: "pushups", points: 10, max: 25, note: "15 reps" },
      { part: "weekly_minutes", points: 10, max: 25, note: "120 min" },
      { part: "fitness_rating", points: 13, max: 25, note: "3 of 5" },
    ]);
    expect(score.total).toBe(Math.round(score.parts.reduce((sum, p) => sum + p.points, 0)));
  });

  it("keeps the profile numbers and says why a level was capped", () => {
    const score = scored(
      STARTER,
      starterAnswers({ activity_level: "very", pushups: 45, weekly_minutes: 400, fitness_rating: 5, age: 66, weight: 82.5 }),
    );
    expect(score).toMatchObject({ ageYears: 66, weightKg: 82.5, level: 2 });
    expect(score.notes).toEqual(["Level capped at intermediate for age 66"]);
  });

  it("stops at the health screening: any yes is see_doctor, with the prompts in template order", () => {
    const heart = STARTER.find((q) => q.id === "parq_heart")!;
    const dizziness = STARTER.find((q) => q.id === "parq_dizziness")!;
    expect(scoreAssessment(STARTER, starterAnswers({ parq_heart: true }))).toEqual({ outcome: "see_doctor", reasons: [heart.prompt] });
    expect(scoreAssessment(STARTER, starterAnswers({ parq_dizziness: true, parq_heart: true }))).toEqual({
      outcome: "see_doctor",
      reasons: [heart.prompt, dizziness.prompt],
    });
  });

  it("does not stop for a yes that only adds a limitation", () => {
    expect(scoreAssessment(STARTER, starterAnswers({ blood_pressure: true })).outcome).toBe("scored");
  });

  it("is deterministic", () => {
    const answers = starterAnswers({ activity_level: "light", goals: ["strength", "mobility"], limitations: ["wrist", "ankle"] });
    expect(scoreAssessment(STARTER, answers)).toEqual(scoreAssessment(STARTER, structuredClone(answers)));
  });
});

describe("scoreAssessment's rules on other templates", () => {
  const fitness = (points: number[]): Question => ({
    id: "fitness",
    kind: "single",
    prompt: "Fitness?",
    required: true,
    section: "fitness",
    options: points.map((p) => ({ id: `p${p}`, label: `${p}`, points: p })),
  });
  const CUTOFFS = [0, 39, 40, 69, 70, 100];

  it.each([
    [0, 1, 2],
    [39, 1, 2],
    [40, 2, 3],
    [69, 2, 3],
    [70, 3, 4],
    [100, 3, 4],
  ])("a total of %i is level %i with %i sessions a week when the client did not say", (total, level, sessions) => {
    expect(scored([fitness(CUTOFFS)], { fitness: `p${total}` })).toMatchObject({
      total,
      level,
      sessionsPerWeek: sessions,
      goals: ["general"],
    });
  });

  it("counts an unanswered scored question as 0 of its worth", () => {
    const rating: Question = { id: "rating", kind: "scale", prompt: "?", required: false, section: "fitness", min: 0, max: 10, points: 50 };
    const questions = [fitness([0, 50]), rating];
    expect(scored(questions, { fitness: "p50" })).toMatchObject({
      total: 50,
      parts: [
        { points: 50, max: 50 },
        { points: 0, max: 50, note: "not answered" },
      ],
    });
    expect(scored(questions, { fitness: "p50", rating: 10 }).total).toBe(100);
  });

  it("is 0 and a beginner when the template scores nothing, and leaves equipment out when it did not ask", () => {
    const score = scored([{ id: "ok", kind: "yes_no", prompt: "Ready?", required: true, section: "profile" }], { ok: true });
    expect(score).toMatchObject({ total: 0, level: 1, parts: [], goals: ["general"], limitations: [] });
    expect(score.equipment).toBeUndefined();
  });

  it("takes the highest band a number reaches", () => {
    const steps: Question = {
      id: "steps",
      kind: "number",
      prompt: "Steps a day?",
      required: true,
      section: "fitness",
      unit: "steps",
      min: 0,
      max: 50_000,
      integer: true,
      bands: [
        { atLeast: 2000, points: 10 },
        { atLeast: 8000, points: 20 },
      ],
    };
    expect([1999, 2000, 7999, 8000, 50_000].map((count) => scored([steps], { steps: count }).total)).toEqual([0, 50, 50, 100, 100]);
  });

  it("reads days a week from a number question, kept within 2 and level + 2", () => {
    const days: Question = {
      id: "days",
      kind: "number",
      prompt: "Days?",
      required: true,
      section: "profile",
      unit: "days",
      min: 0,
      max: 7,
      integer: true,
      reads: "sessions_per_week",
    };
    expect([0, 1, 2, 3, 4, 7].map((d) => scored([days], { days: d }).sessionsPerWeek)).toEqual([2, 2, 2, 3, 3, 3]);
  });

  it("reads goals from a single choice and limitations from options and yes/no questions", () => {
    const questions: Question[] = [
      {
        id: "main_goal",
        kind: "single",
        prompt: "Main goal?",
        required: true,
        section: "goals",
        options: [
          { id: "a", label: "Stronger", goal: "strength" },
          { id: "b", label: "Lighter", goal: "fat_loss" },
        ],
      },
      { id: "neck", kind: "yes_no", prompt: "Neck pain?", required: true, section: "limitations", limitationIfYes: "neck" },
      {
        id: "injuries",
        kind: "multi",
        prompt: "Injuries?",
        required: false,
        section: "limitations",
        options: [
          { id: "w", label: "Wrist", limitation: "wrist" },
          { id: "n", label: "Neck", limitation: "neck" },
        ],
      },
    ];
    expect(scored(questions, { main_goal: "b", neck: true, injuries: ["w", "n"] })).toMatchObject({
      goals: ["fat_loss"],
      limitations: ["neck", "wrist"],
    });
    expect(scored(questions, { main_goal: "a", neck: false })).toMatchObject({ goals: ["strength"], limitations: [] });
  });
});
