// A client's progress (coach.progress.*): how far they got in exercise videos, and the summary
// of their training (adherence, weekly volume, personal bests, videos completed).
import { NotFoundError } from "../../core/errors.ts";
import { isStaff, requireClient, requireVisible, type CoachContext } from "./access.ts";
import { ADHERENCE_COLUMNS, adherenceOf } from "./adherence.ts";
import type { z } from "zod";
import type { progressSummaryOutput } from "./schemas.ts";

interface ProgressRow {
  exercise_id: string;
  position_seconds: number;
  completed: boolean;
  updated_at: Date;
}

// One statement: the exercise must be one the tenant can read (RLS: its own or the library's);
// a completed video stays completed and its position never goes back.
const RECORD_PROGRESS_SQL = `
INSERT INTO coach_video_progress (org_id, client_id, exercise_id, position_seconds, completed, updated_at)
SELECT glow_current_org(), $1::uuid, e.id, $3, $4, now() FROM coach_exercises e WHERE e.id = $2::uuid
ON CONFLICT (org_id, client_id, exercise_id) DO UPDATE SET
  position_seconds = CASE WHEN coach_video_progress.completed
                          THEN greatest(coach_video_progress.position_seconds, EXCLUDED.position_seconds)
                          ELSE EXCLUDED.position_seconds END,
  completed = coach_video_progress.completed OR EXCLUDED.completed,
  updated_at = now()
RETURNING exercise_id::text, position_seconds, completed, updated_at`;

/** The caller's own position in an exercise's video. */
export async function recordProgress(
  ctx: Pick<CoachContext, "tenant">,
  input: { exerciseId: string; positionSeconds: number; completed: boolean },
): Promise<{ exerciseId: string; positionSeconds: number; completed: boolean; updatedAt: Date }> {
  const { tenant } = ctx;
  const { rows } = await tenant.sql((client) =>
    client.query<ProgressRow>(RECORD_PROGRESS_SQL, [tenant.userId, input.exerciseId, input.positionSeconds, input.completed]),
  );
  const row = rows[0];
  if (!row) throw new NotFoundError("No such exercise");
  return { exerciseId: row.exercise_id, positionSeconds: row.position_seconds, completed: row.completed, updatedAt: row.updated_at };
}

type ProgressSummaryView = z.infer<typeof progressSummaryOutput>;

const WEEKS_OF_VOLUME = 12;

/** A client's training summary: the caller's own, or (staff) any client's; another client's is "not found". */
export async function progressSummary(ctx: Pick<CoachContext, "tenant">, clientId: string | undefined): Promise<ProgressSummaryView> {
  const { tenant } = ctx;
  const target = clientId ?? tenant.userId;
  requireVisible(tenant, target, "client");
  return tenant.run(async (tx) => {
    if (target !== tenant.userId && isStaff(tenant)) await requireClient(tx, tenant, target);
    const [program] = await tx.$queryRawUnsafe<Array<{ id: string; planned: number; logged: number }>>(
      `SELECT p.id::text AS id, ${ADHERENCE_COLUMNS}
         FROM coach_programs p WHERE p.client_id = $1::uuid AND p.status = 'active' ORDER BY p.created_at DESC LIMIT 1`,
      target,
    );
    const weeks = await tx.$queryRawUnsafe<Array<{ week: string; week_start: Date; volume_kg: number; sets: number }>>(
      `WITH weeks AS (
         SELECT generate_series(date_trunc('week', now() AT TIME ZONE 'UTC') - interval '${WEEKS_OF_VOLUME - 1} weeks',
                                date_trunc('week', now() AT TIME ZONE 'UTC'), interval '1 week') AS week_start)
       SELECT to_char(w.week_start, 'IYYY-"W"IW') AS week, w.week_start AT TIME ZONE 'UTC' AS week_start,
              coalesce(sum(coalesce(s.reps, 0) * coalesce(s.load_kg, 0)), 0)::float8 AS volume_kg, count(s.id)::int AS sets
         FROM weeks w
         LEFT JOIN coach_workout_logs l ON l.client_id = $1::uuid
              AND l.logged_at >= w.week_start AT TIME ZONE 'UTC' AND l.logged_at < (w.week_start + interval '1 week') AT TIME ZONE 'UTC'
         LEFT JOIN coach_workout_sets s ON s.log_id = l.id
        GROUP BY w.week_start ORDER BY w.week_start`,
      target,
    );
    const bests = await tx.$queryRawUnsafe<
      Array<{ exercise_id: string; name: string; max_load_kg: number | null; max_reps: number | null }>
    >(
      `SELECT s.exercise_id::text AS exercise_id, e.name, max(s.load_kg)::float8 AS max_load_kg, max(s.reps) AS max_reps
         FROM coach_workout_sets s
         JOIN coach_workout_logs l ON l.id = s.log_id
         JOIN coach_exercises e ON e.id = s.exercise_id
        WHERE l.client_id = $1::uuid
        GROUP BY s.exercise_id, e.name ORDER BY e.name, s.exercise_id`,
      target,
    );
    const videosCompleted = await tx.coachVideoProgress.count({ where: { orgId: tenant.orgId, clientId: target, completed: true } });
    return {
      clientId: target,
      programId: program?.id ?? null,
      adherence: adherenceOf(program),
      weeklyVolume: weeks.map((w) => ({ week: w.week, weekStart: w.week_start, volumeKg: Number(w.volume_kg), sets: w.sets })),
      personalBests: bests.map((b) => ({
        exerciseId: b.exercise_id,
        name: b.name,
        maxLoadKg: b.max_load_kg === null ? null : Number(b.max_load_kg),
        maxReps: b.max_reps,
      })),
      videosCompleted,
    };
  });
}
