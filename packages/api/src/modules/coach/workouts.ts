// Workout logs (coach.workouts.log): the sets a client did of one session of their own program.
import { FieldError, NotFoundError } from "../../core/errors.ts";
import type { CoachContext } from "./access.ts";

interface LoggedSet {
  exerciseId: string;
  setNumber: number;
  reps?: number | undefined;
  seconds?: number | undefined;
  loadKg?: number | undefined;
  rpe?: number | undefined;
}

/**
 * Logs a session of the caller's own program. The session must be one of the program's and
 * every set's exercise one of the session's (400 naming the field otherwise); another
 * client's program is "not found".
 */
export async function logWorkout(
  ctx: Pick<CoachContext, "tenant">,
  input: { programId: string; sessionId: string; sets: LoggedSet[] },
): Promise<{ logId: string; loggedAt: Date }> {
  const { tenant } = ctx;
  return tenant.run(async (tx) => {
    const program = await tx.coachProgram.findFirst({
      where: { id: input.programId, orgId: tenant.orgId, clientId: tenant.userId },
      select: { id: true },
    });
    if (!program) throw new NotFoundError("No such program");
    const session = await tx.coachProgramSession.findFirst({
      where: { id: input.sessionId, programId: program.id },
      select: { id: true, items: { select: { exerciseId: true } } },
    });
    if (!session) throw new FieldError("sessionId", "This session is not part of the program");
    const planned = new Set(session.items.map((item) => item.exerciseId));
    const seen = new Set<string>();
    input.sets.forEach((set, index) => {
      if (!planned.has(set.exerciseId)) throw new FieldError(`sets.${index}.exerciseId`, "This exercise is not part of the session");
      const key = `${set.exerciseId}:${set.setNumber}`;
      if (seen.has(key)) throw new FieldError(`sets.${index}.setNumber`, `Set ${set.setNumber} of this exercise is logged twice`);
      seen.add(key);
    });
    const log = await tx.coachWorkoutLog.create({
      data: { orgId: tenant.orgId, clientId: tenant.userId, programId: program.id, sessionId: session.id },
      select: { id: true, loggedAt: true },
    });
    await tx.coachWorkoutSet.createMany({
      data: input.sets.map((set) => ({
        orgId: tenant.orgId,
        logId: log.id,
        exerciseId: set.exerciseId,
        setNumber: set.setNumber,
        reps: set.reps ?? null,
        seconds: set.seconds ?? null,
        loadKg: set.loadKg ?? null,
        rpe: set.rpe ?? null,
      })),
    });
    return { logId: log.id, loggedAt: log.loggedAt };
  });
}
