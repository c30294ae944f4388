import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { pageOutput } from "../../core/pagination.ts";
import { publicProcedure } from "../../trpc.ts";
import { captionOutput, captionRequestInput } from "./ai.schemas.ts";
import {
  cancelDemoPost,
  createDemoPost,
  demoCalendar,
  demoCaption,
  demoWorkspace,
  getDemoPost,
  listDemoInbox,
  listDemoPosts,
  markDemoRead,
  publishDemoPostNow,
  replyInDemo,
  scheduleDemoPost,
  startDemo,
} from "./demo.ts";
import { demoIdInput, demoStartOutput, demoWorkspaceOutput } from "./demo.schemas.ts";
import { inboxListInput, inboxMessageOutput, markReadInput, markReadOutput, replyInput } from "./inbox.schemas.ts";
import { calendarInput, calendarOutput, postCreateInput, postIdInput, postOutput, postsListInput, scheduleInput } from "./posts.schemas.ts";

// publish.demo.*: "Try the demo" without an account (decision 026). Public, rate limited like
// every public call, and working only on the visitor's copy in the cache named by `demoId`:
// nothing here reads or writes the database, the job queue or a platform.
const demo = publicProcedure.input(demoIdInput);

export const demoRouter = {
  /** A fresh demo workspace on the Pro plan, for two hours. */
  start: publicProcedure
    .input(z.object({}).optional())
    .output(demoStartOutput)
    .mutation(({ ctx }) => startDemo(ctx.cache)),
  workspace: demo.output(demoWorkspaceOutput).query(({ ctx, input }) => demoWorkspace(ctx.cache, input.demoId)),
  posts: {
    list: demo
      .input(postsListInput)
      .output(pageOutput(postOutput))
      .query(({ ctx, input }) => listDemoPosts(ctx.cache, input)),
    get: demo
      .input(postIdInput)
      .output(postOutput)
      .query(({ ctx, input }) => getDemoPost(ctx.cache, input)),
    create: demo
      .input(postCreateInput)
      .output(postOutput)
      .mutation(({ ctx, input }) => createDemoPost(ctx.cache, input)),
    schedule: demo
      .input(scheduleInput)
      .output(postOutput)
      .mutation(({ ctx, input }) => scheduleDemoPost(ctx.cache, input)),
    publishNow: demo
      .input(postIdInput)
      .output(postOutput)
      .mutation(({ ctx, input }) => publishDemoPostNow(ctx.cache, input)),
    cancel: demo
      .input(postIdInput)
      .output(postOutput)
      .mutation(({ ctx, input }) => cancelDemoPost(ctx.cache, input)),
  },
  calendar: demo
    .input(calendarInput)
    .output(calendarOutput)
    .query(({ ctx, input }) => demoCalendar(ctx.cache, input)),
  inbox: {
    list: demo
      .input(inboxListInput)
      .output(pageOutput(inboxMessageOutput))
      .query(({ ctx, input }) => listDemoInbox(ctx.cache, input)),
    markRead: demo
      .input(markReadInput)
      .output(markReadOutput)
      .mutation(({ ctx, input }) => markDemoRead(ctx.cache, input)),
    reply: demo
      .input(replyInput)
      .output(inboxMessageOutput)
      .mutation(({ ctx, input }) => replyInDemo(ctx.cache, input)),
  },
  ai: {
    /** The local captioner only: a demo never calls a configured AI provider. */
    caption: demo
      .input(captionRequestInput)
      .output(captionOutput)
      .mutation(({ ctx, input }) => demoCaption(ctx.cache, input)),
  },
} satisfies TRPCRouterRecord;
