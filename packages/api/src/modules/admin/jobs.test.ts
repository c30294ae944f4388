// admin.jobs.* in-process against a real database and a real queue: who may look and act,
// dead letters after retries with backoff, retry and cancel, and the metrics' count of them.
import { seedDemo } from "@glow/db";
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../context.ts";
import { defineJob } from "../../core/jobs/definition.ts";
import { createTestServices, refusedFields, testCaller } from "../../testing.ts";
import { validateSessionToken } from "../auth/sessions.ts";

let database: TestDatabase;
let services: AppServices;
let admin: ReturnType<typeof testCaller>;
let person: ReturnType<typeof testCaller>;

const signedIn = async (email: string) => {
  const login = await testCaller(services).auth.login({ email, password: "glow-demo-password", delivery: "token" });
  return testCaller(services, { caller: await validateSessionToken(services, login.token!) });
};

let healed = false;
const flaky = defineJob<{ order: number }>({
  queue: "test.admin-flaky",
  retryLimit: 2,
  retryDelaySeconds: 1,
  retryDelayMaxSeconds: 2,
  run: async ({ order }) => {
    if (!healed) throw new Error(`order ${order} cannot be packed`);
  },
});
const later = defineJob<{ note: string }>({ queue: "test.admin-later", run: async () => {} });

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database.db);
  await seedDemo(database.db, { nodeEnv: "test" });
  admin = await signedIn("admin@glow.dev");
  person = await signedIn("user@glow.dev");
});
afterAll(async () => {
  await services.jobs.stop();
  await database.drop();
});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("admin.jobs", () => {
  it("refuses anonymous callers (UNAUTHORIZED) and people without the jobs permissions (FORBIDDEN)", async () => {
    const id = "00000000-0000-4000-8000-000000000000";
    const anonymous = testCaller(services);
    for (const call of [
      () => anonymous.admin.jobs.list({}),
      () => anonymous.admin.jobs.queues(),
      () => anonymous.admin.jobs.retry({ id }),
      () => anonymous.admin.jobs.cancel({ id }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    }
    for (const call of [
      () => person.admin.jobs.list({}),
      () => person.admin.jobs.queues(),
      () => person.admin.jobs.retry({ id }),
      () => person.admin.jobs.cancel({ id }),
    ]) {
      await expect(call()).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    expect(await admin.admin.jobs.list({})).toMatchObject({ items: expect.any(Array) });
    await expect(admin.admin.jobs.retry({ id })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("refuses bad input as BAD_REQUEST naming the field", async () => {
    expect(await refusedFields(admin.admin.jobs.list({ state: "exploded" as never }))).toEqual(["state"]);
    expect(await refusedFields(admin.admin.jobs.list({ queue: "Robert'); DROP TABLE" }))).toEqual(["queue"]);
    expect(await refusedFields(admin.admin.jobs.list({ cursor: "not-a-cursor" }))).toEqual(["cursor"]);
    expect(await refusedFields(admin.admin.jobs.list({ limit: 1000 }))).toEqual(["limit"]);
    expect(await refusedFields(admin.admin.jobs.retry({ id: "42" }))).toEqual(["id"]);
    expect(await refusedFields(admin.admin.jobs.cancel({ id: "" }))).toEqual(["id"]);
  });

  it("shows a job that used up its retries with backoff as a dead letter, counts it, and retries it on an admin's word", async () => {
    await services.jobs.work([flaky as never], services);
    const id = (await services.jobs.send(flaky, { order: 7 }))!;
    const dead = await until(
      () => admin.admin.jobs.list({ state: "failed", queue: flaky.queue }),
      (page) => page.items.length > 0,
    );
    expect(dead.items).toEqual([
      expect.objectContaining({
        id,
        queue: flaky.queue,
        state: "failed",
        attempts: 3,
        retryLimit: 2,
        error: "order 7 cannot be packed",
        data: { order: 7 },
      }),
    ]);
    // Backoff: the third try started at least 1 + 1 s (base delay, then doubled with jitter) after the job was created.
    expect(dead.items[0]!.startedAt!.getTime() - dead.items[0]!.createdAt.getTime()).toBeGreaterThanOrEqual(1500);

    const { queues, deadLetters } = await admin.admin.jobs.queues();
    expect(queues.find((queue) => queue.queue === flaky.queue)).toMatchObject({ deadLetters: 1, counts: { failed: 1 } });
    expect(deadLetters).toBe(1);
    const system = await admin.admin.metrics.system({});
    expect(system.jobs).toEqual({ deadLetters: 1 });

    await expect(admin.admin.jobs.cancel({ id })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    healed = true;
    expect((await admin.admin.jobs.retry({ id })).state).not.toBe("failed");
    const done = await until(
      () => services.jobs.get(id),
      (job) => job?.state === "completed",
    );
    expect(done?.state).toBe("completed");
    expect((await admin.admin.jobs.queues()).deadLetters).toBe(0);
    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { action: "admin.job.retried" } });
    expect(audit.details).toEqual({ jobId: id, queue: flaky.queue });
  }, 40_000);

  it("cancels a waiting job, which then shows as cancelled; a cancelled job can be retried", async () => {
    const id = (await services.jobs.send(later, { note: "tomorrow" }, { startAfter: new Date(Date.now() + 86_400_000) }))!;
    expect((await admin.admin.jobs.list({ state: "created", queue: later.queue })).items.map((job) => job.id)).toEqual([id]);
    expect((await admin.admin.jobs.cancel({ id })).state).toBe("cancelled");
    await expect(admin.admin.jobs.cancel({ id })).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
    expect((await admin.admin.jobs.list({ state: "cancelled" })).items.map((job) => job.id)).toEqual([id]);
    expect((await admin.admin.jobs.retry({ id })).state).toBe("created");
  });

  it("pages newest first with a cursor", async () => {
    const sent: string[] = [];
    for (let i = 0; i < 5; i++)
      sent.push((await services.jobs.send(later, { note: `page ${i}` }, { startAfter: new Date(Date.now() + 86_400_000) }))!);
    const first = await admin.admin.jobs.list({ queue: later.queue, limit: 3 });
    const second = await admin.admin.jobs.list({ queue: later.queue, limit: 3, cursor: first.nextCursor! });
    const ids = [...first.items, ...second.items].map((job) => job.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.slice(0, 5)).toEqual([...sent].reverse());
    expect(second.nextCursor).toBeNull();
  });
});
