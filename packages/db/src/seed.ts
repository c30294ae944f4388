import type { Db } from "./client.ts";
import { hashPassword } from "./password.ts";
import { seedCoachLibrary } from "./seed-coach.ts";
import { seedResetCatalog } from "./seed-reset.ts";

export const DEMO_PASSWORD = "glow-demo-password";
export const DEMO_ACCOUNTS = [
  { email: "admin@glow.dev", name: "Ada Admin", roles: ["user", "admin"] },
  { email: "user@glow.dev", name: "Uma User", roles: ["user"] },
] as const;

const ROLES = [
  { name: "user", description: "Every signed-up person" },
  { name: "admin", description: "Manages users, content and the platform" },
] as const;

export class SeedRefusedError extends Error {}

/** Roles every environment needs, production included. Idempotent. */
export async function seedRoles(db: Db): Promise<void> {
  for (const role of ROLES) {
    await db.role.upsert({ where: { name: role.name }, update: {}, create: role });
  }
}

/**
 * Development demo data. Idempotent: running it again changes nothing that exists.
 * Refuses to run in production, where the demo password would be a backdoor.
 */
export async function seedDemo(db: Db, { nodeEnv }: { nodeEnv: string | undefined }): Promise<void> {
  if (nodeEnv === "production") {
    throw new SeedRefusedError("Refusing to seed demo accounts when NODE_ENV=production");
  }
  await seedRoles(db);
  await seedResetCatalog(db);
  await seedCoachLibrary(db);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const account of DEMO_ACCOUNTS) {
    const user = await db.user.upsert({
      where: { email: account.email },
      update: {},
      create: { email: account.email, name: account.name, passwordHash, emailVerifiedAt: new Date() },
    });
    for (const roleName of account.roles) {
      const role = await db.role.findUniqueOrThrow({ where: { name: roleName } });
      await db.userRole.upsert({
        where: { userId_roleId: { userId: user.id, roleId: role.id } },
        update: {},
        create: { userId: user.id, roleId: role.id },
      });
    }
  }
}
