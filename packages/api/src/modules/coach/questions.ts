// Assessment templates: what a question may be, and the zod schema of a client's answers built
// from a template. Pure (no database): the procedures validate with it, the web app may too.
//
// Scoring hints live on the questions themselves so a business's own template is scored by the
// same rules as Glow's (see scoring.ts): options carry `points`, `goal`, `limitation`,
// `equipment`, `sessionsPerWeek`; a scale carries `points`; a number carries `bands` and
// `reads`; a yes/no carries `stopIfYes` (health screening) or `limitationIfYes`.
import { z } from "zod";

export const QUESTION_KINDS = ["scale", "single", "multi", "number", "yes_no"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const QUESTION_SECTIONS = ["screening", "profile", "fitness", "goals", "limitations"] as const;
export type QuestionSection = (typeof QUESTION_SECTIONS)[number];
export const GOALS = ["strength", "fat_loss", "endurance", "mobility", "general"] as const;
export type Goal = (typeof GOALS)[number];
/** What a number question tells the scorer besides points (see scoring.ts). */
export const NUMBER_READS = ["age", "weight", "sessions_per_week"] as const;

/** The most points one question can be worth; the total is a share of all questions' maxima. */
export const MAX_QUESTION_POINTS = 100;

// Ids become field paths ("answers.knee_pain") and object keys: no Object.prototype names.
const idPattern = /^[a-z][a-z0-9_]{0,47}$/;
const identifier = (what: string) =>
  z
    .string()
    .regex(idPattern, `A ${what} id is lowercase letters, digits and _ (starting with a letter, at most 48)`)
    .refine((id) => !(id in Object.prototype), `This ${what} id is reserved`);
/** Limitation and equipment codes, e.g. "knee", "lower_back", "dumbbell". */
const code = z.string().regex(/^[a-z][a-z0-9_]{0,31}$/, "A code is lowercase letters, digits and _ (at most 32)");
const text = (max: number) => z.string().trim().min(1, "Write something").max(max, `At most ${max} characters`);
const points = z.number().int().min(0).max(MAX_QUESTION_POINTS);

const questionBase = {
  id: identifier("question"),
  prompt: text(300),
  help: text(500).optional(),
  required: z.boolean(),
  section: z.enum(QUESTION_SECTIONS),
};

export const optionSchema = z.object({
  id: identifier("option"),
  label: text(120),
  /** Points this choice earns (single choice only); the question is worth its best option's points. */
  points: points.optional(),
  goal: z.enum(GOALS).optional(),
  limitation: code.optional(),
  /** Equipment the client has when they pick this; a template with such options "asked about equipment". */
  equipment: code.optional(),
  /** Days a week the client can train, when they pick this. */
  sessionsPerWeek: z.number().int().min(1).max(7).optional(),
  /** "None of these": cannot be picked together with another option. */
  exclusive: z.boolean().optional(),
});
export type QuestionOption = z.infer<typeof optionSchema>;

const options = z
  .array(optionSchema)
  .min(2, "Give at least 2 options")
  .max(30, "At most 30 options")
  .refine((list) => new Set(list.map((o) => o.id)).size === list.length, "Option ids must be unique");

const scaleQuestion = z
  .object({
    ...questionBase,
    kind: z.literal("scale"),
    min: z.number().int(),
    max: z.number().int(),
    minLabel: text(60).optional(),
    maxLabel: text(60).optional(),
    /** Points at the top of the scale, shared linearly along it. */
    points: points.optional(),
  })
  .refine((q) => q.min < q.max, { message: "min must be below max", path: ["max"] })
  .refine((q) => q.max - q.min <= 100, { message: "A scale has at most 101 steps", path: ["max"] });

const singleQuestion = z.object({ ...questionBase, kind: z.literal("single"), options });

const multiQuestion = z
  .object({
    ...questionBase,
    kind: z.literal("multi"),
    options,
    minChoices: z.number().int().min(0).optional(),
    maxChoices: z.number().int().min(1).optional(),
  })
  .refine((q) => q.minChoices === undefined || q.maxChoices === undefined || q.minChoices <= q.maxChoices, {
    message: "minChoices must not exceed maxChoices",
    path: ["minChoices"],
  })
  .refine((q) => (q.minChoices ?? 0) <= q.options.length, { message: "More choices asked than options", path: ["minChoices"] });

export const bandSchema = z.object({ atLeast: z.number(), points });
const numberQuestion = z
  .object({
    ...questionBase,
    kind: z.literal("number"),
    unit: text(16),
    min: z.number(),
    max: z.number(),
    integer: z.boolean(),
    /** Points by value: the highest band whose atLeast the answer reaches (none reached: 0). */
    bands: z.array(bandSchema).min(1).max(20).optional(),
    reads: z.enum(NUMBER_READS).optional(),
  })
  .refine((q) => q.min < q.max, { message: "min must be below max", path: ["max"] })
  .refine((q) => !q.bands || q.bands.every((band, i) => i === 0 || band.atLeast > q.bands![i - 1]!.atLeast), {
    message: "Bands go up: each atLeast above the previous one",
    path: ["bands"],
  });

const yesNoQuestion = z
  .object({
    ...questionBase,
    kind: z.literal("yes_no"),
    /** Health screening: a "yes" stops the assessment ("see a doctor first"). */
    stopIfYes: z.boolean().optional(),
    /** A "yes" adds this limitation (e.g. "hypertension") without stopping. */
    limitationIfYes: code.optional(),
  })
  // A screening question one may skip would screen nobody.
  .refine((q) => !q.stopIfYes || q.required, { message: "A question that can stop the assessment must be required", path: ["required"] });

const questionUnion = z.discriminatedUnion("kind", [scaleQuestion, singleQuestion, multiQuestion, numberQuestion, yesNoQuestion]);
export type Question = z.infer<typeof questionUnion>;
export type QuestionOf<K extends QuestionKind> = Extract<Question, { kind: K }>;

/** One question, for template create/update. */
export const questionSchema: z.ZodType<Question> = questionUnion;

/** A template's questions: 1..60, unique ids. */
export const templateQuestionsSchema: z.ZodType<Question[]> = z
  .array(questionUnion)
  .min(1, "A template has at least one question")
  .max(60, "A template has at most 60 questions")
  .superRefine((questions, ctx) => {
    const seen = new Set<string>();
    questions.forEach((question, index) => {
      if (seen.has(question.id))
        ctx.addIssue({ code: "custom", path: [index, "id"], message: `Question id "${question.id}" is used twice` });
      seen.add(question.id);
    });
  });

export type Answer = number | string | string[] | boolean;
export type Answers = Record<string, Answer>;

const NEEDS_ANSWER = "This question needs an answer";
const NOT_AN_OPTION = "Not one of the options";
const whenMissing = (otherwise: string) => (issue: { input: unknown }) => (issue.input === undefined ? NEEDS_ANSWER : otherwise);

function answerSchema(question: Question): z.ZodType<Answer> {
  switch (question.kind) {
    case "scale":
      return z
        .number({ error: whenMissing(`Answer with a number from ${question.min} to ${question.max}`) })
        .int(`Answer with a whole number from ${question.min} to ${question.max}`)
        .min(question.min, `At least ${question.min}`)
        .max(question.max, `At most ${question.max}`);
    case "number": {
      const base = z
        .number({ error: whenMissing("Answer with a number") })
        .min(question.min, `At least ${question.min} ${question.unit}`)
        .max(question.max, `At most ${question.max} ${question.unit}`);
      return question.integer ? base.int("Answer with a whole number") : base;
    }
    case "yes_no":
      return z.boolean({ error: whenMissing("Answer yes or no") });
    case "single": {
      const ids = new Set(question.options.map((o) => o.id));
      return z.string({ error: whenMissing("Choose one option") }).refine((id) => ids.has(id), NOT_AN_OPTION);
    }
    case "multi": {
      const byId = new Map(question.options.map((o) => [o.id, o]));
      const least = question.minChoices ?? (question.required ? 1 : 0);
      const most = question.maxChoices ?? question.options.length;
      // Every issue stays on the question's own path, so a form shows it beside the question.
      const choices = z.array(z.unknown(), { error: whenMissing("Choose from the options") }).superRefine((chosen, ctx) => {
        const fail = (message: string) => ctx.addIssue({ code: "custom", message });
        if (chosen.some((id) => typeof id !== "string" || !byId.has(id))) return fail(NOT_AN_OPTION);
        if (new Set(chosen).size !== chosen.length) return fail("Choose each option once");
        if (chosen.length < least) return fail(least === 1 ? "Choose at least one option" : `Choose at least ${least} options`);
        if (chosen.length > most) return fail(`Choose at most ${most} option${most === 1 ? "" : "s"}`);
        const exclusive = chosen.find((id) => byId.get(id as string)!.exclusive);
        if (exclusive && chosen.length > 1) fail(`“${byId.get(exclusive as string)!.label}” cannot be combined with other choices`);
      });
      return choices as unknown as z.ZodType<string[]>;
    }
  }
}

/**
 * The answers a template accepts: one key per question (required ones present), each checked
 * for its kind; unknown question ids refused. Every issue's path is the question id.
 */
export function answersSchemaFor(questions: readonly Question[]): z.ZodType<Answers> {
  const shape: Record<string, z.ZodType<Answer | undefined>> = {};
  for (const question of questions) shape[question.id] = answerSchema(question).optional();
  const required = questions.filter((question) => question.required);
  const stops = questions.filter((question) => question.kind === "yes_no" && question.stopIfYes);
  const known = new Set(questions.map((question) => question.id));
  return z.looseObject(shape).superRefine(
    (answers, check) => {
      if (answers === null || typeof answers !== "object") return; // the object's own issue says so
      for (const key of Object.keys(answers)) {
        if (!known.has(key)) check.addIssue({ code: "custom", path: [key], message: "Not a question of this assessment" });
      }
      // A screening "yes" that stops the assessment ends it there: the questions after it are not asked.
      if (stops.some((question) => answerOf(answers as Answers, question.id) === true)) return;
      for (const question of required) {
        if (answerOf(answers as Answers, question.id) === undefined)
          check.addIssue({ code: "custom", path: [question.id], message: "This question needs an answer" });
      }
    },
    // Run beside the answers' own issues, so that every problem is reported at once.
    { when: () => true },
  ) as unknown as z.ZodType<Answers>;
}

/** The answer to a question, read safely (answers are the caller's keys). */
export function answerOf(answers: Answers, questionId: string): Answer | undefined {
  return Object.hasOwn(answers, questionId) ? answers[questionId] : undefined;
}
