// The 7-day challenge (reset.challenge.*): day 0 is the date of the first plan.
import type { z } from "zod";
import type { Context } from "../../context.ts";
import { addDays, daysBetween, isoDate, utcDay } from "./dates.ts";
import { planInclude, planView, type StepProgress } from "./plan.ts";
import type { challengeOutput } from "./schemas.ts";

type Deps = Pick<Context, "db">;

export const CHALLENGE_DAYS = 8; // day 0 to day 7

export async function challengeProgress(ctx: Deps, userId: string): Promise<z.infer<typeof challengeOutput>> {
  const enrollment = await ctx.db.challengeEnrollment.findUnique({ where: { userId } });
  if (!enrollment) {
    return {
      enrolled: false,
      startedOn: null,
      currentDay: null,
      days: Array.from({ length: CHALLENGE_DAYS }, (_, day) => ({ day, date: null, status: "upcoming" as const })),
      completedDays: 0,
      streak: 0,
      finished: false,
    };
  }
  const today = utcDay();
  const currentDay = daysBetween(enrollment.startedOn, today);
  const plans = await ctx.db.plan.findMany({ where: { userId, day: { lt: CHALLENGE_DAYS } }, include: planInclude });
  const noProgress: StepProgress = { clear: 0, watch: 0, reinforce: 0 };
  const doneDays = new Set(
    plans
      .map((plan) => planView(plan, noProgress))
      .filter((p) => p.completed)
      .map((p) => p.day),
  );
  const days = Array.from({ length: CHALLENGE_DAYS }, (_, day) => ({
    day,
    date: isoDate(addDays(enrollment.startedOn, day)),
    status: doneDays.has(day)
      ? ("done" as const)
      : day < currentDay
        ? ("missed" as const)
        : day === currentDay
          ? ("today" as const)
          : ("upcoming" as const),
  }));
  // The streak counts back from today if today is done, else from yesterday.
  let streak = 0;
  for (let day = doneDays.has(currentDay) ? currentDay : currentDay - 1; day >= 0 && doneDays.has(day); day--) streak += 1;
  return {
    enrolled: true,
    startedOn: isoDate(enrollment.startedOn),
    currentDay,
    days,
    completedDays: doneDays.size,
    streak,
    finished: doneDays.size === CHALLENGE_DAYS,
  };
}
