// What the connected-accounts procedures accept and answer: explicit shapes, never rows (an
// account's tokens never leave the server).
import { z } from "zod";
import { PLATFORM_IDS } from "./platforms/types.ts";

const id = (what: string) => z.uuid(`Not ${what} id`);

export const platformIdInput = z.enum(PLATFORM_IDS, `One of ${PLATFORM_IDS.join(", ")}`);

export const platformRulesOutput = z.object({
  maxLength: z.number(),
  requiresMedia: z.boolean(),
  mediaKinds: z.array(z.enum(["image", "video"])),
  maxMedia: z.number(),
});

export const platformsOutput = z.object({
  items: z.array(
    z.object({
      id: platformIdInput,
      name: z.string(),
      rules: platformRulesOutput,
      /** Its credentials are configured on this server (or it is the local sandbox). */
      available: z.boolean(),
    }),
  ),
});

export const accountOutput = z.object({
  id: z.string(),
  platform: platformIdInput,
  handle: z.string(),
  displayName: z.string(),
  status: z.enum(["active", "needs_reconnect"]),
  /** Why it needs reconnecting, in the platform's words. */
  statusReason: z.string().nullable(),
  tokenExpiresAt: z.date().nullable(),
  lastSyncedAt: z.date().nullable(),
  createdAt: z.date(),
});
export type AccountView = z.infer<typeof accountOutput>;

export const accountsOutput = z.object({ items: z.array(accountOutput) });

export const connectInput = z.object({ platform: platformIdInput });
export const connectOutput = z.object({ authorizeUrl: z.string() });

export const completeConnectInput = z.object({
  state: z.string().min(16, "Not a connection state").max(200, "Not a connection state"),
  code: z.string().min(1, "Required").max(4096, "At most 4096 characters"),
});

export const accountIdInput = z.object({ accountId: id("an account") });
export const disconnectOutput = z.object({ id: z.string() });
