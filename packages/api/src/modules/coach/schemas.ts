// What the coach procedures accept and answer. Inputs name their fields as the web forms do;
// outputs are explicit shapes, never database rows.
import { z } from "zod";
import { byNewest, pageInput, type Keyset } from "../../core/pagination.ts";
import { VIDEO_CONTENT_TYPES } from "../../core/storage/index.ts";
import { templateQuestionsSchema } from "./questions.ts";
import { scoreBreakdownSchema } from "./scoring.ts";

const PAGE = { default: 20, max: 100 };

const id = (what: string) => z.uuid(`Not ${what} id`);
const text = (max: number) => z.string().trim().max(max, `At most ${max} characters`);
const name = (max: number) => text(max).min(1, "Required");
const search = z.string().trim().min(1).max(100, "At most 100 characters").optional();

export const templateIdInput = z.object({ templateId: id("a template") });
export const clientIdInput = z.object({ clientId: id("a client") });
export const assessmentIdInput = z.object({ assessmentId: id("an assessment") });
export const programIdInput = z.object({ programId: id("a program") });
export const exerciseIdInput = z.object({ exerciseId: id("an exercise") });

// ── templates ──

export const templatesOrder = byNewest("id", "asc");
export const templatesListInput = pageInput(templatesOrder, PAGE).extend({
  includeArchived: z.boolean().default(false),
});

export const templateCreateInput = z.object({
  name: name(120),
  description: text(2000).default(""),
  questions: templateQuestionsSchema,
});
export const templateUpdateInput = templateIdInput.extend({
  name: name(120).optional(),
  description: text(2000).optional(),
  questions: templateQuestionsSchema.optional(),
});

export const templateSummaryOutput = z.object({
  id: z.string(),
  /** Glow's shared library template (read-only), or the organization's own. */
  library: z.boolean(),
  name: z.string(),
  description: z.string(),
  version: z.number(),
  questionCount: z.number(),
  archivedAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export const templateOutput = templateSummaryOutput.extend({ questions: templateQuestionsSchema });
export type TemplateView = z.infer<typeof templateOutput>;
export type TemplateSummaryView = z.infer<typeof templateSummaryOutput>;

// ── scores and assessments ──

export const levelOutput = z.union([z.literal(1), z.literal(2), z.literal(3)]);
/** The stored score breakdown (scoring.ts documents how it is made). */
export const scoreOutput = scoreBreakdownSchema;
export type ScoreView = z.infer<typeof scoreOutput>;
export const outcomeOutput = z.enum(["scored", "see_doctor"]);

export const assessmentSubmitInput = templateIdInput.extend({
  /** questionId → answer; checked against the template's questions by the service. */
  answers: z.record(z.string().max(100), z.unknown()),
});
export const assessmentSubmitOutput = z.object({
  assessmentId: z.string(),
  outcome: outcomeOutput,
  score: scoreOutput.nullable(),
  /** Why the screening stopped the flow ("see a doctor first"); empty when scored. */
  reasons: z.array(z.string()),
  programId: z.string().nullable(),
});
export type AssessmentSubmitView = z.infer<typeof assessmentSubmitOutput>;

export const assessmentsOrder = byNewest("id", "desc");
export const assessmentsListInput = pageInput(assessmentsOrder, PAGE).extend({ clientId: id("a client").optional() });

export const assessmentSummaryOutput = z.object({
  id: z.string(),
  clientId: z.string(),
  templateId: z.string(),
  templateName: z.string(),
  outcome: outcomeOutput,
  level: levelOutput.nullable(),
  total: z.number().nullable(),
  createdAt: z.date(),
});
export type AssessmentSummaryView = z.infer<typeof assessmentSummaryOutput>;
export const assessmentOutput = assessmentSummaryOutput.extend({
  templateVersion: z.number(),
  answers: z.record(z.string(), z.unknown()),
  score: scoreOutput.nullable(),
  reasons: z.array(z.string()),
  /** The program first generated from it (null when stopped at the screening). */
  programId: z.string().nullable(),
});
export type AssessmentView = z.infer<typeof assessmentOutput>;

// ── programs ──

export const measureOutput = z.enum(["reps", "time"]);
export const programItemOutput = z.object({
  id: z.string(),
  exerciseId: z.string(),
  name: z.string(),
  muscleGroups: z.array(z.string()),
  measure: measureOutput,
  hasVideo: z.boolean(),
  position: z.number(),
  sets: z.number(),
  reps: z.number().nullable(),
  seconds: z.number().nullable(),
  restSeconds: z.number(),
  loadGuidance: z.string(),
  loadPercent: z.number().nullable(),
});
export const programSessionOutput = z.object({
  id: z.string(),
  week: z.number(),
  day: z.number(),
  title: z.string(),
  /** The client logged this session at least once. */
  logged: z.boolean(),
  items: z.array(programItemOutput),
});
export const programOutput = z.object({
  id: z.string(),
  clientId: z.string(),
  assessmentId: z.string(),
  status: z.enum(["active", "replaced"]),
  title: z.string(),
  weeks: z.number(),
  reason: z.string().nullable(),
  createdAt: z.date(),
  sessions: z.array(programSessionOutput),
});
export type ProgramView = z.infer<typeof programOutput>;

export const programRegenerateInput = clientIdInput.extend({
  reason: z.string().trim().min(3, "Say why in at least 3 characters").max(500, "At most 500 characters"),
});
export const programRegenerateOutput = z.object({ programId: z.string(), replacedProgramId: z.string().nullable() });

export const programSummaryOutput = z.object({
  id: z.string(),
  title: z.string(),
  weeks: z.number(),
  sessions: z.number(),
  createdAt: z.date(),
});

// ── exercises and videos ──

/** Limitation codes an exercise can be contraindicated for (the scoring rules' limitations). */
export const CONTRAINDICATIONS = ["knee", "lower_back", "shoulder", "wrist", "ankle", "hip", "neck", "pregnancy", "hypertension"] as const;
export const contraindication = z.enum(CONTRAINDICATIONS, { error: `One of: ${CONTRAINDICATIONS.join(", ")}` });

const tags = (what: string, max: number) => z.array(name(40)).max(max, `At most ${max} ${what}`);

export const exerciseCreateInput = z.object({
  name: name(120),
  description: text(2000).default(""),
  muscleGroups: tags("muscle groups", 10).min(1, "Name at least one muscle group"),
  equipment: tags("pieces of equipment", 10).default([]),
  difficulty: z.number().int().min(1).max(3),
  contraindications: z.array(contraindication).max(CONTRAINDICATIONS.length).default([]),
  measure: measureOutput.default("reps"),
  /** A key from coach.exercises.uploadUrl, once the file is uploaded. */
  videoKey: z.string().min(1).max(300).optional(),
  videoSeconds: z.number().int().min(1).max(3600).optional(),
});
export const exerciseUpdateInput = exerciseIdInput.extend({
  name: name(120).optional(),
  description: text(2000).optional(),
  muscleGroups: tags("muscle groups", 10).min(1, "Name at least one muscle group").optional(),
  equipment: tags("pieces of equipment", 10).optional(),
  difficulty: z.number().int().min(1).max(3).optional(),
  contraindications: z.array(contraindication).max(CONTRAINDICATIONS.length).optional(),
  measure: measureOutput.optional(),
  /** A new video's key, or null to remove the video. */
  videoKey: z.string().min(1).max(300).nullable().optional(),
  videoSeconds: z.number().int().min(1).max(3600).nullable().optional(),
  archived: z.boolean().optional(),
});

/** Exercises page by name, then id: the cursor is the last row's own key, base64url JSON. */
export const exercisesOrder: Keyset<
  { id: string; name: string },
  { OR: [{ name: { gt: string } }, { name: string; id: { gt: string } }] },
  [{ name: "asc" }, { id: "asc" }]
> = {
  cursor: z
    .string()
    .max(400)
    .refine((value) => decodeNameCursor(value) !== null, "Not a cursor from this list"),
  orderBy: [{ name: "asc" }, { id: "asc" }],
  after(cursor) {
    const at = cursor ? decodeNameCursor(cursor) : null;
    return at ? { OR: [{ name: { gt: at.name } }, { name: at.name, id: { gt: at.id } }] } : undefined;
  },
  keyOf: (row) => Buffer.from(JSON.stringify([row.name, row.id])).toString("base64url"),
};

function decodeNameCursor(cursor: string): { name: string; id: string } | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!Array.isArray(value) || value.length !== 2 || typeof value[0] !== "string") return null;
    const parsed = z.uuid().safeParse(value[1]);
    return parsed.success ? { name: value[0], id: parsed.data } : null;
  } catch {
    return null;
  }
}

export const exercisesListInput = pageInput(exercisesOrder, PAGE).extend({
  search,
  muscleGroup: z.string().trim().min(1).max(40).optional(),
  includeArchived: z.boolean().default(false),
});

export const exerciseOutput = z.object({
  id: z.string(),
  library: z.boolean(),
  name: z.string(),
  description: z.string(),
  muscleGroups: z.array(z.string()),
  equipment: z.array(z.string()),
  difficulty: z.number(),
  contraindications: z.array(z.string()),
  measure: measureOutput,
  hasVideo: z.boolean(),
  videoSeconds: z.number().nullable(),
  archivedAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type ExerciseView = z.infer<typeof exerciseOutput>;

/** A video upload as the browser declares it: refused up front when it is not a video or too big (the content is checked after). */
export const uploadUrlInput = z.object({
  fileName: name(200),
  contentType: z.enum(VIDEO_CONTENT_TYPES, { error: "Only videos can be uploaded: MP4, WebM or QuickTime (MOV)" }),
  size: z.number().int("A size in whole bytes").min(1, "This file is empty."),
});
export const uploadUrlOutput = z.object({
  key: z.string(),
  url: z.string(),
  method: z.literal("PUT"),
  headers: z.record(z.string(), z.string()),
  expiresAt: z.date(),
  maxBytes: z.number(),
});

export const streamUrlOutput = z.object({ url: z.string(), expiresAt: z.date() });

// ── progress and workouts ──

export const progressRecordInput = exerciseIdInput.extend({
  positionSeconds: z.number().int().min(0).max(86_400),
  completed: z.boolean(),
});
export const progressRecordOutput = z.object({
  exerciseId: z.string(),
  positionSeconds: z.number(),
  completed: z.boolean(),
  updatedAt: z.date(),
});

export const workoutSetInput = z.object({
  exerciseId: id("an exercise"),
  setNumber: z.number().int().min(1).max(100),
  reps: z.number().int().min(0).max(1000).optional(),
  seconds: z.number().int().min(0).max(86_400).optional(),
  loadKg: z.number().min(0, "At least 0 kg").max(1000, "At most 1000 kg").optional(),
  rpe: z.number().int().min(1, "RPE is 1 to 10").max(10, "RPE is 1 to 10").optional(),
});
export const workoutLogInput = programIdInput.extend({
  sessionId: id("a session"),
  sets: z.array(workoutSetInput).min(1, "Log at least one set").max(100, "At most 100 sets"),
});
export const workoutLogOutput = z.object({ logId: z.string(), loggedAt: z.date() });

export const adherenceOutput = z.object({
  /** Sessions of the active program's weeks that have begun. */
  planned: z.number(),
  /** Of those, sessions logged at least once. */
  logged: z.number(),
  /** logged / planned, 0–1; null without an active program or before anything is due. */
  ratio: z.number().nullable(),
});
export type AdherenceView = z.infer<typeof adherenceOutput>;

export const progressSummaryInput = z.object({ clientId: id("a client").optional() });
export const progressSummaryOutput = z.object({
  clientId: z.string(),
  programId: z.string().nullable(),
  adherence: adherenceOutput,
  /** Sum of reps × load per ISO week, the last 12 weeks, oldest first (weeks with nothing are 0). */
  weeklyVolume: z.array(z.object({ week: z.string(), weekStart: z.date(), volumeKg: z.number(), sets: z.number() })),
  personalBests: z.array(
    z.object({ exerciseId: z.string(), name: z.string(), maxLoadKg: z.number().nullable(), maxReps: z.number().nullable() }),
  ),
  videosCompleted: z.number(),
});

// ── clients ──

export const clientsOrder = byNewest("userId", "asc");
export const clientsListInput = pageInput(clientsOrder, PAGE).extend({ search });

export const clientSummaryOutput = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  joinedAt: z.date(),
  latestAssessment: z.object({ id: z.string(), at: z.date(), outcome: outcomeOutput, level: levelOutput.nullable() }).nullable(),
  activeProgramId: z.string().nullable(),
  lastWorkoutAt: z.date().nullable(),
});
export type ClientSummaryView = z.infer<typeof clientSummaryOutput>;

export const clientDetailOutput = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  joinedAt: z.date(),
  /** The newest ten; coach.assessments.list pages through all. */
  assessments: z.array(assessmentSummaryOutput),
  program: programSummaryOutput.nullable(),
  adherence: adherenceOutput,
  lastWorkoutAt: z.date().nullable(),
});
export type ClientDetailView = z.infer<typeof clientDetailOutput>;

// ── portal ──

export const portalOverviewOutput = z.object({
  clients: z.number(),
  activePrograms: z.number(),
  /** Mean adherence over clients with an active program that has sessions due; null when none. */
  adherenceAverage: z.number().nullable(),
  /** Since Monday 00:00 UTC. */
  assessmentsThisWeek: z.number(),
  recentActivity: z.array(
    z.object({ logId: z.string(), clientId: z.string(), clientName: z.string(), sessionTitle: z.string(), loggedAt: z.date() }),
  ),
});

export const portalChildrenOutput = z.object({
  /** Every descendant organization (children, their children…), aggregates only. */
  children: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      parentId: z.string(),
      depth: z.number(),
      clients: z.number(),
      activePrograms: z.number(),
      assessmentsThisWeek: z.number(),
      adherenceAverage: z.number().nullable(),
    }),
  ),
});
