export {
  createDb,
  databaseUrlOf,
  pingDb,
  queryAsTenant,
  sqlPool,
  withTenant,
  withTenantConnection,
  type CreateDbOptions,
  type Db,
  type SqlConnection,
  type SqlPool,
} from "./client.ts";
export { ensureTenantLogin, TENANT_ROLE, tenantDatabaseUrl, tenantStatement, type TenantTx } from "./tenant.ts";
export { ensureDatabase, freePort, startEmbeddedPostgres, type EmbeddedPostgresHandle } from "./embedded.ts";
export { migrateDeploy, migrationsDir } from "./migrate.ts";
export { installJobSchema, JOBS_SCHEMA } from "./jobs-schema.ts";
export { hashPassword, verifyPassword } from "./password.ts";
export { buildResetCatalog, RESET_CATEGORIES, seedResetCatalog, stableUuid } from "./seed-reset.ts";
export {
  COACH_DEFAULT_TEMPLATE,
  COACH_DEFAULT_TEMPLATE_ID,
  COACH_LIBRARY_EXERCISES,
  COACH_LIBRARY_VIDEOS,
  COACH_VIDEOS_DIR,
  coachExerciseId,
  coachLibraryVideoKey,
  seedCoachLibrary,
  type CoachLibraryExercise,
} from "./seed-coach.ts";
export { DEMO_ACCOUNTS, DEMO_PASSWORD, SeedRefusedError, seedDemo, seedRoles } from "./seed.ts";
export { Prisma } from "./generated/prisma/client.ts";
export type * from "./generated/prisma/models.ts";
