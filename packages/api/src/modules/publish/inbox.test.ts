// The unified inbox against a real PostgreSQL (row-level security), the local fake of X's API
// and the sandbox platform: the sync job stores each message once, respects rate limits,
// announces arrivals; reading, unread counts, marking read and replying through the platform.
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AppServices } from "../../context.ts";
import { eventsOf } from "../../core/events.ts";
import { RetryLaterError } from "../../core/jobs/definition.ts";
import { createTestServices, personCalling, refusedFields, testCaller } from "../../testing.ts";
import { startFakeX } from "../../testing/platforms/x.ts";
import { ensureMembership, ensureOrganization } from "../coach/demo.ts";
import { inboxSyncAllJob, inboxSyncJob } from "./accounts.jobs.ts";
import { inboxChannel, type InboxArrived } from "./events.ts";
import { syncAccountInbox } from "./inbox.ts";
import { Platforms } from "./platforms/registry.ts";
import { SandboxPlatform } from "./platforms/sandbox.ts";
import type { SocialPlatform } from "./platforms/types.ts";
import { XPlatform } from "./platforms/x.ts";

let database: TestDatabase;
let services: AppServices;
let fake: Awaited<ReturnType<typeof startFakeX>>;
let sandbox: SandboxPlatform;
let orgId: string;
let otherOrgId: string;
let accountId: string;
let currentX: XPlatform;

type Person = Awaited<ReturnType<typeof personCalling>>;
let owner: Person, staff: Person, client: Person, outsider: Person;

async function code(call: Promise<unknown>): Promise<string> {
  const error = (await call.then(
    () => null,
    (caught: unknown) => caught,
  )) as { code?: string } | null;
  return error?.code ?? "OK";
}

async function refusal(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  return call.then(
    () => ({ code: "OK", message: "" }),
    (error: { code: string; message: string }) => ({ code: error.code, message: error.message }),
  );
}

async function connectX(org: string, who: Person): Promise<string> {
  const { authorizeUrl } = await who.call.publish.accounts.connect({ orgId: org, platform: "x" });
  return (await who.call.publish.accounts.completeConnect(await fake.approve(new URL(authorizeUrl)))).id;
}

beforeAll(async () => {
  database = await createTestDatabase();
  sandbox = new SandboxPlatform({ publicUrl: "http://127.0.0.1:3000", secret: "inbox-test" });
  // Each test gets a fresh X fake behind the same provider slot (callers keep the services they were made with).
  const x = new Proxy({} as SocialPlatform, {
    get(_target, property) {
      if (property === "id") return "x";
      const value = (currentX as unknown as Record<PropertyKey, unknown>)[property];
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(currentX) : value;
    },
  });
  services = createTestServices(database.db, { platforms: new Platforms([sandbox, x]) });
  owner = await personCalling(services, "inbox-owner");
  staff = await personCalling(services, "inbox-staff");
  client = await personCalling(services, "inbox-client");
  outsider = await personCalling(services, "inbox-outsider");
});
afterAll(async () => {
  await services.jobs.stop();
  await database.drop();
});

beforeEach(async () => {
  // A fresh X fake and organization per test, so inboxes and plan limits start empty.
  await fake?.close();
  fake = await startFakeX();
  currentX = new XPlatform(fake.credentials, { inboxPageSize: 2 });
  const slug = `inbox-${Math.random().toString(36).slice(2, 10)}`;
  orgId = await ensureOrganization(database.db, { slug, name: "Inbox Studio" });
  otherOrgId = await ensureOrganization(database.db, { slug: `${slug}-b`, name: "Other" });
  await ensureMembership(database.db, orgId, owner.id, "owner");
  await ensureMembership(database.db, orgId, staff.id, "staff");
  await ensureMembership(database.db, orgId, client.id, "client");
  await ensureMembership(database.db, otherOrgId, outsider.id, "owner");
  accountId = await connectX(orgId, owner);
});
afterAll(() => fake?.close());

describe("publish.inbox", () => {
  it("stores what the sync fetches once, newest first, however often it is fetched", async () => {
    const older = fake.addInboxItem({ kind: "message", text: "Hi there", authorName: "Dana", authorHandle: "dana" });
    fake.addInboxItem({ kind: "message", text: "Are you open?", authorName: "Eli", authorHandle: "eli" });
    fake.addInboxItem({
      kind: "comment",
      text: "Nice post",
      authorName: "Fay",
      authorHandle: "fay",
      parentExternalId: "1700000000000000001",
    });
    expect(await syncAccountInbox(services, accountId)).toEqual({ stored: 3 });
    // Again, and again from the very start: nothing new.
    expect(await syncAccountInbox(services, accountId)).toEqual({ stored: 0 });
    await database.db.publishAccount.update({ where: { id: accountId }, data: { inboxCursor: null } });
    expect(await syncAccountInbox(services, accountId)).toEqual({ stored: 0 });
    expect(await database.db.publishInboxMessage.count({ where: { accountId } })).toBe(3);

    const page = await client.call.publish.inbox.list({ orgId, limit: 10 });
    expect(page.items.map((item) => item.text).sort()).toEqual(["Are you open?", "Hi there", "Nice post"]);
    const times = page.items.map((item) => item.receivedAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(page.items.find((item) => item.text === "Hi there")).toMatchObject({
      accountId,
      platform: "x",
      accountHandle: "glow_fake",
      kind: "message",
      authorName: "Dana",
      authorHandle: "dana",
      readAt: null,
      reply: null,
    });
    expect(page.items.find((item) => item.text === "Nice post")).toMatchObject({ kind: "comment" });
    expect((await database.db.publishInboxMessage.findFirstOrThrow({ where: { externalId: older } })).orgId).toBe(orgId);
    expect((await database.db.publishAccount.findUniqueOrThrow({ where: { id: accountId } })).lastSyncedAt).not.toBeNull();
  });

  it("pages newest first with a cursor, and filters by account and unread", async () => {
    for (let index = 0; index < 5; index += 1) fake.addInboxItem({ kind: "message", text: `m${index}`, authorName: `P${index}` });
    await syncAccountInbox(services, accountId);
    const sandboxAccount = await database.db.publishAccount.create({
      data: {
        orgId,
        platform: "sandbox",
        externalId: "sbx_inbox",
        handle: "inbox_sbx",
        displayName: "Sandbox",
        connectedById: owner.id,
        ...(() => {
          const tokens = sandbox.mintTokens({ externalId: "sbx_inbox", handle: "inbox_sbx", displayName: "Sandbox" });
          return {
            accessToken: services.secrets.encrypt(tokens.accessToken, "publish_accounts.access_token"),
            refreshToken: services.secrets.encrypt(tokens.refreshToken!, "publish_accounts.refresh_token"),
            tokenExpiresAt: tokens.expiresAt,
          };
        })(),
      },
    });
    expect((await syncAccountInbox(services, sandboxAccount.id)).stored).toBe(3);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await client.call.publish.inbox.list({ orgId, limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(8);

    const onlySandbox = await client.call.publish.inbox.list({ orgId, limit: 20, accountId: sandboxAccount.id });
    expect(onlySandbox.items).toHaveLength(3);
    expect(onlySandbox.items.every((item) => item.platform === "sandbox")).toBe(true);

    await staff.call.publish.inbox.markRead({ orgId, messageIds: onlySandbox.items.slice(0, 2).map((item) => item.id) });
    expect((await client.call.publish.inbox.list({ orgId, limit: 20, unread: true })).items).toHaveLength(6);
    expect((await client.call.publish.inbox.list({ orgId, limit: 20, unread: false })).items).toHaveLength(2);
    const unread = await client.call.publish.inbox.unread({ orgId });
    expect(unread.total).toBe(6);
    expect(unread.byAccount.sort((a, b) => a.count - b.count)).toEqual([
      { accountId: sandboxAccount.id, count: 1 },
      { accountId, count: 5 },
    ]);
  });

  it("marks messages read once, and only the organization's own", async () => {
    fake.addInboxItem({ kind: "message", text: "one", authorName: "A" });
    fake.addInboxItem({ kind: "message", text: "two", authorName: "B" });
    await syncAccountInbox(services, accountId);
    const ids = (await client.call.publish.inbox.list({ orgId, limit: 10 })).items.map((item) => item.id);
    expect(await outsider.call.publish.inbox.markRead({ orgId: otherOrgId, messageIds: ids })).toEqual({ updated: 0 });
    expect(await staff.call.publish.inbox.markRead({ orgId, messageIds: ids })).toEqual({ updated: 2 });
    expect(await staff.call.publish.inbox.markRead({ orgId, messageIds: ids })).toEqual({ updated: 0 });
    expect(await client.call.publish.inbox.unread({ orgId })).toEqual({ total: 0, byAccount: [] });
  });

  it("replies through the platform and records who answered; a refusal names the platform's reason", async () => {
    fake.addInboxItem({ kind: "message", text: "Can I order?", authorName: "Gus", authorHandle: "gus" });
    await syncAccountInbox(services, accountId);
    const [message] = (await client.call.publish.inbox.list({ orgId, limit: 1 })).items;
    const answered = await staff.call.publish.inbox.reply({ orgId, messageId: message!.id, text: "  Yes, through our shop!  " });
    expect(answered.reply).toMatchObject({ text: "Yes, through our shop!", byName: staff.name });
    expect(answered.readAt).not.toBeNull();
    expect(fake.replies).toEqual([expect.objectContaining({ text: "Yes, through our shop!" })]);
    const stored = await database.db.publishInboxMessage.findUniqueOrThrow({ where: { id: message!.id } });
    expect(stored.replyExternalId).toBeTruthy();
    expect(stored.repliedById).toBe(staff.id);

    fake.failNext(1, { status: 403, body: { title: "Forbidden", detail: "You cannot send messages to this user.", status: 403 } });
    const refused = await staff.call.publish.inbox.reply({ orgId, messageId: message!.id, text: "Again" }).then(
      () => null,
      (error: { code: string; message: string; cause?: { field?: string } }) => error,
    );
    expect(refused).toMatchObject({ code: "BAD_REQUEST" });
    expect(refused!.message).toContain("You cannot send messages to this user.");
    expect(refused!.cause?.field).toBe("text");
    expect(fake.replies).toHaveLength(1);

    expect(await code(outsider.call.publish.inbox.reply({ orgId: otherOrgId, messageId: message!.id, text: "Hi" }))).toBe("NOT_FOUND");
  });

  it("marks the account for reconnection when the platform refuses its token on a reply", async () => {
    fake.addInboxItem({ kind: "message", text: "Hello?", authorName: "Hal" });
    await syncAccountInbox(services, accountId);
    const [message] = (await client.call.publish.inbox.list({ orgId, limit: 1 })).items;
    fake.failNext(1, { status: 401 });
    const refused = await refusal(staff.call.publish.inbox.reply({ orgId, messageId: message!.id, text: "Hi" }));
    expect(refused.code).toBe("PRECONDITION_FAILED");
    expect(refused.message).toMatch(/^Reconnect the account @glow_fake on X/);
    expect((await client.call.publish.accounts.list({ orgId })).items[0]).toMatchObject({ status: "needs_reconnect" });
    expect(await database.db.outboxEmail.count({ where: { to: owner.email } })).toBeGreaterThanOrEqual(1);
    // The sync leaves an account that needs reconnecting alone.
    fake.addInboxItem({ kind: "message", text: "Still there?", authorName: "Hal" });
    expect(await syncAccountInbox(services, accountId)).toEqual({ stored: 0 });
    await database.db.outboxEmail.deleteMany({});
  });

  it("waits as long as the platform's rate limit says, then fetches", async () => {
    for (let index = 0; index < 3; index += 1) fake.addInboxItem({ kind: "message", text: `r${index}`, authorName: "R" });
    const reset = Math.floor(Date.now() / 1000) + 90;
    fake.failNext(1, { status: 429, headers: { "x-rate-limit-reset": String(reset), "x-rate-limit-remaining": "0" } });
    const error = await syncAccountInbox(services, accountId).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(RetryLaterError);
    const wait = (error as RetryLaterError).ms;
    expect(wait).toBeGreaterThan(80_000);
    expect(wait).toBeLessThanOrEqual(90_000);
    expect(await database.db.publishInboxMessage.count({ where: { accountId } })).toBe(0);
    // Next time, all arrive.
    await syncAccountInbox(services, accountId);
    expect(await database.db.publishInboxMessage.count({ where: { accountId } })).toBe(3);
  });

  it("streams new arrivals to the organization's members over publish.inbox.onNew", async () => {
    const stream = await client.call.publish.inbox.onNew({ orgId });
    const iterator = (stream as AsyncIterable<InboxArrived>)[Symbol.asyncIterator]();
    const next = iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 50));
    fake.addInboxItem({ kind: "message", text: "ping", authorName: "Ida" });
    fake.addInboxItem({ kind: "message", text: "pong", authorName: "Jo" });
    await syncAccountInbox(services, accountId);
    const arrived = await next;
    expect(arrived.value).toMatchObject({ accountId, count: 2 });
    await iterator.return?.(undefined);

    // Nothing is announced when nothing new arrived.
    const quiet = eventsOf<InboxArrived>(services.events, inboxChannel(orgId), AbortSignal.timeout(300))[Symbol.asyncIterator]();
    const none = quiet.next();
    await syncAccountInbox(services, accountId);
    await expect(none).resolves.toMatchObject({ done: true });

    expect(await code(testCaller(services).publish.inbox.onNew({ orgId }))).toBe("UNAUTHORIZED");
    expect(await code(outsider.call.publish.inbox.onNew({ orgId }))).toBe("FORBIDDEN");
  });

  it("queues a sync per active account, which the job then runs", async () => {
    await database.db.publishInboxMessage.deleteMany({});
    fake.addInboxItem({ kind: "message", text: "queued", authorName: "Kit" });
    expect(await staff.call.publish.inbox.sync({ orgId })).toEqual({ queued: 1 });
    expect(await staff.call.publish.inbox.sync({ orgId, accountId })).toEqual({ queued: 1 });
    await services.jobs.runDue(inboxSyncJob, services);
    expect((await client.call.publish.inbox.list({ orgId, limit: 5 })).items.map((item) => item.text)).toEqual(["queued"]);

    // The cron queues every active account (not one that needs reconnecting).
    await database.db.publishAccount.updateMany({
      where: { status: "active", id: { not: accountId } },
      data: { status: "needs_reconnect" },
    });
    await inboxSyncAllJob.run({}, services, { id: "t", queue: inboxSyncAllJob.queue, attempt: 1, signal: new AbortController().signal });
    const waiting = await services.jobs.list({ queue: inboxSyncJob.queue, state: "created", limit: 50 });
    expect(new Set(waiting.items.map((job) => (job.data as { accountId: string }).accountId))).toEqual(new Set([accountId]));
    fake.addInboxItem({ kind: "message", text: "by cron", authorName: "Kit" });
    await services.jobs.runDue(inboxSyncJob, services);
    expect((await client.call.publish.inbox.list({ orgId, limit: 5 })).items.map((item) => item.text)).toEqual(["by cron", "queued"]);
  });

  it("refuses callers without the right role, and bad input naming the field", async () => {
    fake.addInboxItem({ kind: "message", text: "secret", authorName: "Lu" });
    await syncAccountInbox(services, accountId);
    const [message] = (await client.call.publish.inbox.list({ orgId, limit: 1 })).items;
    const anonymous = testCaller(services);
    expect(await code(anonymous.publish.inbox.list({ orgId, limit: 5 }))).toBe("UNAUTHORIZED");
    expect(await code(anonymous.publish.inbox.unread({ orgId }))).toBe("UNAUTHORIZED");
    expect(await code(anonymous.publish.inbox.markRead({ orgId, messageIds: [message!.id] }))).toBe("UNAUTHORIZED");
    expect(await code(anonymous.publish.inbox.reply({ orgId, messageId: message!.id, text: "x" }))).toBe("UNAUTHORIZED");
    expect(await code(anonymous.publish.inbox.sync({ orgId }))).toBe("UNAUTHORIZED");

    expect(await code(outsider.call.publish.inbox.list({ orgId, limit: 5 }))).toBe("FORBIDDEN");
    expect(await code(outsider.call.publish.inbox.unread({ orgId }))).toBe("FORBIDDEN");
    expect(await code(outsider.call.publish.inbox.markRead({ orgId, messageIds: [message!.id] }))).toBe("FORBIDDEN");
    expect(await code(outsider.call.publish.inbox.reply({ orgId, messageId: message!.id, text: "x" }))).toBe("FORBIDDEN");
    expect((await outsider.call.publish.inbox.list({ orgId: otherOrgId, limit: 5 })).items).toEqual([]);

    expect(await code(client.call.publish.inbox.markRead({ orgId, messageIds: [message!.id] }))).toBe("FORBIDDEN");
    expect(await code(client.call.publish.inbox.reply({ orgId, messageId: message!.id, text: "x" }))).toBe("FORBIDDEN");
    expect(await code(client.call.publish.inbox.sync({ orgId }))).toBe("FORBIDDEN");
    expect(fake.replies).toEqual([]);

    expect(await refusedFields(client.call.publish.inbox.list({ orgId, limit: 0 }))).toEqual(["limit"]);
    expect(await refusedFields(client.call.publish.inbox.list({ orgId, limit: 5, cursor: "nope" }))).toEqual(["cursor"]);
    expect(await refusedFields(client.call.publish.inbox.list({ orgId, limit: 5, accountId: "nope" }))).toEqual(["accountId"]);
    expect(await refusedFields(staff.call.publish.inbox.markRead({ orgId, messageIds: [] }))).toEqual(["messageIds"]);
    expect(await refusedFields(staff.call.publish.inbox.markRead({ orgId, messageIds: ["x"] }))).toEqual(["messageIds.0"]);
    expect(await refusedFields(staff.call.publish.inbox.reply({ orgId, messageId: message!.id, text: "   " }))).toEqual(["text"]);
    expect(await refusedFields(staff.call.publish.inbox.reply({ orgId, messageId: "m", text: "x".repeat(5001) }))).toEqual([
      "messageId",
      "text",
    ]);
  });
});
