// What the inbox procedures accept and answer: explicit shapes, never rows.
import { z } from "zod";
import { instantUuidCursor } from "../../core/pagination.ts";
import { platformIdInput } from "./accounts.schemas.ts";

const id = (what: string) => z.uuid(`Not ${what} id`);
const PAGE = { default: 30, max: 100 };
const MAX_REPLY = 5000;

export const inboxListInput = z.object({
  cursor: instantUuidCursor.optional(),
  limit: z.number().int().min(1).max(PAGE.max).default(PAGE.default),
  accountId: id("an account").optional(),
  unread: z.boolean().optional(),
});

export const inboxMessageOutput = z.object({
  id: z.string(),
  accountId: z.string(),
  platform: platformIdInput,
  accountHandle: z.string(),
  kind: z.enum(["message", "comment"]),
  authorName: z.string(),
  authorHandle: z.string().nullable(),
  text: z.string(),
  receivedAt: z.date(),
  readAt: z.date().nullable(),
  reply: z.object({ text: z.string(), at: z.date(), byName: z.string() }).nullable(),
});
export type InboxMessageView = z.infer<typeof inboxMessageOutput>;

export const unreadOutput = z.object({
  total: z.number(),
  byAccount: z.array(z.object({ accountId: z.string(), count: z.number() })),
});

export const markReadInput = z.object({
  messageIds: z.array(id("a message")).min(1, "Pick at least one message").max(200, "At most 200 messages"),
});
export const markReadOutput = z.object({ updated: z.number() });

export const replyInput = z.object({
  messageId: id("a message"),
  text: z.string().trim().min(1, "Write a reply").max(MAX_REPLY, `At most ${MAX_REPLY} characters`),
});

export const syncInput = z.object({ accountId: id("an account").optional() });
export const syncOutput = z.object({ queued: z.number() });
