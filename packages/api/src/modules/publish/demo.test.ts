// The demo workspace: a whole visit leaves the database (and the job queue) byte for byte as it
// was and never calls a platform; each visitor has their own copy; an ended demo says so; a
// demo id opens nothing real.
import { JOBS_SCHEMA } from "@glow/db";
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../context.ts";
import { DEFAULT_RATE_LIMITS } from "../../core/rate-limit.ts";
import { appRouter } from "../../root.ts";
import { createTestServices, personCalling, refusedFields, testCaller, testRedisUrl } from "../../testing.ts";
import { LOCAL_CAPTION_MODEL } from "./ai.ts";
import { DEMO_PUBLISH_DELAY_MS, DEMO_TTL_MS, startDemo } from "./demo.ts";
import { Platforms } from "./platforms/registry.ts";
import { PLATFORM_IDS, type PlatformId, type SocialPlatform } from "./platforms/types.ts";

const redisUrl = testRedisUrl();
let database: TestDatabase;
let services: AppServices;
let redis: Redis | null = null;
/** Every call any platform got; a demo must leave it empty. */
const platformCalls: string[] = [];

/** A platform that records and refuses every call: nothing in a demo may reach one. */
function untouchablePlatform(id: PlatformId): SocialPlatform {
  const refuse = (method: string) => () => {
    platformCalls.push(`${id}.${method}`);
    throw new Error(`A demo called ${id}.${method}`);
  };
  return {
    id,
    name: id,
    rules: { maxLength: 280, requiresMedia: false, mediaKinds: ["image"], maxMedia: 1 },
    pkce: true,
    authorizeUrl: refuse("authorizeUrl"),
    exchangeCode: refuse("exchangeCode"),
    refresh: refuse("refresh"),
    profile: refuse("profile"),
    publish: refuse("publish"),
    findPublished: refuse("findPublished"),
    fetchInbox: refuse("fetchInbox"),
    reply: refuse("reply"),
  };
}

beforeAll(async () => {
  database = await createTestDatabase();
  redis = redisUrl ? new Redis(redisUrl) : null;
  services = { ...createTestServices(database.db, { redis }), platforms: new Platforms(PLATFORM_IDS.map(untouchablePlatform)) };
});
afterAll(async () => {
  await redis?.quit();
  await database.drop();
});

const visitor = () => testCaller(services);

/** An md5 of every row of every table in the app's schema and the job queue's. */
async function databaseDigest(): Promise<Record<string, string>> {
  const tables = await database.db.$queryRaw<Array<{ schema: string; name: string }>>`
    SELECT table_schema::text AS schema, table_name::text AS name FROM information_schema.tables
    WHERE table_schema IN ('public', ${JOBS_SCHEMA}) AND table_type = 'BASE TABLE' ORDER BY 1, 2`;
  const digest: Record<string, string> = {};
  for (const { schema, name } of tables) {
    const [row] = await database.db.$queryRawUnsafe<Array<{ digest: string }>>(
      `SELECT md5(coalesce(string_agg(t::text, ',' ORDER BY t::text), '')) AS digest FROM "${schema}"."${name}" t`,
    );
    digest[`${schema}.${name}`] = row!.digest;
  }
  return digest;
}

/** Tomorrow's date in Berlin as "YYYY-MM-DD". */
const tomorrowInBerlin = () => new Date(Date.now() + 24 * 60 * 60 * 1000).toLocaleDateString("sv-SE", { timeZone: "Europe/Berlin" });

describe("a demo visit", () => {
  it("starts on the Pro plan with sample accounts, posts across this month and messages", async () => {
    const { demoId, expiresAt, workspace } = await visitor().publish.demo.start();
    expect(expiresAt.getTime() - Date.now()).toBeGreaterThan(DEMO_TTL_MS - 60_000);
    expect(workspace).toMatchObject({ demoId, plan: { tier: "pro", status: "active" }, usage: { accounts: { used: 3, limit: 10 } } });
    expect(workspace.accounts.map((a) => [a.platform, a.demo])).toEqual([
      ["x", true],
      ["instagram", true],
      ["linkedin", true],
    ]);
    const posts = await visitor().publish.demo.posts.list({ demoId, limit: 100 });
    expect(posts.items.length).toBeGreaterThanOrEqual(12);
    expect(new Set(posts.items.map((p) => p.state))).toEqual(
      new Set(["published", "partial", "failed", "scheduled", "draft", "cancelled"]),
    );
    const inbox = await visitor().publish.demo.inbox.list({ demoId, limit: 100 });
    expect(inbox.items).toHaveLength(15);
    expect(inbox.items.filter((m) => m.readAt === null).length).toBeGreaterThan(3);
  });

  it("composes, schedules, publishes, cancels, answers and captions — and the database and job queue are unchanged, no platform called", async () => {
    const before = await databaseDigest();
    expect(Object.keys(before)).toEqual(expect.arrayContaining(["public.publish_posts", "public.usage_counters", `${JOBS_SCHEMA}.job`]));
    const call = visitor().publish.demo;
    const { demoId, workspace } = await call.start();
    const [x, , linkedin] = workspace.accounts;

    const draft = await call.posts.create({
      demoId,
      content: "Kiln opening tonight: come see what survived the fire.",
      targets: [{ accountId: x!.id }, { accountId: linkedin!.id, content: "Kiln opening tonight at Glow Studio." }],
    });
    expect(draft).toMatchObject({ state: "draft", author: { name: "You (demo)" }, targets: [{ platform: "x" }, { platform: "linkedin" }] });
    expect(draft.targets[1]!.text).toBe("Kiln opening tonight at Glow Studio.");

    const day = tomorrowInBerlin();
    const scheduled = await call.posts.schedule({ demoId, postId: draft.id, at: `${day}T09:30`, timeZone: "Europe/Berlin" });
    expect(scheduled.state).toBe("scheduled");
    expect(scheduled.timeZone).toBe("Europe/Berlin");
    expect(scheduled.scheduledAt!.toLocaleString("sv-SE", { timeZone: "Europe/Berlin" })).toBe(`${day} 09:30:00`);
    expect((await call.workspace({ demoId })).usage.scheduledPosts.used).toBe(workspace.usage.scheduledPosts.used + 1);

    const calendar = await call.calendar({ demoId, from: day, to: day, timeZone: "Europe/Berlin" });
    expect(calendar.entries).toContainEqual(
      expect.objectContaining({ postId: draft.id, date: day, time: "09:30", platforms: ["x", "linkedin"] }),
    );

    const cancelled = await call.posts.cancel({ demoId, postId: draft.id });
    expect(cancelled.state).toBe("cancelled");
    expect((await call.workspace({ demoId })).usage.scheduledPosts.used).toBe(workspace.usage.scheduledPosts.used);

    const now = await call.posts.publishNow({ demoId, postId: draft.id });
    expect(now.state).toBe("publishing");
    await new Promise((resolve) => setTimeout(resolve, DEMO_PUBLISH_DELAY_MS + 100));
    const published = await call.posts.get({ demoId, postId: draft.id });
    expect(published.state).toBe("published");
    for (const target of published.targets) expect(target.externalUrl).toMatch(/^https:\/\/demo\.glow\.invalid\//);

    const unread = (await call.inbox.list({ demoId, limit: 100, unread: true })).items;
    expect(await call.inbox.markRead({ demoId, messageIds: [unread[0]!.id, unread[1]!.id] })).toEqual({ updated: 2 });
    const replied = await call.inbox.reply({ demoId, messageId: unread[2]!.id, text: "Yes, beginners are welcome!" });
    expect(replied).toMatchObject({ reply: { text: "Yes, beginners are welcome!", byName: "You (demo)" }, readAt: expect.any(Date) });
    expect((await call.inbox.list({ demoId, limit: 100, unread: true })).items).toHaveLength(unread.length - 3);

    const captions = await call.ai.caption({ demoId, postId: draft.id, platform: "x", tone: "playful" });
    expect(captions).toMatchObject({ model: LOCAL_CAPTION_MODEL, suggestions: expect.any(Array) });
    expect(captions.suggestions).toHaveLength(3);

    expect(await databaseDigest()).toEqual(before);
    expect(platformCalls).toEqual([]);
  });

  it("pages its posts and messages newest first, each once, as the real lists do", async () => {
    const { demoId } = await visitor().publish.demo.start();
    for (const list of ["posts", "inbox"] as const) {
      const all = (await visitor().publish.demo[list].list({ demoId, limit: 100 })).items.map((item) => item.id);
      const paged: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await visitor().publish.demo[list].list({ demoId, limit: 4, ...(cursor ? { cursor } : {}) });
        expect(page.items.length).toBeLessThanOrEqual(4);
        paged.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(paged).toEqual(all);
      expect(new Set(paged).size).toBe(all.length);
      expect(all.length).toBeGreaterThan(4);
    }
  });

  it("keeps each visitor's writes in their own copy", async () => {
    const a = await visitor().publish.demo.start();
    const b = await visitor().publish.demo.start();
    const mine = await visitor().publish.demo.posts.create({
      demoId: a.demoId,
      content: "Only in demo A",
      targets: [{ accountId: a.workspace.accounts[0]!.id }],
    });
    const listed = async (demoId: string) => (await visitor().publish.demo.posts.list({ demoId, limit: 100 })).items.map((p) => p.content);
    expect(await listed(a.demoId)).toContain("Only in demo A");
    expect(await listed(b.demoId)).not.toContain("Only in demo A");
    await expect(visitor().publish.demo.posts.get({ demoId: b.demoId, postId: mine.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(
      visitor().publish.demo.posts.create({ demoId: b.demoId, content: "Hi", targets: [{ accountId: a.workspace.accounts[0]!.id }] }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("limits starting demos like every public write (per address)", async () => {
    const strict = createTestServices(database.db, { rateLimits: { ...DEFAULT_RATE_LIMITS, write: { points: 2, durationSeconds: 60 } } });
    const from = (ip: string) => testCaller(strict, { ip });
    await from("198.51.100.20").publish.demo.start();
    await from("198.51.100.20").publish.demo.start();
    await expect(from("198.51.100.20").publish.demo.start()).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    await expect(from("198.51.100.21").publish.demo.start()).resolves.toMatchObject({ demoId: expect.any(String) });
  });

  it("says an ended or unknown demo has ended", async () => {
    const ended = await startDemo(services.cache, new Date(Date.now() - DEMO_TTL_MS - 1000));
    for (const demoId of [ended.demoId, crypto.randomUUID()]) {
      await expect(visitor().publish.demo.workspace({ demoId })).rejects.toMatchObject({
        code: "NOT_FOUND",
        message: "This demo has ended; start a new one",
      });
      await expect(visitor().publish.demo.inbox.markRead({ demoId, messageIds: [crypto.randomUUID()] })).rejects.toMatchObject({
        code: "NOT_FOUND",
      });
    }
  });

  it("refuses bad input naming the field, as the real procedures do", async () => {
    const call = visitor().publish.demo;
    const { demoId, workspace } = await call.start();
    const [x, instagram] = workspace.accounts;
    expect(await refusedFields(call.workspace({ demoId: "demo-1" }))).toEqual(["demoId"]);
    expect(await refusedFields(call.posts.create({ demoId, content: "Hi", targets: [] }))).toEqual(["targets"]);
    expect(await refusedFields(call.posts.create({ demoId, content: "Hi", targets: [{ accountId: crypto.randomUUID() }] }))).toEqual([
      "targets.0.accountId",
    ]);
    expect(
      await refusedFields(
        call.posts.create({ demoId, content: "Hi", media: [{ key: "orgs/x/secret.png" }], targets: [{ accountId: x!.id }] }),
      ),
    ).toEqual(["media.0.key"]);

    const long = await call.posts.create({ demoId, content: "clay ".repeat(70), targets: [{ accountId: x!.id }] });
    expect(
      await refusedFields(call.posts.schedule({ demoId, postId: long.id, at: "2030-01-01T09:00", timeZone: "Europe/Berlin" })),
    ).toEqual(["targets.0.content"]);
    const bare = await call.posts.create({ demoId, content: "No picture", targets: [{ accountId: instagram!.id }] });
    expect(await refusedFields(call.posts.publishNow({ demoId, postId: bare.id }))).toEqual(["media"]);
    const withPicture = await call.posts.create({
      demoId,
      content: "With a picture",
      media: [{ key: workspace.media[0]!.key }],
      targets: [{ accountId: instagram!.id }],
    });
    // 02:30 on the last Sunday of March does not exist in Berlin (clocks go forward).
    expect(
      await refusedFields(call.posts.schedule({ demoId, postId: withPicture.id, at: "2030-03-31T02:30", timeZone: "Europe/Berlin" })),
    ).toEqual(["at"]);
    expect(
      await refusedFields(call.posts.schedule({ demoId, postId: withPicture.id, at: "2020-01-01T09:00", timeZone: "Europe/Berlin" })),
    ).toEqual(["at"]);
    expect(
      await refusedFields(call.posts.schedule({ demoId, postId: withPicture.id, at: "2030-01-01T09:00", timeZone: "Mars/Olympus" })),
    ).toEqual(["timeZone"]);
    expect(await refusedFields(call.ai.caption({ demoId, platform: "x", tone: "bold" }))).toEqual(["content"]);
    expect(await refusedFields(call.inbox.reply({ demoId, messageId: crypto.randomUUID(), text: "  " }))).toEqual(["text"]);
    await expect(
      call.posts.schedule({ demoId, postId: withPicture.id, at: "2030-01-01T09:00", timeZone: "Europe/Berlin" }),
    ).resolves.toMatchObject({
      state: "scheduled",
    });
  });
});

describe("a demo id opens nothing real", () => {
  it("leaves every real publish procedure UNAUTHORIZED for a demo visitor, and real posts out of the demo's reach", async () => {
    const owner = await personCalling(services, "demo-real-owner");
    const org = await owner.call.orgs.create({ name: "A real studio" });
    const realPost = await database.db.publishPost.create({ data: { orgId: org.id, authorId: owner.id, content: "Real and private" } });
    const { demoId } = await visitor().publish.demo.start();

    // oxlint-disable-next-line no-underscore-dangle -- tRPC's record of every procedure by path
    const paths = Object.keys(appRouter._def.procedures).filter((path) => path.startsWith("publish.") && !path.startsWith("publish.demo."));
    expect(paths).toEqual(expect.arrayContaining(["publish.ai.caption", "publish.plan.current"]));
    const publicOnes = new Set(["publish.plan.list"]); // the pricing page: nothing of anyone's
    for (const path of paths.filter((p) => !publicOnes.has(p))) {
      const procedure = path.split(".").reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], visitor()) as (
        input: unknown,
      ) => Promise<unknown>;
      await expect(procedure({ demoId, orgId: org.id, postId: realPost.id }), path).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    }
    await expect(visitor().publish.demo.posts.get({ demoId, postId: realPost.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(visitor().publish.demo.ai.caption({ demoId, postId: realPost.id, platform: "x", tone: "bold" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe.skipIf(!redisUrl)(`the demo across server instances${redisUrl ? "" : " (skipped: REDIS_URL is not set)"}`, () => {
  it("is seen and changed by every instance through Redis", async () => {
    const other = new Redis(redisUrl!);
    try {
      const instanceB = createTestServices(database.db, { redis: other });
      const { demoId, workspace } = await visitor().publish.demo.start();
      const post = await testCaller(instanceB).publish.demo.posts.create({
        demoId,
        content: "Written on instance B",
        targets: [{ accountId: workspace.accounts[0]!.id }],
      });
      const seen = await visitor().publish.demo.posts.get({ demoId, postId: post.id });
      expect(seen).toEqual(post);
    } finally {
      await other.quit();
    }
  });
});
