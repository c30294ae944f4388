import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { pageOutput } from "../../core/pagination.ts";
import { tenantProcedure } from "../../trpc.ts";
import {
  assessmentIdInput,
  assessmentOutput,
  assessmentsListInput,
  assessmentSubmitInput,
  assessmentSubmitOutput,
  assessmentSummaryOutput,
  clientDetailOutput,
  clientIdInput,
  clientsListInput,
  clientSummaryOutput,
  exerciseCreateInput,
  exerciseIdInput,
  exerciseOutput,
  exercisesListInput,
  exerciseUpdateInput,
  portalChildrenOutput,
  portalOverviewOutput,
  programIdInput,
  programOutput,
  programRegenerateInput,
  programRegenerateOutput,
  progressRecordInput,
  progressRecordOutput,
  progressSummaryInput,
  progressSummaryOutput,
  streamUrlOutput,
  templateCreateInput,
  templateIdInput,
  templateOutput,
  templatesListInput,
  templateSummaryOutput,
  templateUpdateInput,
  uploadUrlInput,
  uploadUrlOutput,
  workoutLogInput,
  workoutLogOutput,
} from "./schemas.ts";
import { getAssessment, listAssessments, submitAssessment } from "./assessments.ts";
import { getClient, listClients } from "./clients.ts";
import { createExercise, exerciseUploadUrl, listExercises, updateExercise } from "./exercises.ts";
import { portalChildren, portalOverview } from "./portal.ts";
import { currentProgram, getProgram, regenerateProgram } from "./programs.ts";
import { progressSummary, recordProgress } from "./progress.ts";
import { archiveTemplate, createTemplate, getTemplate, listTemplates, updateTemplate } from "./templates.ts";
import { exerciseStreamUrl } from "./videos.ts";
import { logWorkout } from "./workouts.ts";

// Every procedure works inside the organization named by `orgId` (tenantProcedure): its
// database work runs under row-level security for that organization only.
export const coachRouter = {
  templates: {
    /** The organization's own templates and Glow's library template; clients read them to take an assessment. */
    list: tenantProcedure("client")
      .input(templatesListInput)
      .output(pageOutput(templateSummaryOutput))
      .query(({ ctx, input }) => listTemplates(ctx, input)),
    get: tenantProcedure("client")
      .input(templateIdInput)
      .output(templateOutput)
      .query(({ ctx, input }) => getTemplate(ctx, input.templateId)),
    create: tenantProcedure("staff")
      .input(templateCreateInput)
      .output(templateOutput)
      .mutation(({ ctx, input }) => createTemplate(ctx, input)),
    update: tenantProcedure("staff")
      .input(templateUpdateInput)
      .output(templateOutput)
      .mutation(({ ctx, input }) => updateTemplate(ctx, input)),
    archive: tenantProcedure("staff")
      .input(templateIdInput)
      .output(z.object({ archived: z.literal(true) }))
      .mutation(({ ctx, input }) => archiveTemplate(ctx, input.templateId)),
  },
  clients: {
    list: tenantProcedure("staff")
      .input(clientsListInput)
      .output(pageOutput(clientSummaryOutput))
      .query(({ ctx, input }) => listClients(ctx, input)),
    get: tenantProcedure("staff")
      .input(clientIdInput)
      .output(clientDetailOutput)
      .query(({ ctx, input }) => getClient(ctx, input.clientId)),
  },
  assessments: {
    /** The caller answers a template for themself: scored, and (unless stopped at the screening) a program is generated. */
    submit: tenantProcedure("client")
      .input(assessmentSubmitInput)
      .output(assessmentSubmitOutput)
      .mutation(({ ctx, input }) => submitAssessment(ctx, input)),
    get: tenantProcedure("client")
      .input(assessmentIdInput)
      .output(assessmentOutput)
      .query(({ ctx, input }) => getAssessment(ctx, input.assessmentId)),
    list: tenantProcedure("client")
      .input(assessmentsListInput)
      .output(pageOutput(assessmentSummaryOutput))
      .query(({ ctx, input }) => listAssessments(ctx, input)),
  },
  programs: {
    /** The caller's own active program, or null. */
    current: tenantProcedure("client")
      .output(programOutput.nullable())
      .query(({ ctx }) => currentProgram(ctx)),
    get: tenantProcedure("client")
      .input(programIdInput)
      .output(programOutput)
      .query(({ ctx, input }) => getProgram(ctx, input.programId)),
    regenerate: tenantProcedure("staff")
      .input(programRegenerateInput)
      .output(programRegenerateOutput)
      .mutation(({ ctx, input }) => regenerateProgram(ctx, input)),
  },
  exercises: {
    list: tenantProcedure("client")
      .input(exercisesListInput)
      .output(pageOutput(exerciseOutput))
      .query(({ ctx, input }) => listExercises(ctx, input)),
    create: tenantProcedure("staff")
      .input(exerciseCreateInput)
      .output(exerciseOutput)
      .mutation(({ ctx, input }) => createExercise(ctx, input)),
    update: tenantProcedure("staff")
      .input(exerciseUpdateInput)
      .output(exerciseOutput)
      .mutation(({ ctx, input }) => updateExercise(ctx, input)),
    /** Where the browser PUTs a new exercise video; attach the key with create or update afterwards. */
    uploadUrl: tenantProcedure("staff")
      .input(uploadUrlInput)
      .output(uploadUrlOutput)
      .mutation(({ ctx, input }) => exerciseUploadUrl(ctx, input)),
  },
  videos: {
    /** A signed URL to stream an exercise's video, valid for 5 minutes. */
    streamUrl: tenantProcedure("client")
      .input(exerciseIdInput)
      .output(streamUrlOutput)
      .query(({ ctx, input }) => exerciseStreamUrl(ctx, input.exerciseId)),
  },
  progress: {
    record: tenantProcedure("client")
      .input(progressRecordInput)
      .output(progressRecordOutput)
      .mutation(({ ctx, input }) => recordProgress(ctx, input)),
    summary: tenantProcedure("client")
      .input(progressSummaryInput)
      .output(progressSummaryOutput)
      .query(({ ctx, input }) => progressSummary(ctx, input.clientId)),
  },
  workouts: {
    log: tenantProcedure("client")
      .input(workoutLogInput)
      .output(workoutLogOutput)
      .mutation(({ ctx, input }) => logWorkout(ctx, input)),
  },
  portal: {
    overview: tenantProcedure("staff")
      .output(portalOverviewOutput)
      .query(({ ctx }) => portalOverview(ctx)),
    /** A parent organization's owners see each descendant's figures: aggregates only, never a client's rows. */
    children: tenantProcedure("owner")
      .output(portalChildrenOutput)
      .query(({ ctx }) => portalChildren(ctx)),
  },
} satisfies TRPCRouterRecord;
