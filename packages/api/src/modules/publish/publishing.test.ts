// The publish job against the local X fake and a real PostgreSQL: exactly one post however many
// runs race or repeat, lost answers resolved by looking the post up, 429/5xx retried after the
// platform's delay or a backoff, other 4xx failing the target at once, a dead token.
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AppServices } from "../../context.ts";
import { RetryLaterError } from "../../core/jobs/definition.ts";
import { createTestServices, personCalling } from "../../testing.ts";
import { startFakeX } from "../../testing/platforms/x.ts";
import { connectFakeX, withPlatforms } from "../../testing/publish.ts";
import { ensureMembership, ensureOrganization } from "../coach/demo.ts";
import type { SocialPlatform } from "./platforms/types.ts";
import { XPlatform } from "./platforms/x.ts";
import { publishTargetJob } from "./publishing.jobs.ts";
import { backoffMs, publishTarget, sweepDueTargets } from "./publishing.ts";

let database: TestDatabase;
let base: AppServices;
let services: AppServices;
let fake: Awaited<ReturnType<typeof startFakeX>>;
let org: string;
let staff: Awaited<ReturnType<typeof personCalling>>;
let account: string;
let publishCalls: number;
let lastText = 0;

/** The provider with some calls replaced (the others go to it, bound, as its private fields need). */
function replacing(platform: SocialPlatform, overrides: Partial<SocialPlatform>): SocialPlatform {
  return {
    id: platform.id,
    name: platform.name,
    rules: platform.rules,
    pkce: platform.pkce,
    authorizeUrl: platform.authorizeUrl.bind(platform),
    exchangeCode: platform.exchangeCode.bind(platform),
    refresh: platform.refresh.bind(platform),
    profile: platform.profile.bind(platform),
    publish: platform.publish.bind(platform),
    findPublished: platform.findPublished.bind(platform),
    fetchInbox: platform.fetchInbox.bind(platform),
    reply: platform.reply.bind(platform),
    ...overrides,
  };
}

/** The X provider on the fake, counting the publish calls Glow makes. */
function countingX(): SocialPlatform {
  const x = new XPlatform(fake.credentials);
  return replacing(x, {
    publish: (...args) => {
      publishCalls += 1;
      return x.publish(...args);
    },
  });
}

beforeAll(async () => {
  database = await createTestDatabase();
  base = createTestServices(database.db);
  org = await ensureOrganization(database.db, { slug: "publishing", name: "Publishing" });
  staff = await personCalling(base, "publishing-staff");
  await ensureMembership(database.db, org, staff.id, "owner");
  await database.db.planSubscription.create({ data: { orgId: org, plan: "enterprise", provider: "sandbox" } });
});
afterAll(async () => {
  await base.jobs.stop();
  await database.drop();
});

beforeEach(async () => {
  fake = await startFakeX();
  services = withPlatforms(base, [countingX()]);
  publishCalls = 0;
  await database.db.publishAccount.deleteMany({});
  account = await connectFakeX(services, database.db, fake, { orgId: org, userId: staff.id });
});
afterEach(() => fake.close());

/** A post to the X account, due now; its target's id. */
async function dueTarget(): Promise<string> {
  lastText += 1;
  const post = await staff.call.publish.posts.create({
    orgId: org,
    content: `Exactly once, take ${lastText} (${Date.now()})`,
    targets: [{ accountId: account }],
  });
  await database.db.publishTarget.updateMany({ where: { postId: post.id }, data: { state: "scheduled", scheduledAt: new Date() } });
  return post.targets[0]!.id;
}

async function outcome(run: Promise<unknown>): Promise<unknown> {
  return run.then(
    (value) => value,
    (error: unknown) => error,
  );
}

const targetRow = (id: string) => database.db.publishTarget.findUniqueOrThrow({ where: { id } });
const attemptsOf = (id: string) => database.db.publishAttempt.findMany({ where: { targetId: id }, orderBy: { number: "asc" } });

describe("exactly once", () => {
  it("publishes a due target, records the attempt and the platform's id and URL, and never again", async () => {
    const targetId = await dueTarget();
    expect(await publishTarget(services, { orgId: org, targetId })).toBe("published");
    expect(await publishTarget(services, { orgId: org, targetId })).toBe("skipped");
    expect(fake.published).toHaveLength(1);
    const target = await targetRow(targetId);
    expect(target).toMatchObject({ state: "published", externalId: fake.published[0]!.externalId, attempts: 1, failureReason: null });
    expect(target.externalUrl).toContain(fake.published[0]!.externalId);
    expect((await attemptsOf(targetId)).map((row) => [row.number, row.outcome, row.idempotencyKey])).toEqual([
      [1, "published", `${targetId}:1`],
    ]);
  });

  it("makes one post when ten runs race on the same target", async () => {
    const targetId = await dueTarget();
    fake.delayNextPublish(300);
    const results = await Promise.all(Array.from({ length: 10 }, () => outcome(publishTarget(services, { orgId: org, targetId }))));
    expect(publishCalls).toBe(1);
    expect(fake.published).toHaveLength(1);
    expect(results.filter((result) => result === "published")).toHaveLength(1);
    // The others waited for the row lock and found the attempt open or the target published.
    expect(results.every((result) => result === "published" || result === "skipped" || result instanceof RetryLaterError)).toBe(true);
    expect(await targetRow(targetId)).toMatchObject({ state: "published" });
    expect(await attemptsOf(targetId)).toHaveLength(1);
  });

  it("makes one post when the job is sent twice and both run through the queue", async () => {
    const targetId = await dueTarget();
    await services.jobs.send(publishTargetJob, { orgId: org, targetId }, { singletonKey: targetId });
    await services.jobs.send(publishTargetJob, { orgId: org, targetId });
    await services.jobs.runDue(publishTargetJob, services);
    expect(fake.published).toHaveLength(1);
    expect(publishCalls).toBe(1);
    expect(await targetRow(targetId)).toMatchObject({ state: "published" });
  });

  it("finds the post of an attempt whose answer was lost instead of posting again", async () => {
    const targetId = await dueTarget();
    const x = countingX();
    // The platform makes the post, but the answer never arrives (the connection dropped).
    const lossy = replacing(x, {
      publish: async (...args) => {
        await x.publish(...args);
        throw new TypeError("socket hang up");
      },
    });
    const first = await outcome(publishTarget(withPlatforms(base, [lossy]), { orgId: org, targetId }));
    expect(first).toBeInstanceOf(RetryLaterError);
    expect(await targetRow(targetId)).toMatchObject({ state: "publishing" });
    expect((await attemptsOf(targetId))[0]!.outcome).toBeNull();

    expect(await publishTarget(services, { orgId: org, targetId })).toBe("published");
    expect(fake.published).toHaveLength(1);
    expect(publishCalls).toBe(1);
    const target = await targetRow(targetId);
    expect(target.externalId).toBe(fake.published[0]!.externalId);
    expect((await attemptsOf(targetId)).map((row) => row.outcome)).toEqual(["published"]);
  });

  it("posts again only once an open attempt is older than the platform's call timeout and its post is not there", async () => {
    const targetId = await dueTarget();
    const x = countingX();
    // The worker died before its request reached the platform.
    const dead = replacing(x, { publish: () => Promise.reject(new TypeError("connect ECONNREFUSED")) });
    expect(await outcome(publishTarget(withPlatforms(base, [dead]), { orgId: org, targetId }))).toBeInstanceOf(RetryLaterError);
    // Young: the call might still land, so no second post yet.
    expect(await outcome(publishTarget(services, { orgId: org, targetId }))).toBeInstanceOf(RetryLaterError);
    expect(publishCalls).toBe(0);
    // Past the timeout: closed as not found, and a second attempt posts.
    expect(await publishTarget(services, { orgId: org, targetId }, { callTimeoutMs: 0 })).toBe("published");
    expect(fake.published).toHaveLength(1);
    expect((await attemptsOf(targetId)).map((row) => [row.number, row.outcome])).toEqual([
      [1, "unknown-not-found"],
      [2, "published"],
    ]);
  });
});

describe("retries", () => {
  it("waits out a 429's Retry-After, then publishes", async () => {
    const targetId = await dueTarget();
    fake.failNext(1, { status: 429, headers: { "retry-after": "2" } });
    const first = await outcome(publishTarget(services, { orgId: org, targetId }, { random: () => 0 }));
    expect(first).toBeInstanceOf(RetryLaterError);
    expect((first as RetryLaterError).ms).toBe(2000);
    const waiting = await targetRow(targetId);
    expect(waiting.state).toBe("scheduled");
    expect(waiting.scheduledAt!.getTime()).toBeGreaterThan(Date.now() + 1500);
    // Run again too early: not yet.
    expect(await outcome(publishTarget(services, { orgId: org, targetId }))).toBeInstanceOf(RetryLaterError);
    expect(fake.published).toHaveLength(0);
    const later = () => new Date(waiting.scheduledAt!.getTime() + 10);
    expect(await publishTarget(services, { orgId: org, targetId }, { now: later })).toBe("published");
    expect(fake.published).toHaveLength(1);
    expect((await attemptsOf(targetId)).map((row) => row.outcome)).toEqual(["retry", "published"]);
  });

  it("retries a 503 with exponential backoff, and gives up after six tries", async () => {
    expect([1, 2, 3].map((attempt) => backoffMs(attempt, () => 0.5))).toEqual([5000, 10000, 20000]);
    expect(backoffMs(1, () => 0)).toBe(4000);
    expect(backoffMs(1, () => 1)).toBe(6000);

    const targetId = await dueTarget();
    fake.failNext(1, { status: 503 });
    const first = await outcome(publishTarget(services, { orgId: org, targetId }, { random: () => 0.5 }));
    expect((first as RetryLaterError).ms).toBe(5000);
    const row = await targetRow(targetId);
    expect(await publishTarget(services, { orgId: org, targetId }, { now: () => new Date(row.scheduledAt!.getTime() + 1) })).toBe(
      "published",
    );
    expect(fake.published).toHaveLength(1);

    const doomed = await dueTarget();
    fake.failNext(6, { status: 503 });
    let clock = Date.now();
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      const result = await outcome(
        publishTarget(services, { orgId: org, targetId: doomed }, { random: () => 0.5, now: () => new Date(clock) }),
      );
      if (result instanceof RetryLaterError) delays.push(result.ms);
      clock += 700_000;
    }
    expect(delays).toEqual([5000, 10000, 20000, 40000, 80000]);
    const failed = await targetRow(doomed);
    expect(failed.state).toBe("failed");
    expect(failed.failureReason).toMatch(/^Gave up after 6 tries/);
    expect(fake.published).toHaveLength(1);
  });

  it("fails a 400 at once with the platform's own message", async () => {
    const targetId = await dueTarget();
    fake.failNext(1, {
      status: 400,
      body: {
        title: "Invalid Request",
        detail: "One or more parameters to your request was invalid.",
        errors: [{ message: "text is malformed" }],
      },
    });
    expect(await publishTarget(services, { orgId: org, targetId })).toBe("failed");
    const target = await targetRow(targetId);
    expect(target.state).toBe("failed");
    expect(target.failureReason).toContain("text is malformed");
    expect(await publishTarget(services, { orgId: org, targetId })).toBe("skipped");
    expect(fake.published).toHaveLength(0);
  });

  it("fails the target and marks the account for reconnecting when the platform refuses the token", async () => {
    const targetId = await dueTarget();
    fake.expireAccessTokens();
    expect(await publishTarget(services, { orgId: org, targetId })).toBe("failed");
    expect((await targetRow(targetId)).failureReason).toMatch(/reconnect the account/);
    const row = await database.db.publishAccount.findUniqueOrThrow({ where: { id: account } });
    expect(row.status).toBe("needs_reconnect");
    expect(row.statusReason).toBeTruthy();
    // Its owners are told, once.
    const emails = await database.db.outboxEmail.findMany({ where: { subject: { contains: "Reconnect" } } });
    expect(emails.length).toBeGreaterThan(0);
  });

  it("refreshes a token about to expire before it publishes, instead of failing on it", async () => {
    const targetId = await dueTarget();
    const before = await database.db.publishAccount.findUniqueOrThrow({ where: { id: account } });
    await database.db.publishAccount.update({
      where: { id: account },
      data: { status: "active", tokenExpiresAt: new Date(Date.now() + 20_000) },
    });
    // The platform no longer takes the old token: publishing works only with a refreshed one.
    fake.expireAccessTokens();
    expect(await publishTarget(services, { orgId: org, targetId })).toBe("published");
    const after = await database.db.publishAccount.findUniqueOrThrow({ where: { id: account } });
    expect(after.accessToken).not.toBe(before.accessToken);
    expect(after.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 60_000);
  });
});

describe("the job's checks", () => {
  it("stops for a cancelled target and waits for a rescheduled one", async () => {
    const cancelled = await dueTarget();
    await database.db.publishTarget.update({ where: { id: cancelled }, data: { state: "cancelled" } });
    expect(await publishTarget(services, { orgId: org, targetId: cancelled })).toBe("skipped");

    const moved = await dueTarget();
    await database.db.publishTarget.update({ where: { id: moved }, data: { scheduledAt: new Date(Date.now() + 60_000) } });
    const early = await outcome(publishTarget(services, { orgId: org, targetId: moved }));
    expect(early).toBeInstanceOf(RetryLaterError);
    expect((early as RetryLaterError).ms).toBeGreaterThan(55_000);
    expect(fake.published).toHaveLength(0);
  });

  it("sweeps due targets that no queued job carries, once", async () => {
    const targetId = await dueTarget();
    await database.db.publishTarget.update({ where: { id: targetId }, data: { scheduledAt: new Date(Date.now() - 120_000) } });
    const sent: string[] = [];
    const send = async (input: { targetId: string }) => {
      sent.push(input.targetId);
      await services.jobs.send(publishTargetJob, { orgId: org, targetId: input.targetId }, { singletonKey: input.targetId });
    };
    await sweepDueTargets(services, send, publishTargetJob.queue);
    expect(sent).toContain(targetId);
    sent.length = 0;
    await sweepDueTargets(services, send, publishTargetJob.queue);
    expect(sent).not.toContain(targetId);
    await services.jobs.runDue(publishTargetJob, services);
    expect(await targetRow(targetId)).toMatchObject({ state: "published" });
  });
});
