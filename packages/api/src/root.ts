import { systemRouter } from "./modules/system/router.ts";
import { createCallerFactory, router } from "./trpc.ts";

export const appRouter = router({
  system: systemRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process (tests, server-side jobs) with a given context. */
export const createCaller = createCallerFactory(appRouter);
