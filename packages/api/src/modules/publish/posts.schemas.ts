// What the posts, calendar and slots procedures accept and answer: explicit shapes, never rows.
import { z } from "zod";
import { dateInput } from "../../core/inputs.ts";
import { instantUuidCursor } from "../../core/pagination.ts";
import { PLATFORM_IDS } from "./platforms/types.ts";
import { MEDIA_CONTENT_TYPES, MAX_MEDIA_PER_POST } from "./media.ts";
import { isTimeZone, LOCAL_DATE_TIME } from "./scheduling.ts";

const id = (what: string) => z.uuid(`Not ${what} id`);
const MAX_CONTENT = 63_206;

export const TARGET_STATES = ["draft", "scheduled", "publishing", "published", "failed", "cancelled"] as const;
export const POST_STATES = ["draft", "scheduled", "publishing", "published", "partial", "failed", "cancelled"] as const;
export type PostState = (typeof POST_STATES)[number];

export const timeZoneInput = z.string().refine(isTimeZone, "Not an IANA time zone (like Europe/Berlin)");
const localDateTime = z.string().regex(LOCAL_DATE_TIME, 'A local date and time like "2026-12-05T09:30"');
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "A date like 2026-12-01");
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time like "09:30"');

const content = z.string().max(MAX_CONTENT, `At most ${MAX_CONTENT} characters`);
const mediaInput = z.array(z.object({ key: z.string().min(1).max(512) })).max(MAX_MEDIA_PER_POST, `At most ${MAX_MEDIA_PER_POST} files`);
const targetsInput = z
  .array(z.object({ accountId: id("an account"), content: content.nullish() }))
  .min(1, "Pick at least one account")
  .max(20, "At most 20 accounts")
  .refine((targets) => new Set(targets.map((target) => target.accountId)).size === targets.length, "Each account once");

export const postIdInput = z.object({ postId: id("a post") });

export const uploadUrlInput = z.object({
  contentType: z.enum(MEDIA_CONTENT_TYPES, "Images (PNG, JPEG, WebP, GIF) or videos (MP4, MOV)"),
  bytes: z.number().int().min(1, "An empty file").max(Number.MAX_SAFE_INTEGER),
});
export const uploadUrlOutput = z.object({
  key: z.string(),
  url: z.string(),
  method: z.literal("PUT"),
  headers: z.record(z.string(), z.string()),
  expiresAt: z.date(),
});

export const postCreateInput = z.object({ content, media: mediaInput.default([]), targets: targetsInput });
export const postUpdateInput = postIdInput.extend({
  content: content.optional(),
  media: mediaInput.optional(),
  targets: targetsInput.optional(),
});

export const postsListInput = z.object({
  cursor: instantUuidCursor.optional(),
  limit: z.number().int().min(1).max(100).default(20),
  state: z.enum(POST_STATES).optional(),
  from: dateInput.optional(),
  to: dateInput.optional(),
});

export const scheduleInput = postIdInput.extend({ at: localDateTime, timeZone: timeZoneInput });
export const queueInput = postIdInput.extend({ timeZone: timeZoneInput.optional() });

export const mediaOutput = z.object({
  key: z.string(),
  kind: z.enum(["image", "video"]),
  contentType: z.string(),
  bytes: z.number(),
  url: z.string(),
});

export const targetOutput = z.object({
  id: z.string(),
  accountId: z.string(),
  platform: z.enum(PLATFORM_IDS),
  accountHandle: z.string(),
  content: z.string().nullable(),
  text: z.string(),
  state: z.enum(TARGET_STATES),
  scheduledAt: z.date().nullable(),
  publishedAt: z.date().nullable(),
  externalId: z.string().nullable(),
  externalUrl: z.string().nullable(),
  failureReason: z.string().nullable(),
  attempts: z.number(),
});

export const postOutput = z.object({
  id: z.string(),
  content: z.string(),
  media: z.array(mediaOutput),
  timeZone: z.string().nullable(),
  scheduledAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
  author: z.object({ id: z.string(), name: z.string() }),
  state: z.enum(POST_STATES),
  targets: z.array(targetOutput),
});
export type PostView = z.infer<typeof postOutput>;
export type TargetView = z.infer<typeof targetOutput>;

export const calendarInput = z.object({ from: localDate, to: localDate, timeZone: timeZoneInput });
export const calendarOutput = z.object({
  timeZone: z.string(),
  entries: z.array(
    z.object({
      postId: z.string(),
      at: z.date(),
      date: z.string(),
      time: z.string(),
      excerpt: z.string(),
      state: z.enum(POST_STATES),
      platforms: z.array(z.enum(PLATFORM_IDS)),
    }),
  ),
});
export type CalendarView = z.infer<typeof calendarOutput>;

export const slotsSetInput = z.object({
  timeZone: timeZoneInput,
  slots: z
    .array(z.object({ weekday: z.number().int().min(1, "1 (Monday) to 7 (Sunday)").max(7, "1 (Monday) to 7 (Sunday)"), time }))
    .max(70, "At most 70 slots a week"),
});
export const slotsOutput = z.object({
  timeZone: z.string().nullable(),
  slots: z.array(z.object({ weekday: z.number(), time: z.string() })),
});
export type SlotsView = z.infer<typeof slotsOutput>;
