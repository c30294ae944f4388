import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../context.ts";
import { createTestServices } from "../../testing.ts";
import { defineJob } from "./definition.ts";

let database: TestDatabase;
let services: AppServices;

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database.db);
});

afterAll(async () => {
  await services.jobs.stop();
  await database.drop();
});

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("the durable job queue", () => {
  it("runs a sent job once, in this process, when asked to run what is due", async () => {
    const seen: string[] = [];
    const echo = defineJob<{ word: string }>({ queue: "test.echo", run: async ({ word }) => void seen.push(word) });
    await services.jobs.send(echo, { word: "hello" });
    expect(await services.jobs.runDue(echo, services)).toBe(1);
    expect(await services.jobs.runDue(echo, services)).toBe(0);
    expect(seen).toEqual(["hello"]);
  });

  it("retries a failing job with backoff, then leaves it dead-lettered as failed with its error, and an admin retry runs it again", async () => {
    let tries = 0;
    let healed = false;
    const flaky = defineJob<{ n: number }>({
      queue: "test.flaky",
      retryLimit: 2,
      retryDelaySeconds: 1,
      run: async () => {
        tries += 1;
        if (!healed) throw new Error(`boom ${tries}`);
      },
    });
    await services.jobs.work([flaky as never], services);
    const id = (await services.jobs.send(flaky, { n: 1 }))!;
    const failed = await until(
      () => services.jobs.get(id),
      (job) => job?.state === "failed",
    );
    expect(failed).toMatchObject({ state: "failed", attempts: 3, error: "boom 3" });
    expect(tries).toBe(3);
    const list = await services.jobs.list({ state: "failed", limit: 10 });
    expect(list.items.map((job) => job.id)).toContain(id);
    expect((await services.jobs.counts()).find((q) => q.queue === "test.flaky")?.counts.failed).toBe(1);

    healed = true;
    await services.jobs.retry(id);
    const completed = await until(
      () => services.jobs.get(id),
      (job) => job?.state === "completed",
    );
    expect(completed?.state).toBe("completed");
  });
});
