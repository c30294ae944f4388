import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { createDb } from "./client.ts";
import { startEmbeddedPostgres } from "./embedded.ts";

const roots: string[] = [];
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

it("runs a real PostgreSQL 17 whose data survives a restart", async () => {
  const root = await mkdtemp(path.join(os.tmpdir(), "glow-embedded-"));
  roots.push(root);
  await chmod(root, 0o755);
  const dataDir = path.join(root, "pg");

  const first = await startEmbeddedPostgres({ dataDir, database: "glow_embedded" });
  let db = createDb({ url: first.url });
  const [row] = await db.$queryRaw<{ version: string }[]>`SELECT current_setting('server_version') AS version`;
  expect(row?.version).toMatch(/^17\./);
  await db.$executeRaw`CREATE TABLE kept (note text)`;
  await db.$executeRaw`INSERT INTO kept VALUES ('still here')`;
  await db.$disconnect();
  await first.stop();

  const second = await startEmbeddedPostgres({ dataDir, database: "glow_embedded" });
  db = createDb({ url: second.url });
  try {
    const rows = await db.$queryRaw<{ note: string }[]>`SELECT note FROM kept`;
    expect(rows).toEqual([{ note: "still here" }]);
  } finally {
    await db.$disconnect();
    await second.stop();
  }
});
