import type { z } from "zod";
import type { infoOutput, pingOutput, statusOutput } from "./schemas.ts";

export function systemInfo(): z.infer<typeof infoOutput> {
  return { name: "Glow", status: "ok" };
}

export function serverStatus(app: { version: string; startedAt: Date }, now = new Date()): z.infer<typeof statusOutput> {
  return {
    name: "Glow",
    version: app.version,
    uptimeSeconds: Math.max(0, (now.getTime() - app.startedAt.getTime()) / 1000),
    startedAt: app.startedAt,
  };
}

export function ping(message: string | undefined, now = new Date()): z.infer<typeof pingOutput> {
  return { pong: true, message: message ?? null, at: now };
}
