/*
 * Scoring an assessment: answers (already checked by answersSchemaFor) → a score breakdown.
 * Deterministic: the same template and answers always give the same result. The rules, also in
 * docs/coach-scoring.md:
 *
 * 1. Screening. Any yes/no question with `stopIfYes` answered yes stops here:
 *    { outcome: "see_doctor", reasons: those questions' prompts, in template order }.
 * 2. Parts. Every question carrying points is one part of the total (unanswered: 0 of its max):
 *    - single choice whose options have `points`: worth its best option; earns the chosen one's;
 *    - scale with `points` P: earns round(P × (answer − min) / (max − min));
 *    - number with `bands`: worth its best band; earns the highest band whose `atLeast` the
 *      answer reaches (none reached: 0).
 *    total = round(100 × Σ earned / Σ worth), 0 when the template has no scored question.
 *    The starter template has four parts of 25: activity level, push-ups in a minute, minutes
 *    of exercise a week, self-rated fitness.
 * 3. Level: total < 40 → 1 (beginner), 40–69 → 2 (intermediate), ≥ 70 → 3 (advanced); then
 *    capped at 2 for an age (a number that `reads: "age"`) under 18 or 65 and over, and for
 *    the limitations "pregnancy" and "hypertension".
 * 4. Goals: the `goal` of every chosen option, in template order (question, then option),
 *    without repeats; ["general"] when none.
 * 5. Limitations: the `limitation` of every chosen option plus `limitationIfYes` of yes/no
 *    questions answered yes; sorted, unique. ("none" options carry no limitation.)
 * 6. Equipment: when the template has options carrying `equipment`, it asked: the chosen codes
 *    plus "bodyweight", sorted. Otherwise absent, and any equipment may be used.
 * 7. Sessions per week: level + 1 (2, 3 or 4) by default; when the client said how many days
 *    they can train (an option's `sessionsPerWeek`, or a number that `reads:
 *    "sessions_per_week"`; the first answered in template order), that, kept within 2 and
 *    level + 2 (a beginner trains at most 3 times a week, an advanced client at most 5).
 */
import { z } from "zod";
import { answerOf, GOALS, type Answer, type Answers, type Goal, type Question, type QuestionOption } from "./questions.ts";

export type { Goal } from "./questions.ts";
/** A limitation code: "knee", "lower_back", "shoulder", "wrist", "hip", "ankle", "neck", "pregnancy", "hypertension", … */
export type Limitation = string;
export type Level = 1 | 2 | 3;

export const LEVEL_CUTOFFS = { intermediate: 40, advanced: 70 } as const;
export const LEVEL_NAMES = { 1: "beginner", 2: "intermediate", 3: "advanced" } as const satisfies Record<Level, string>;
/** Limitations under which a client is never scored advanced. */
export const LEVEL_CAPPING_LIMITATIONS: readonly Limitation[] = ["hypertension", "pregnancy"];

export interface ScorePart {
  part: string;
  points: number;
  max: number;
  note: string;
}

export interface ScoreBreakdown {
  /** 0..100 */
  total: number;
  /** 1 beginner, 2 intermediate, 3 advanced. */
  level: Level;
  /** At least one ("general" when none chosen). */
  goals: Goal[];
  /** Sorted, unique. */
  limitations: Limitation[];
  /** 2..5 */
  sessionsPerWeek: number;
  /** How the total was made: one entry per scored question. */
  parts: ScorePart[];
  /** Equipment the client has (always with "bodyweight"); absent when the template did not ask. */
  equipment?: string[];
  ageYears?: number;
  weightKg?: number;
  /** Why the level or sessions differ from the plain rule (a cap, a clamp), in words. */
  notes?: string[];
}

export type ScoreResult = { outcome: "scored"; score: ScoreBreakdown } | { outcome: "see_doctor"; reasons: string[] };

/** The stored score's shape, for reading it back from JSON and for procedure outputs. */
export const scoreBreakdownSchema = z.object({
  total: z.number().int().min(0).max(100),
  level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  goals: z.array(z.enum(GOALS)).min(1),
  limitations: z.array(z.string()),
  sessionsPerWeek: z.number().int().min(2).max(5),
  parts: z.array(z.object({ part: z.string(), points: z.number(), max: z.number(), note: z.string() })),
  equipment: z.array(z.string()).optional(),
  ageYears: z.number().optional(),
  weightKg: z.number().optional(),
  notes: z.array(z.string()).optional(),
}) satisfies z.ZodType<ScoreBreakdown>;

function chosenOptions(question: Question, answer: Answer | undefined): QuestionOption[] {
  if (question.kind === "single" && typeof answer === "string") return question.options.filter((o) => o.id === answer);
  if (question.kind === "multi" && Array.isArray(answer)) return question.options.filter((o) => answer.includes(o.id));
  return [];
}

function scorePart(question: Question, answer: Answer | undefined): ScorePart | null {
  const unanswered = (max: number): ScorePart => ({ part: question.id, points: 0, max, note: "not answered" });
  switch (question.kind) {
    case "single": {
      const worths = question.options.map((o) => o.points).filter((p) => p !== undefined);
      if (worths.length === 0) return null;
      const max = Math.max(...worths);
      const [chosen] = chosenOptions(question, answer);
      if (!chosen) return unanswered(max);
      return { part: question.id, points: chosen.points ?? 0, max, note: chosen.label };
    }
    case "scale": {
      if (question.points === undefined) return null;
      if (typeof answer !== "number") return unanswered(question.points);
      const share = (Math.min(Math.max(answer, question.min), question.max) - question.min) / (question.max - question.min);
      return { part: question.id, points: Math.round(question.points * share), max: question.points, note: `${answer} of ${question.max}` };
    }
    case "number": {
      if (!question.bands) return null;
      const max = Math.max(...question.bands.map((b) => b.points));
      if (typeof answer !== "number") return unanswered(max);
      const reached = question.bands.filter((b) => answer >= b.atLeast).at(-1);
      return { part: question.id, points: reached?.points ?? 0, max, note: `${answer} ${question.unit}` };
    }
    default:
      return null;
  }
}

function levelOf(total: number): Level {
  if (total >= LEVEL_CUTOFFS.advanced) return 3;
  if (total >= LEVEL_CUTOFFS.intermediate) return 2;
  return 1;
}

/** The first number answered among the questions that read `what`. */
function readNumber(questions: readonly Question[], answers: Answers, what: string): number | undefined {
  for (const question of questions) {
    const answer = answerOf(answers, question.id);
    if (question.kind === "number" && question.reads === what && typeof answer === "number") return answer;
  }
  return undefined;
}

export function scoreAssessment(questions: readonly Question[], answers: Answers): ScoreResult {
  const stoppedBy = questions.filter((q) => q.kind === "yes_no" && q.stopIfYes && answerOf(answers, q.id) === true);
  if (stoppedBy.length > 0) return { outcome: "see_doctor", reasons: stoppedBy.map((q) => q.prompt) };

  const parts: ScorePart[] = [];
  const goals: Goal[] = [];
  const limitations = new Set<Limitation>();
  const equipment = new Set<string>(["bodyweight"]);
  let askedEquipment = false;
  let availableDays: number | undefined;

  for (const question of questions) {
    const answer = answerOf(answers, question.id);
    const part = scorePart(question, answer);
    if (part) parts.push(part);
    if (question.kind === "yes_no" && question.limitationIfYes && answer === true) limitations.add(question.limitationIfYes);
    if (question.kind === "single" || question.kind === "multi") {
      if (question.options.some((o) => o.equipment)) askedEquipment = true;
      for (const option of chosenOptions(question, answer)) {
        if (option.goal && !goals.includes(option.goal)) goals.push(option.goal);
        if (option.limitation) limitations.add(option.limitation);
        if (option.equipment) equipment.add(option.equipment);
        if (option.sessionsPerWeek !== undefined) availableDays ??= option.sessionsPerWeek;
      }
    }
    if (question.kind === "number" && question.reads === "sessions_per_week" && typeof answer === "number") {
      availableDays ??= Math.floor(answer);
    }
  }

  const worth = parts.reduce((sum, p) => sum + p.max, 0);
  const earned = parts.reduce((sum, p) => sum + p.points, 0);
  const total = worth === 0 ? 0 : Math.round((100 * earned) / worth);

  const notes: string[] = [];
  const ageYears = readNumber(questions, answers, "age");
  const weightKg = readNumber(questions, answers, "weight");
  const sortedLimitations = [...limitations].sort();
  let level = levelOf(total);
  if (level === 3) {
    const capping = sortedLimitations.filter((l) => LEVEL_CAPPING_LIMITATIONS.includes(l));
    if (ageYears !== undefined && (ageYears < 18 || ageYears >= 65)) notes.push(`Level capped at intermediate for age ${ageYears}`);
    if (capping.length > 0) notes.push(`Level capped at intermediate for ${capping.join(", ")}`);
    if (notes.length > 0) level = 2;
  }

  const most = level + 2;
  let sessionsPerWeek = level + 1;
  if (availableDays !== undefined) {
    sessionsPerWeek = Math.min(Math.max(availableDays, 2), most);
    if (sessionsPerWeek !== availableDays) {
      notes.push(`${sessionsPerWeek} sessions a week (asked for ${availableDays}; ${LEVEL_NAMES[level]}s train 2 to ${most} times)`);
    }
  }

  const score: ScoreBreakdown = {
    total,
    level,
    goals: goals.length > 0 ? goals : ["general"],
    limitations: sortedLimitations,
    sessionsPerWeek,
    parts,
    ...(askedEquipment ? { equipment: [...equipment].sort() } : {}),
    ...(ageYears !== undefined ? { ageYears } : {}),
    ...(weightKg !== undefined ? { weightKg } : {}),
    notes,
  };
  return { outcome: "scored", score };
}
