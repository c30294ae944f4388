import { z } from "zod";

export const pingInput = z
  .object({
    message: z.string().max(200, "At most 200 characters").optional(),
  })
  .optional();

export const pingOutput = z.object({
  pong: z.literal(true),
  message: z.string().nullable(),
  at: z.date(),
});

/** What anyone may learn: that this is a Glow server and it answers (the desktop app probes with it). */
export const infoOutput = z.object({
  name: z.literal("Glow"),
  status: z.literal("ok"),
});

/** What administrators learn besides: which version runs and since when (it tells an attacker what to try). */
export const statusOutput = z.object({
  name: z.literal("Glow"),
  version: z.string(),
  uptimeSeconds: z.number().nonnegative(),
  startedAt: z.date(),
});
