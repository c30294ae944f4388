// kill -9 in the middle of a publish: a real worker process is killed while its call to the
// platform is in flight; a second worker process then finishes the target without posting again.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../context.ts";
import { formatTokenKeys, generateTokenKey, TokenCipher } from "../../core/secrets.ts";
import { createTestServices, personCalling } from "../../testing.ts";
import { startFakeX } from "../../testing/platforms/x.ts";
import { connectFakeX, withPlatforms } from "../../testing/publish.ts";
import { ensureMembership, ensureOrganization } from "../coach/demo.ts";
import { XPlatform } from "./platforms/x.ts";
import { publishTargetJob } from "./publishing.jobs.ts";

const WORKER = fileURLToPath(new URL("../../testing/publish-worker.ts", import.meta.url));
const key = generateTokenKey("crash");

let database: TestDatabase;
let services: AppServices;
let fake: Awaited<ReturnType<typeof startFakeX>>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await startFakeX();
  services = withPlatforms({ ...createTestServices(database.db), secrets: new TokenCipher([key]) }, [new XPlatform(fake.credentials)]);
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await services.jobs.stop();
  await fake.close();
  await database.drop();
});

/** A worker process on the test's database and fake; resolves once it is working. */
async function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, [WORKER], {
    env: { ...process.env, DATABASE_URL: database.url, PUBLISH_TOKEN_KEYS: formatTokenKeys([key]), FAKE_X_URL: fake.url },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("ready")) resolve();
    });
    child.on("exit", (code) => reject(new Error(`worker exited (${code}): ${stderr}`)));
    setTimeout(() => reject(new Error(`worker not ready in 30 s: ${stderr}`)), 30_000);
  });
  return child;
}

async function waitFor<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("a worker killed mid-publish", () => {
  it("leaves exactly one post on the platform and the target published, finished by another worker", async () => {
    const org = await ensureOrganization(database.db, { slug: "crash", name: "Crash" });
    const owner = await personCalling(services, "crash-owner");
    await ensureMembership(database.db, org, owner.id, "owner");
    const account = await connectFakeX(services, database.db, fake, { orgId: org, userId: owner.id });
    const post = await owner.call.publish.posts.create({ orgId: org, content: "Survives kill -9", targets: [{ accountId: account }] });
    const targetId = post.targets[0]!.id;
    await database.db.publishTarget.update({ where: { id: targetId }, data: { state: "scheduled", scheduledAt: new Date() } });

    const first = await startWorker();
    fake.delayNextPublish(3000);
    await services.jobs.send(publishTargetJob, { orgId: org, targetId }, { singletonKey: targetId });
    // The attempt is committed just before the call; give the request a moment to reach the fake.
    await waitFor("the open attempt", () => database.db.publishAttempt.findFirst({ where: { targetId, outcome: null } }));
    await new Promise((resolve) => setTimeout(resolve, 500));
    first.kill("SIGKILL");
    await new Promise((resolve) => first.once("exit", resolve));
    expect(first.signalCode).toBe("SIGKILL");
    expect(await database.db.publishTarget.findUniqueOrThrow({ where: { id: targetId } })).toMatchObject({ state: "publishing" });

    // The dead worker's job stays active until it expires; the sweeper or a repeat send brings another.
    await startWorker();
    await services.jobs.send(publishTargetJob, { orgId: org, targetId });
    const published = await waitFor("the target published", async () => {
      const target = await database.db.publishTarget.findUniqueOrThrow({ where: { id: targetId } });
      return target.state === "published" ? target : null;
    });
    expect(fake.published).toHaveLength(1);
    expect(fake.published[0]!.text).toBe("Survives kill -9");
    expect(published.externalId).toBe(fake.published[0]!.externalId);
    const attempts = await database.db.publishAttempt.findMany({ where: { targetId } });
    expect(attempts.map((attempt) => [attempt.number, attempt.outcome])).toEqual([[1, "published"]]);
    // Nothing else is coming: a while later there is still one post.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(fake.published).toHaveLength(1);
  }, 90_000);
});
