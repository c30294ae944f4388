import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { permittedProcedure, publicProcedure, rest } from "../../trpc.ts";
import { infoOutput, pingInput, pingOutput, statusOutput } from "./schemas.ts";
import { ping, serverStatus, systemInfo } from "./service.ts";

export const systemRouter = {
  info: publicProcedure
    .meta(rest("GET", "/system/info", "Whether the server answers"))
    .input(z.void())
    .output(infoOutput)
    .query(() => systemInfo()),
  status: permittedProcedure({ action: "read", entity: "metrics" })
    .meta(rest("GET", "/system/status", "Server version and uptime (administrators)"))
    .input(z.void())
    .output(statusOutput)
    .query(({ ctx }) => serverStatus(ctx)),
  ping: publicProcedure
    .meta(rest("GET", "/system/ping", "Echoes a message"))
    .input(pingInput)
    .output(pingOutput)
    .query(({ input }) => ping(input?.message)),
} satisfies TRPCRouterRecord;
