// What publish.ai.caption accepts and answers (the demo's caption procedure shares them).
import { z } from "zod";
import { PLATFORM_IDS } from "./platforms/types.ts";

export const CAPTION_TONES = ["friendly", "professional", "playful", "bold"] as const;
export type CaptionTone = (typeof CAPTION_TONES)[number];

/** The caption's subject: a saved post's text, or text not saved yet (exactly one). */
export const captionRequestInput = z
  .object({
    postId: z.uuid("Not a post id").optional(),
    content: z.string().trim().min(1, "Required").max(5000, "At most 5000 characters").optional(),
    platform: z.enum(PLATFORM_IDS, { error: "Not a platform Glow publishes to" }),
    tone: z.enum(CAPTION_TONES, { error: `One of ${CAPTION_TONES.join(", ")}` }),
  })
  .superRefine((input, issues) => {
    if (input.postId === undefined && input.content === undefined)
      issues.addIssue({ code: "custom", path: ["content"], message: "Give the post's text, or the postId of a saved post" });
    if (input.postId !== undefined && input.content !== undefined)
      issues.addIssue({ code: "custom", path: ["postId"], message: "Give either postId or content, not both" });
  });
export type CaptionRequest = z.infer<typeof captionRequestInput>;

export const captionOutput = z.object({
  /** Three captions, each within the platform's character limit. */
  suggestions: z.array(z.string()).length(3),
  /** The model that wrote them ("glow-local-captions" for the local captioner). */
  model: z.string(),
});
export type CaptionSuggestions = z.infer<typeof captionOutput>;
