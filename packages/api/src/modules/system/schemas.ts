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

export const infoOutput = z.object({
  name: z.literal("Glow"),
  version: z.string(),
  uptimeSeconds: z.number().nonnegative(),
  startedAt: z.date(),
});
