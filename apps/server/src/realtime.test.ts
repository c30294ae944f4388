// Subscriptions end to end through the typed client over SSE. With Redis, an event raised
// on one server instance reaches a subscriber connected to another.
import { createGlowClient, type RouterOutputs } from "@glow/api/client";
import { seedResetCatalog } from "@glow/db";
import { EventSource } from "eventsource";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { registerUser } from "./security/fixtures.ts";
import { startTestServer, testRedisUrl, type TestServer } from "./testing.ts";

type Plan = NonNullable<RouterOutputs["reset"]["plan"]["today"]>;
const servers: TestServer[] = [];
const redisClients: Redis[] = [];
afterAll(async () => {
  for (const server of servers.reverse()) await server.close();
  for (const redis of redisClients) await redis.quit();
});

/** Signs a person up on `writer`, subscribes to their plan on `reader`, and changes the plan on `writer`. */
async function planUpdatesAcross(writer: TestServer, reader: TestServer): Promise<Plan[]> {
  const person = await registerUser(writer.url, "realtime");
  const onWriter = createGlowClient({ url: writer.url, token: person.token });
  const onReader = createGlowClient({ url: reader.url, token: person.token, EventSource });
  const categories = await onWriter.reset.categories.list.query();
  await onWriter.reset.preferences.setCategories.mutate({ categoryIds: [categories[0]!.id] });

  const received: Plan[] = [];
  let connected!: () => void;
  const ready = new Promise<void>((resolve) => (connected = resolve));
  const subscription = onReader.reset.plan.onChange.subscribe(undefined, {
    onStarted: () => connected(),
    onData: (plan) => received.push(plan),
    onError: (error) => received.push({ error } as never),
  });
  await ready;
  await new Promise((resolve) => setTimeout(resolve, 300)); // the reader's Redis SUBSCRIBE settles

  const plan = await onWriter.reset.plan.generate.mutate();
  await onWriter.reset.plan.completeStep.mutate({ planId: plan.id, step: "clear" });
  await expect.poll(() => received.length, { timeout: 5000 }).toBe(2);
  subscription.unsubscribe();
  return received;
}

describe("reset.plan.onChange", () => {
  it("streams plan changes to a subscriber over SSE (one instance, in-process events)", async () => {
    const server = await startTestServer();
    servers.push(server);
    await seedResetCatalog(server.database.db);
    const [generated, afterStep] = await planUpdatesAcross(server, server);
    expect(generated!.steps.every((s) => s.completedAt === null)).toBe(true);
    expect(afterStep!.steps[0]!.completedAt).toBeInstanceOf(Date); // superjson over SSE
  });

  it("refuses anonymous subscribers", async () => {
    const server = servers[0]!;
    const anonymous = createGlowClient({ url: server.url, EventSource });
    const error = await new Promise<unknown>((resolve) => {
      const sub = anonymous.reset.plan.onChange.subscribe(undefined, { onError: (e) => (sub.unsubscribe(), resolve(e)) });
    });
    expect(error).toMatchObject({ data: { code: "UNAUTHORIZED" } });
  });

  const redisUrl = testRedisUrl();
  describe.skipIf(!redisUrl)(`across two instances through Redis${redisUrl ? "" : " (skipped: REDIS_URL is not set)"}`, () => {
    it("delivers an event raised on instance A to a subscriber connected to instance B", async () => {
      const [redisA, redisB] = [new Redis(redisUrl!), new Redis(redisUrl!)];
      redisClients.push(redisA, redisB);
      const a = await startTestServer({ redis: redisA });
      servers.push(a);
      const b = await startTestServer({ redis: redisB, database: a.database });
      servers.push(b);
      await seedResetCatalog(a.database.db);
      const received = await planUpdatesAcross(a, b);
      expect(received.map((plan) => plan.steps.filter((s) => s.completedAt).length)).toEqual([0, 1]);
    });
  });
});
