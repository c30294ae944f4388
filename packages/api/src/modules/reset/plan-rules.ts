// The daily plan: three steps chosen by rules, deterministic for the same situation. An AI
// provider, when configured, may reword the steps; if it fails or answers badly, the
// rules' wording stands.
import { z } from "zod";
import type { AiProvider } from "../../core/ai.ts";
import type { Db } from "@glow/db";
import type { Step } from "./schemas.ts";

export interface PlanSituation {
  day: number;
  categoryNames: string[];
  /** Toxic creators the person has not blocked yet. */
  toxicLeft: number;
  favoriteCount: number;
}

export interface StepDraft {
  step: Step;
  position: number;
  title: string;
  description: string;
  target: number;
}

function listNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? "your categories";
  return `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

export function rulePlan({ day, categoryNames, toxicLeft, favoriteCount }: PlanSituation): StepDraft[] {
  const toBlock = Math.min(3, toxicLeft);
  // A little more watching as the week goes on: 3 videos on days 0–2, 4 on 3–5, 5 after.
  const toWatch = 3 + Math.min(2, Math.floor(day / 3));
  const interests = listNames(categoryNames.slice(0, 3));
  return [
    {
      step: "clear",
      position: 0,
      target: toBlock,
      title: toBlock > 0 ? `Block ${toBlock} creator${toBlock === 1 ? "" : "s"} dragging your feed down` : "Your block list is complete",
      description:
        toBlock > 0
          ? "Blocking tells the algorithm to stop showing you this kind of content. Open each creator on TikTok, block them, then tick them off here."
          : "You have blocked every creator we flagged. Nothing to clear today.",
    },
    {
      step: "watch",
      position: 1,
      target: toWatch,
      title: `Watch ${toWatch} videos about ${interests}`,
      description: "Watch each one to the end and like it: finished, liked videos are the strongest signal of what you want more of.",
    },
    {
      step: "reinforce",
      position: 2,
      target: 1,
      title: favoriteCount > 0 ? "Rewatch one of your favorites" : "Save a video you loved, then rewatch it",
      description:
        favoriteCount > 0
          ? "Coming back to a video you loved reinforces the feed you are building."
          : "Add a video from today's Watch step to your favorites, then watch it once more.",
    },
  ];
}

const aiWording = z.object({
  clear: z.object({ title: z.string().min(3).max(120), description: z.string().min(3).max(400) }),
  watch: z.object({ title: z.string().min(3).max(120), description: z.string().min(3).max(400) }),
  reinforce: z.object({ title: z.string().min(3).max(120), description: z.string().min(3).max(400) }),
});

/** Asks the AI provider to reword the rules' plan; null when it fails or answers off-format. */
export async function aiWordedPlan(
  ai: AiProvider,
  drafts: StepDraft[],
  situation: PlanSituation,
  context: { db: Pick<Db, "aiRequestLog">; userId: string },
): Promise<StepDraft[] | null> {
  try {
    const text = await ai.complete(
      [
        {
          role: "system",
          content:
            "You word daily plans for people resetting their TikTok For You feed. Keep each step's meaning and numbers exactly. " +
            'Answer with JSON only: {"clear":{"title","description"},"watch":{"title","description"},"reinforce":{"title","description"}}. ' +
            "Titles under 80 characters, descriptions under 240, warm and concrete.",
        },
        {
          role: "user",
          content: JSON.stringify({
            day: situation.day,
            interests: situation.categoryNames,
            steps: drafts.map(({ step, title, description, target }) => ({ step, title, description, target })),
          }),
        },
      ],
      { db: context.db, userId: context.userId, purpose: "plan.wording" },
    );
    const wording = aiWording.parse(JSON.parse(text));
    return drafts.map((draft) => ({ ...draft, ...wording[draft.step] }));
  } catch {
    return null;
  }
}
