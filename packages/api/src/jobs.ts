// Every durable job Glow runs, for the workers (apps/server starts them with these). Each
// definition lives beside the work it does.
import type { JobDefinition } from "./core/jobs/definition.ts";

export const JOBS: readonly JobDefinition<never>[] = [];
