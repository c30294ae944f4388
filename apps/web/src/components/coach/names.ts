// Codes the coach API speaks in ("lower_back", "fat_loss"), in words a person reads.
import type { RouterOutputs } from "@glow/api/client";

type Goal = NonNullable<RouterOutputs["coach"]["assessments"]["get"]["score"]>["goals"][number];

/** A code in words: "lower_back" → "Lower back", "advanced" → "Advanced". */
export function codeName(code: string): string {
  const words = code.replaceAll("_", " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const GOAL_NAMES: Record<Goal, string> = {
  strength: "Strength",
  fat_loss: "Fat loss",
  endurance: "Endurance",
  mobility: "Mobility",
  general: "General fitness",
};
