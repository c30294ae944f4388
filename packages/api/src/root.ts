import { adminRouter } from "./modules/admin/router.ts";
import { authRouter } from "./modules/auth/router.ts";
import { coachRouter } from "./modules/coach/router.ts";
import { orgsRouter } from "./modules/orgs/router.ts";
import { publishRouter } from "./modules/publish/router.ts";
import { resetRouter } from "./modules/reset/router.ts";
import { systemRouter } from "./modules/system/router.ts";
import { createCallerFactory, router } from "./trpc.ts";

export const appRouter = router({
  system: systemRouter,
  auth: authRouter,
  admin: adminRouter,
  reset: resetRouter,
  orgs: orgsRouter,
  coach: coachRouter,
  publish: publishRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process (tests, server-side jobs) with a given context. */
export const createCaller = createCallerFactory(appRouter);
