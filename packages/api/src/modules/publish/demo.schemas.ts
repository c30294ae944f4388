// What the demo procedures accept and answer: the real procedures' shapes (imported from their
// schemas), with a demoId where those take an orgId.
import { z } from "zod";
import { accountOutput } from "./accounts.schemas.ts";
import { currentPlanOutput, usageOutput } from "./plan.ts";
import { mediaOutput } from "./posts.schemas.ts";

export const demoIdInput = z.object({ demoId: z.uuid("Not a demo id") });

/** A demo account: an account's shape, marked so that no screen can take it for a real one. */
export const demoAccountOutput = accountOutput.extend({ demo: z.literal(true) });

export const demoWorkspaceOutput = z.object({
  demoId: z.string(),
  /** When the demo's copy is forgotten (two hours after it started). */
  expiresAt: z.date(),
  name: z.string(),
  plan: currentPlanOutput,
  usage: usageOutput,
  accounts: z.array(demoAccountOutput),
  /** Sample images a demo post can attach (the demo has no uploads). */
  media: z.array(mediaOutput),
});
export type DemoWorkspaceView = z.infer<typeof demoWorkspaceOutput>;

export const demoStartOutput = z.object({ demoId: z.string(), expiresAt: z.date(), workspace: demoWorkspaceOutput });
