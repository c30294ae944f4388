import type { Db } from "@glow/db";

export type AnalyticsEventName =
  | "preferences_set"
  | "plan_generated"
  | "step_completed"
  | "day_completed"
  | "creator_blocked"
  | "video_watched"
  | "favorite_added"
  | "favorite_rewatched";

/** Records a product event for the metrics (one insert; part of the action that caused it). */
export async function trackEvent(
  db: Pick<Db, "analyticsEvent">,
  userId: string | null,
  name: AnalyticsEventName,
  properties: Record<string, string | number | boolean | null> = {},
): Promise<void> {
  await db.analyticsEvent.create({ data: { userId, name, properties } });
}
