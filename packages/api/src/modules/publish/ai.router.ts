import type { TRPCRouterRecord } from "@trpc/server";
import { tenantProcedure } from "../../trpc.ts";
import { captionSuggestions } from "./ai.ts";
import { captionOutput, captionRequestInput } from "./ai.schemas.ts";

export const aiRouter = {
  /** Three captions for a post (saved, or its text) on one platform, in a tone; counts one of the plan's AI captions. */
  caption: tenantProcedure("staff")
    .input(captionRequestInput)
    .output(captionOutput)
    .mutation(({ ctx, input }) => captionSuggestions(ctx, input)),
} satisfies TRPCRouterRecord;
