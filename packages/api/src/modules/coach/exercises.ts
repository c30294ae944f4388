// Exercises (coach.exercises.*): Glow's library (org_id NULL, read-only) and each
// organization's own, which staff create and change, with an optional uploaded video.
import { randomUUID } from "node:crypto";
import type { CoachExerciseModel as CoachExercise, Prisma, TenantTx } from "@glow/db";
import { auditRequest } from "../../core/audit.ts";
import { FieldError, ForbiddenError, NotFoundError } from "../../core/errors.ts";
import { containsText } from "../../core/inputs.ts";
import { toPage, type Page } from "../../core/pagination.ts";
import { orgKey, tooLargeMessage } from "../../core/storage/index.ts";
import { isStaff, type CoachContext } from "./access.ts";
import { exercisesOrder, type ExerciseView } from "./schemas.ts";
import { checkUploadedVideo, type MediaContext } from "./videos.ts";

export function exerciseView(row: CoachExercise): ExerciseView {
  return {
    id: row.id,
    library: row.orgId === null,
    name: row.name,
    description: row.description,
    muscleGroups: row.muscleGroups,
    equipment: row.equipment,
    difficulty: row.difficulty,
    contraindications: row.contraindications,
    measure: row.measure === "time" ? "time" : "reps",
    hasVideo: row.videoKey !== null,
    videoSeconds: row.videoSeconds,
    archivedAt: row.archivedAt,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/** Library and own exercises by name; archived ones only for staff who ask. */
export async function listExercises(
  ctx: Pick<CoachContext, "tenant">,
  input: {
    cursor?: string | undefined;
    limit: number;
    search?: string | undefined;
    muscleGroup?: string | undefined;
    includeArchived: boolean;
  },
): Promise<Page<ExerciseView>> {
  const { tenant } = ctx;
  const filters: Prisma.CoachExerciseWhereInput[] = [
    { OR: [{ orgId: tenant.orgId }, { orgId: null }] },
    input.includeArchived && isStaff(tenant) ? {} : { archivedAt: null },
    input.search ? { name: containsText(input.search) } : {},
    input.muscleGroup ? { muscleGroups: { has: input.muscleGroup.toLowerCase() } } : {},
    exercisesOrder.after(input.cursor) ?? {},
  ];
  const rows = await tenant.run((tx) =>
    tx.coachExercise.findMany({ where: { AND: filters }, orderBy: exercisesOrder.orderBy, take: input.limit + 1 }),
  );
  return toPage(rows, input.limit, exercisesOrder, exerciseView);
}

/** A video key the caller may attach: one they uploaded under their organization's folder, checked by its content. */
async function attachableVideo(ctx: MediaContext, key: string): Promise<string> {
  if (!key.startsWith(`orgs/${ctx.tenant.orgId}/`)) {
    throw new FieldError("videoKey", "This video was not uploaded to this organization: upload it again");
  }
  await checkUploadedVideo(ctx, key);
  return key;
}

const lower = (values: string[]) => [...new Set(values.map((value) => value.toLowerCase()))];

interface ExerciseFields {
  name: string;
  description: string;
  muscleGroups: string[];
  equipment: string[];
  difficulty: number;
  contraindications: string[];
  measure: "reps" | "time";
  videoKey?: string | undefined;
  videoSeconds?: number | undefined;
}

export async function createExercise(ctx: MediaContext, input: ExerciseFields): Promise<ExerciseView> {
  const { tenant } = ctx;
  const videoKey = input.videoKey ? await attachableVideo(ctx, input.videoKey) : null;
  const row = await tenant.run((tx) =>
    tx.coachExercise.create({
      data: {
        orgId: tenant.orgId,
        name: input.name,
        description: input.description,
        muscleGroups: lower(input.muscleGroups),
        equipment: lower(input.equipment),
        difficulty: input.difficulty,
        contraindications: [...new Set(input.contraindications)],
        measure: input.measure,
        videoKey,
        videoSeconds: videoKey ? (input.videoSeconds ?? null) : null,
      },
    }),
  );
  await auditRequest(ctx, {
    action: "coach.exercise.created",
    actorId: tenant.userId,
    details: { orgId: tenant.orgId, exerciseId: row.id, name: row.name, video: videoKey !== null },
  });
  return exerciseView(row);
}

/** The organization's own exercise: a library one is refused (403), another organization's is not found. */
async function ownExercise(tx: TenantTx, orgId: string, exerciseId: string): Promise<CoachExercise> {
  const row = await tx.coachExercise.findFirst({ where: { id: exerciseId, OR: [{ orgId }, { orgId: null }] } });
  if (!row) throw new NotFoundError("No such exercise");
  if (row.orgId === null) throw new ForbiddenError("Glow's library exercises cannot be changed: create your own instead");
  return row;
}

export async function updateExercise(
  ctx: MediaContext,
  input: Partial<Omit<ExerciseFields, "videoKey" | "videoSeconds">> & {
    exerciseId: string;
    videoKey?: string | null | undefined;
    videoSeconds?: number | null | undefined;
    archived?: boolean | undefined;
  },
): Promise<ExerciseView> {
  const { tenant } = ctx;
  // Refused before the content is read: a library exercise or another organization's.
  await tenant.run((tx) => ownExercise(tx, tenant.orgId, input.exerciseId));
  const videoKey = input.videoKey ? await attachableVideo(ctx, input.videoKey) : input.videoKey;
  const row = await tenant.run(async (tx) => {
    await ownExercise(tx, tenant.orgId, input.exerciseId);
    return tx.coachExercise.update({
      where: { id: input.exerciseId },
      data: {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.muscleGroups !== undefined ? { muscleGroups: lower(input.muscleGroups) } : {}),
        ...(input.equipment !== undefined ? { equipment: lower(input.equipment) } : {}),
        ...(input.difficulty !== undefined ? { difficulty: input.difficulty } : {}),
        ...(input.contraindications !== undefined ? { contraindications: [...new Set(input.contraindications)] } : {}),
        ...(input.measure !== undefined ? { measure: input.measure } : {}),
        ...(videoKey !== undefined ? { videoKey, ...(videoKey === null ? { videoSeconds: null } : {}) } : {}),
        ...(input.videoSeconds !== undefined && videoKey !== null ? { videoSeconds: input.videoSeconds } : {}),
        ...(input.archived !== undefined ? { archivedAt: input.archived ? new Date() : null } : {}),
      },
    });
  });
  await auditRequest(ctx, {
    action: "coach.exercise.updated",
    actorId: tenant.userId,
    details: {
      orgId: tenant.orgId,
      exerciseId: row.id,
      fields: Object.keys(input).filter((field) => field !== "exerciseId" && field !== "orgId"),
    },
  });
  return exerciseView(row);
}

const EXTENSIONS: Record<string, string> = { "video/mp4": "mp4", "video/webm": "webm", "video/quicktime": "mov" };

/** Where the browser uploads a new exercise video: a fresh key under the organization's folder, refused when declared too big. */
export async function exerciseUploadUrl(
  ctx: MediaContext,
  input: { fileName: string; contentType: string; size: number },
): Promise<{ key: string; url: string; method: "PUT"; headers: Record<string, string>; expiresAt: Date; maxBytes: number }> {
  const maxBytes = ctx.uploads.maxVideoBytes;
  if (input.size > maxBytes) throw new FieldError("size", tooLargeMessage(input.size, maxBytes));
  const key = orgKey(ctx.tenant.orgId, "exercises", `${randomUUID()}.${EXTENSIONS[input.contentType] ?? "mp4"}`);
  const signed = await ctx.storage.signedUploadUrl(key, { contentType: input.contentType, maxBytes });
  return { key, ...signed, maxBytes };
}
