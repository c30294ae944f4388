import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { ensureTenantLogin } from "./tenant.ts";
import { installJobSchema } from "./jobs-schema.ts";

const run = promisify(execFile);
const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const migrationsDir = path.join(packageDir, "prisma", "migrations");

/**
 * Applies pending migrations with Prisma's own `migrate deploy` (through the driver
 * adapter configured in prisma.config.ts), so that what runs at server start is exactly
 * what runs in development and CI. Then makes sure the tenant role can log in (tenant.ts).
 */
export async function migrateDeploy(databaseUrl: string, options: { tenantUrl?: string } = {}): Promise<string> {
  const cli = createRequire(path.join(packageDir, "package.json")).resolve("prisma/build/index.js");
  const { stdout } = await run(process.execPath, [cli, "migrate", "deploy"], {
    cwd: packageDir,
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
  });
  await ensureTenantLogin(databaseUrl, options.tenantUrl);
  await installJobSchema(databaseUrl);
  return stdout;
}
