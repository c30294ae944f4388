// The publish demo data for `pnpm dev`: the owner sees a Pro workspace with sandbox accounts
// whose sealed tokens work, posts in each state with their jobs queued, and an inbox; seeding
// twice changes nothing.
import { JOBS_SCHEMA } from "@glow/db";
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../context.ts";
import { createTestServices, testCaller } from "../../testing.ts";
import { ACCESS_TOKEN_CONTEXT } from "./accounts.ts";
import { PUBLISH_DEMO_ORGANIZATION, seedPublishDemo } from "./demo-seed.ts";
import { createPlatforms, sandboxPlatform } from "./platforms/index.ts";

let database: TestDatabase;
let services: AppServices;

beforeAll(async () => {
  database = await createTestDatabase();
  const base = createTestServices(database.db);
  services = { ...base, platforms: createPlatforms({ sandbox: true }, base.config.publicUrl) };
  await seedPublishDemo(services);
});
afterAll(async () => {
  await services.jobs.stop();
  await database.drop();
});

async function snapshot() {
  const db = database.db;
  const [jobs] = await db.$queryRawUnsafe<Array<{ count: number }>>(
    `SELECT count(*)::int AS count FROM ${JOBS_SCHEMA}.job WHERE name = 'publish.target'`,
  );
  return {
    organizations: await db.organization.count(),
    memberships: await db.orgMembership.count(),
    subscriptions: await db.planSubscription.findMany(),
    accounts: await db.publishAccount.findMany({ orderBy: { handle: "asc" } }),
    posts: await db.publishPost.count(),
    targets: await db.publishTarget.findMany({ orderBy: { id: "asc" } }),
    messages: await db.publishInboxMessage.count(),
    usage: await db.usageCounter.findMany(),
    jobs: jobs!.count,
  };
}

async function ownerCaller() {
  const user = await database.db.user.findUniqueOrThrow({ where: { email: "user@glow.dev" } });
  const org = await database.db.organization.findUniqueOrThrow({ where: { slug: PUBLISH_DEMO_ORGANIZATION.slug } });
  const call = testCaller(services, {
    caller: { kind: "session", userId: user.id, roles: ["user"], permissions: [], sessionId: crypto.randomUUID() },
  });
  return { call, orgId: org.id };
}

describe("seedPublishDemo", () => {
  it("makes Glow Studio on Pro with two sandbox accounts, ten posts in each state, eight messages and the scheduled posts' jobs", async () => {
    const seeded = await snapshot();
    expect(seeded.subscriptions).toMatchObject([{ plan: "pro", provider: "sandbox", status: "active" }]);
    expect(seeded.accounts.map((a) => [a.platform, a.handle])).toEqual([
      ["sandbox", "glowstudio"],
      ["sandbox", "glowstudio_clips"],
    ]);
    expect(seeded.posts).toBe(10);
    expect(seeded.messages).toBe(8);
    const scheduled = seeded.targets.filter((t) => t.state === "scheduled");
    expect(new Set(seeded.targets.map((t) => t.state))).toEqual(new Set(["draft", "scheduled", "published", "failed"]));
    expect(seeded.targets.filter((t) => t.state === "published").every((t) => t.externalUrl?.includes("/publish/sandbox/posts/"))).toBe(
      true,
    );
    expect(seeded.jobs).toBe(scheduled.length);

    const { call, orgId } = await ownerCaller();
    expect((await call.publish.plan.current({ orgId })).tier).toBe("pro");
    const posts = await call.publish.posts.list({ orgId, limit: 50 });
    expect(posts.items).toHaveLength(10);
    const inbox = await call.publish.inbox.list({ orgId, limit: 50 });
    expect(inbox.items).toHaveLength(8);
  });

  it("seals the accounts' tokens, and the sandbox accepts what they open to", async () => {
    const { accounts } = await snapshot();
    for (const account of accounts) {
      expect(account.accessToken).not.toMatch(/^sbx_/);
      const token = services.secrets.decrypt(account.accessToken, ACCESS_TOKEN_CONTEXT);
      const profile = await sandboxPlatform(services.platforms)!.profile(token);
      expect(profile.handle).toBe(account.handle);
    }
  });

  it("changes nothing when run again", async () => {
    const before = await snapshot();
    await seedPublishDemo(services);
    expect(await snapshot()).toEqual(before);
  });
});
