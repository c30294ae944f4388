import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { publicProcedure } from "../../trpc.ts";
import { infoOutput, pingInput, pingOutput } from "./schemas.ts";
import { ping, systemInfo } from "./service.ts";

export const systemRouter = {
  info: publicProcedure
    .meta({ openapi: { method: "GET", path: "/system/info", tags: ["system"], summary: "Server version and uptime" } })
    .input(z.void())
    .output(infoOutput)
    .query(({ ctx }) => systemInfo(ctx)),
  ping: publicProcedure
    .meta({ openapi: { method: "GET", path: "/system/ping", tags: ["system"], summary: "Echoes a message" } })
    .input(pingInput)
    .output(pingOutput)
    .query(({ input }) => ping(input?.message)),
} satisfies TRPCRouterRecord;
