// `pnpm --filter @glow/db seed`: seeds the database at DATABASE_URL with demo data.
import { createDb } from "./client.ts";
import { seedDemo } from "./seed.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is not set");
  process.exit(1);
}
const db = createDb({ url });
try {
  await seedDemo(db, { nodeEnv: process.env.NODE_ENV });
  process.stdout.write("Seeded demo data\n");
} finally {
  await db.$disconnect();
}
