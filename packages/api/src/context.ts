import type { Db } from "@glow/db";
import type { Redis } from "ioredis";

/** The signed-in caller. Filled in by the auth module; null when anonymous. */
export interface SessionContext {
  sessionId: string;
  userId: string;
  roles: readonly string[];
}

export interface Logger {
  info(details: object, message?: string): void;
  warn(details: object, message?: string): void;
  error(details: object, message?: string): void;
}

/** What the hosting server provides once, at start. */
export interface AppServices {
  db: Db;
  /** Null in the embedded default: in-process stand-ins are used instead. */
  redis: Redis | null;
  logger: Logger;
  version: string;
  startedAt: Date;
}

/** What every procedure sees: the services plus this request's identity. */
export interface Context extends AppServices {
  requestId: string;
  session: SessionContext | null;
}

export function createContext(services: AppServices, request: { requestId: string }): Context {
  return { ...services, requestId: request.requestId, session: null };
}
