import type { TRPCRouterRecord } from "@trpc/server";
import { eventsOf } from "../../core/events.ts";
import { pageOutput } from "../../core/pagination.ts";
import { tenantProcedure } from "../../trpc.ts";
import { calendar } from "./calendar.ts";
import { targetsChannel, type TargetChanged } from "./events.ts";
import { cancelPost, createPost, getPost, listPosts, postUploadUrl, publishPostNow, queuePost, schedulePost, updatePost } from "./posts.ts";
import {
  calendarInput,
  calendarOutput,
  postCreateInput,
  postIdInput,
  postOutput,
  postsListInput,
  postUpdateInput,
  queueInput,
  scheduleInput,
  slotsOutput,
  slotsSetInput,
  uploadUrlInput,
  uploadUrlOutput,
} from "./posts.schemas.ts";
import { getSlots, setSlots } from "./slots.ts";

// Posts and their targets: staff compose, schedule and publish; clients (viewers) read.
/** `publish.calendar` (and `publish.posts.calendar`): posts by local day in a zone. */
export const calendarProcedure = tenantProcedure("client")
  .input(calendarInput)
  .output(calendarOutput)
  .query(({ ctx, input }) => calendar(ctx.tenant, input));

export const postsRouter = {
  uploadUrl: tenantProcedure("staff")
    .input(uploadUrlInput)
    .output(uploadUrlOutput)
    .mutation(({ ctx, input }) => postUploadUrl(ctx, input)),
  create: tenantProcedure("staff")
    .input(postCreateInput)
    .output(postOutput)
    .mutation(({ ctx, input }) => createPost(ctx, input)),
  update: tenantProcedure("staff")
    .input(postUpdateInput)
    .output(postOutput)
    .mutation(({ ctx, input }) => updatePost(ctx, input)),
  get: tenantProcedure("client")
    .input(postIdInput)
    .output(postOutput)
    .query(({ ctx, input }) => getPost(ctx, input.postId)),
  list: tenantProcedure("client")
    .input(postsListInput)
    .output(pageOutput(postOutput))
    .query(({ ctx, input }) => listPosts(ctx, input)),
  schedule: tenantProcedure("staff")
    .input(scheduleInput)
    .output(postOutput)
    .mutation(({ ctx, input }) => schedulePost(ctx, input)),
  queue: tenantProcedure("staff")
    .input(queueInput)
    .output(postOutput)
    .mutation(({ ctx, input }) => queuePost(ctx, input)),
  publishNow: tenantProcedure("staff")
    .input(postIdInput)
    .output(postOutput)
    .mutation(({ ctx, input }) => publishPostNow(ctx, input.postId)),
  cancel: tenantProcedure("staff")
    .input(postIdInput)
    .output(postOutput)
    .mutation(({ ctx, input }) => cancelPost(ctx, input.postId)),
  calendar: calendarProcedure,
  /** Each target's state as it changes, for the organization's posts. */
  onChange: tenantProcedure("client").subscription(async function* ({ ctx, signal }) {
    yield* eventsOf<TargetChanged>(ctx.events, targetsChannel(ctx.tenant.orgId), signal);
  }),
} satisfies TRPCRouterRecord;

export const slotsRouter = {
  get: tenantProcedure("client")
    .output(slotsOutput)
    .query(({ ctx }) => getSlots(ctx.tenant)),
  set: tenantProcedure("staff")
    .input(slotsSetInput)
    .output(slotsOutput)
    .mutation(({ ctx, input }) => setSlots(ctx.tenant, input)),
} satisfies TRPCRouterRecord;
