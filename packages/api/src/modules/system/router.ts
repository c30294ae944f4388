import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { permittedProcedure, publicProcedure } from "../../trpc.ts";
import { infoOutput, pingInput, pingOutput, statusOutput } from "./schemas.ts";
import { ping, serverStatus, systemInfo } from "./service.ts";

export const systemRouter = {
  info: publicProcedure
    .meta({ openapi: { method: "GET", path: "/system/info", tags: ["system"], summary: "Whether the server answers" } })
    .input(z.void())
    .output(infoOutput)
    .query(() => systemInfo()),
  status: permittedProcedure({ action: "read", entity: "metrics" })
    .meta({ openapi: { method: "GET", path: "/system/status", tags: ["system"], summary: "Server version and uptime (administrators)", protect: true } })
    .input(z.void())
    .output(statusOutput)
    .query(({ ctx }) => serverStatus(ctx)),
  ping: publicProcedure
    .meta({ openapi: { method: "GET", path: "/system/ping", tags: ["system"], summary: "Echoes a message" } })
    .input(pingInput)
    .output(pingOutput)
    .query(({ input }) => ping(input?.message)),
} satisfies TRPCRouterRecord;
