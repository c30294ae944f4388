// publish.posts, publish.calendar and publish.slots against a real PostgreSQL under row-level
// security: drafts, per-platform validation, scheduling in a zone, plan limits under
// concurrency, the weekly queue, media checked by content, and who may do what.
import { randomUUID } from "node:crypto";
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../context.ts";
import { usagePeriod } from "../../core/billing/plans.ts";
import { createTestServices, personCalling, refusedFields, samplePng, sampleVideo, testCaller } from "../../testing.ts";
import { offlineAccount } from "../../testing/publish.ts";
import { ensureMembership, ensureOrganization } from "../coach/demo.ts";
import type { TargetChanged } from "./events.ts";

let database: TestDatabase;
let services: AppServices;
let org: string;
let otherOrg: string;
let limitedOrg: string;
type Person = Awaited<ReturnType<typeof personCalling>>;
let owner: Person, staff: Person, viewer: Person, outsider: Person;
let xAccount: string, instagram: string, linkedin: string, youtube: string, otherOrgAccount: string, limitedAccount: string;

const future = (days: number) => {
  const at = new Date(Date.now() + days * 86_400_000);
  return `${at.toISOString().slice(0, 10)}T09:30`;
};

async function codeOf(call: Promise<unknown>): Promise<string> {
  const error = (await call.then(
    () => null,
    (caught: unknown) => caught,
  )) as { code?: string } | null;
  return error?.code ?? "OK";
}

async function messageOf(call: Promise<unknown>): Promise<string> {
  const error = (await call.then(
    () => null,
    (caught: unknown) => caught,
  )) as { message?: string } | null;
  return error?.message ?? "";
}

beforeAll(async () => {
  database = await createTestDatabase();
  services = createTestServices(database.db);
  org = await ensureOrganization(database.db, { slug: "posts-a", name: "Posts A" });
  otherOrg = await ensureOrganization(database.db, { slug: "posts-b", name: "Posts B" });
  limitedOrg = await ensureOrganization(database.db, { slug: "posts-free", name: "Posts Free" });
  owner = await personCalling(services, "posts-owner");
  staff = await personCalling(services, "posts-staff");
  viewer = await personCalling(services, "posts-viewer");
  outsider = await personCalling(services, "posts-outsider");
  await ensureMembership(database.db, org, owner.id, "owner");
  await ensureMembership(database.db, org, staff.id, "staff");
  await ensureMembership(database.db, org, viewer.id, "client");
  await ensureMembership(database.db, otherOrg, outsider.id, "owner");
  await ensureMembership(database.db, limitedOrg, staff.id, "staff");
  // The main organization is on Enterprise so that only the limits test meets a limit.
  await database.db.planSubscription.create({ data: { orgId: org, plan: "enterprise", provider: "sandbox" } });
  const mine = { orgId: org, userId: owner.id };
  xAccount = await offlineAccount(services, database.db, mine, "x", "glow_x");
  instagram = await offlineAccount(services, database.db, mine, "instagram", "glow_ig");
  linkedin = await offlineAccount(services, database.db, mine, "linkedin", "glow_li");
  youtube = await offlineAccount(services, database.db, mine, "youtube", "glow_yt");
  otherOrgAccount = await offlineAccount(services, database.db, { orgId: otherOrg, userId: outsider.id }, "x", "other_x");
  limitedAccount = await offlineAccount(services, database.db, { orgId: limitedOrg, userId: staff.id }, "x", "free_x");
});
afterAll(() => database.drop());

async function uploaded(bytes: Buffer, contentType: string): Promise<string> {
  const { key } = await staff.call.publish.posts.uploadUrl({ orgId: org, contentType: contentType as "image/png", bytes: bytes.length });
  await services.storage.put(key, bytes, { contentType });
  return key;
}

describe("publish.posts drafts", () => {
  it("creates a draft with one target per account and per-platform overrides, and reads it back", async () => {
    const post = await staff.call.publish.posts.create({
      orgId: org,
      content: "Launch day!",
      targets: [{ accountId: xAccount }, { accountId: linkedin, content: "Launch day, in more words for LinkedIn." }],
    });
    expect(post).toMatchObject({ content: "Launch day!", state: "draft", media: [], author: { id: staff.id, name: staff.name } });
    expect(post.targets.map((target) => [target.platform, target.accountHandle, target.text, target.state])).toEqual([
      ["x", "glow_x", "Launch day!", "draft"],
      ["linkedin", "glow_li", "Launch day, in more words for LinkedIn.", "draft"],
    ]);
    expect(await viewer.call.publish.posts.get({ orgId: org, postId: post.id })).toEqual(post);

    const edited = await staff.call.publish.posts.update({
      orgId: org,
      postId: post.id,
      content: "Launch day is here!",
      targets: [{ accountId: xAccount, content: "Launch 🚀" }],
    });
    expect(edited.targets.map((target) => target.text)).toEqual(["Launch 🚀"]);
    expect(edited.content).toBe("Launch day is here!");
  });

  it("lists newest first in pages, filtered by state", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await staff.call.publish.posts.create({ orgId: org, content: `List ${i}`, targets: [{ accountId: linkedin }] })).id);
    }
    await staff.call.publish.posts.schedule({ orgId: org, postId: ids[1]!, at: future(3), timeZone: "Europe/Berlin" });
    const first = await viewer.call.publish.posts.list({ orgId: org, limit: 2 });
    expect(first.items.map((post) => post.id)).toEqual([ids[2], ids[1]]);
    const second = await viewer.call.publish.posts.list({ orgId: org, limit: 2, cursor: first.nextCursor! });
    expect(second.items[0]!.id).toBe(ids[0]);
    const scheduled = await viewer.call.publish.posts.list({ orgId: org, limit: 50, state: "scheduled" });
    expect(scheduled.items.map((post) => post.id)).toContain(ids[1]);
    expect(scheduled.items.every((post) => post.state === "scheduled")).toBe(true);
  });

  it("refuses another organization's account and bad input, naming the field", async () => {
    expect(
      await refusedFields(staff.call.publish.posts.create({ orgId: org, content: "x", targets: [{ accountId: otherOrgAccount }] })),
    ).toEqual(["targets.0.accountId"]);
    expect(await refusedFields(staff.call.publish.posts.create({ orgId: org, content: "x", targets: [] }))).toEqual(["targets"]);
    expect(
      await refusedFields(staff.call.publish.posts.create({ orgId: org, content: "x", targets: [{ accountId: "not-a-uuid" }] })),
    ).toEqual(["targets.0.accountId"]);
    expect(
      await refusedFields(
        staff.call.publish.posts.schedule({ orgId: org, postId: randomUUID(), at: "tomorrow", timeZone: "Europe/Berlin" }),
      ),
    ).toEqual(["at"]);
    expect(
      await refusedFields(staff.call.publish.posts.schedule({ orgId: org, postId: randomUUID(), at: future(2), timeZone: "Mars/Base" })),
    ).toEqual(["timeZone"]);
    expect(
      await refusedFields(staff.call.publish.slots.set({ orgId: org, timeZone: "Europe/Berlin", slots: [{ weekday: 8, time: "25:00" }] })),
    ).toEqual(["slots.0.weekday", "slots.0.time"]);
  });
});

describe("per-platform validation before scheduling", () => {
  it("refuses text over X's 280 characters on targets.<i>.content, with the count", async () => {
    const post = await staff.call.publish.posts.create({
      orgId: org,
      content: "fine everywhere",
      targets: [{ accountId: linkedin }, { accountId: xAccount, content: "a".repeat(312) }],
    });
    const schedule = staff.call.publish.posts.schedule({ orgId: org, postId: post.id, at: future(2), timeZone: "Europe/Berlin" });
    expect(await messageOf(schedule)).toBe("X allows 280 characters; this has 312");
    expect(
      await refusedFields(staff.call.publish.posts.schedule({ orgId: org, postId: post.id, at: future(2), timeZone: "Europe/Berlin" })),
    ).toEqual(["targets.1.content"]);
    expect((await staff.call.publish.posts.get({ orgId: org, postId: post.id })).state).toBe("draft");
  });

  it("refuses LinkedIn over 3000 characters, Instagram without media and YouTube without a video", async () => {
    const long = await staff.call.publish.posts.create({ orgId: org, content: "b".repeat(3001), targets: [{ accountId: linkedin }] });
    expect(await messageOf(staff.call.publish.posts.publishNow({ orgId: org, postId: long.id }))).toBe(
      "LinkedIn allows 3000 characters; this has 3001",
    );
    const textOnly = await staff.call.publish.posts.create({ orgId: org, content: "no picture", targets: [{ accountId: instagram }] });
    expect(await refusedFields(staff.call.publish.posts.publishNow({ orgId: org, postId: textOnly.id }))).toEqual(["media"]);
    const image = await uploaded(samplePng(), "image/png");
    const withImage = await staff.call.publish.posts.create({
      orgId: org,
      content: "a picture",
      media: [{ key: image }],
      targets: [{ accountId: youtube }],
    });
    expect(await messageOf(staff.call.publish.posts.publishNow({ orgId: org, postId: withImage.id }))).toMatch(/YouTube takes video only/);
  });

  it("refuses an account that must be reconnected", async () => {
    const account = await offlineAccount(services, database.db, { orgId: org, userId: owner.id }, "x", "stale_x");
    await database.db.publishAccount.update({ where: { id: account }, data: { status: "needs_reconnect" } });
    const post = await staff.call.publish.posts.create({ orgId: org, content: "hello", targets: [{ accountId: account }] });
    expect(await refusedFields(staff.call.publish.posts.publishNow({ orgId: org, postId: post.id }))).toEqual(["targets.0.accountId"]);
  });
});

describe("media", () => {
  it("keeps an image and a video by what their bytes are, with signed URLs", async () => {
    const image = await uploaded(samplePng(), "image/png");
    const video = await uploaded(sampleVideo(), "video/mp4");
    expect(image).toMatch(new RegExp(`^orgs/${org}/publish/[0-9a-f-]+\\.png$`));
    const post = await staff.call.publish.posts.create({
      orgId: org,
      content: "with media",
      media: [{ key: image }, { key: video }],
      targets: [{ accountId: instagram }],
    });
    expect(post.media.map((file) => [file.kind, file.contentType, file.bytes])).toEqual([
      ["image", "image/png", samplePng().length],
      ["video", "video/mp4", sampleVideo().length],
    ]);
    expect(post.media[0]!.url).toMatch(/^http/);
  });

  it("refuses a file that only claims to be an image, another organization's key and an unsupported type", async () => {
    const fake = await uploaded(Buffer.from("just some text, not a png at all"), "image/png");
    const create = (key: string) =>
      staff.call.publish.posts.create({ orgId: org, content: "m", media: [{ key }], targets: [{ accountId: linkedin }] });
    expect(await refusedFields(create(fake))).toEqual(["media.0.key"]);
    expect(await services.storage.head(fake)).toBeNull();
    expect(await refusedFields(create(`orgs/${otherOrg}/publish/${randomUUID()}.png`))).toEqual(["media.0.key"]);
    expect(
      await refusedFields(staff.call.publish.posts.uploadUrl({ orgId: org, contentType: "application/pdf" as "image/png", bytes: 10 })),
    ).toEqual(["contentType"]);
    expect(
      await refusedFields(staff.call.publish.posts.uploadUrl({ orgId: org, contentType: "image/png", bytes: 50 * 1024 * 1024 })),
    ).toEqual(["bytes"]);
  });
});

describe("scheduling", () => {
  it("schedules in the author's zone, taking the earlier instant when the clocks go back, and refuses a skipped time on `at`", async () => {
    const post = await staff.call.publish.posts.create({ orgId: org, content: "DST", targets: [{ accountId: linkedin }] });
    // Clock-change dates of 2026 must still be ahead for this to be scheduling the future.
    const tz = "Europe/Berlin";
    const at = new Date() < new Date("2026-10-25T00:00:00Z") ? "2026-10-25T02:30" : "2027-10-31T02:30";
    const gap = new Date() < new Date("2026-03-29T00:00:00Z") ? "2026-03-29T02:30" : "2027-03-28T02:30";
    expect(await refusedFields(staff.call.publish.posts.schedule({ orgId: org, postId: post.id, at: gap, timeZone: tz }))).toEqual(["at"]);
    const scheduled = await staff.call.publish.posts.schedule({ orgId: org, postId: post.id, at, timeZone: tz });
    expect(scheduled.state).toBe("scheduled");
    expect(scheduled.timeZone).toBe(tz);
    expect(scheduled.scheduledAt!.toISOString()).toBe(at.startsWith("2026") ? "2026-10-25T00:30:00.000Z" : "2027-10-31T00:30:00.000Z");
    expect(scheduled.targets[0]).toMatchObject({ state: "scheduled", scheduledAt: scheduled.scheduledAt });
    const ny = await staff.call.publish.posts.schedule({
      orgId: org,
      postId: post.id,
      at: "2027-11-07T01:30",
      timeZone: "America/New_York",
    });
    expect(ny.scheduledAt!.toISOString()).toBe("2027-11-07T05:30:00.000Z");
  });

  it("refuses a time in the past and changes to a published post", async () => {
    const post = await staff.call.publish.posts.create({ orgId: org, content: "past", targets: [{ accountId: linkedin }] });
    expect(
      await refusedFields(staff.call.publish.posts.schedule({ orgId: org, postId: post.id, at: "2020-01-01T09:00", timeZone: "UTC" })),
    ).toEqual(["at"]);
    await database.db.publishTarget.updateMany({ where: { postId: post.id }, data: { state: "published" } });
    expect(await codeOf(staff.call.publish.posts.update({ orgId: org, postId: post.id, content: "changed" }))).toBe("PRECONDITION_FAILED");
    expect(await codeOf(staff.call.publish.posts.schedule({ orgId: org, postId: post.id, at: future(1), timeZone: "UTC" }))).toBe(
      "PRECONDITION_FAILED",
    );
  });

  it("cancels: targets cancelled, off the calendar, and the month's use given back", async () => {
    const period = usagePeriod("scheduledPosts", new Date());
    const used = async () =>
      (await database.db.usageCounter.findUnique({ where: { orgId_metric_period: { orgId: org, metric: "scheduledPosts", period } } }))
        ?.count ?? 0;
    const post = await staff.call.publish.posts.create({
      orgId: org,
      content: "cancel me",
      targets: [{ accountId: linkedin }, { accountId: xAccount }],
    });
    const before = await used();
    await staff.call.publish.posts.schedule({ orgId: org, postId: post.id, at: future(5), timeZone: "UTC" });
    // Rescheduling is the same post: no second use.
    await staff.call.publish.posts.schedule({ orgId: org, postId: post.id, at: future(6), timeZone: "UTC" });
    expect(await used()).toBe(before + 1);
    const cancelled = await staff.call.publish.posts.cancel({ orgId: org, postId: post.id });
    expect(cancelled.state).toBe("cancelled");
    expect(cancelled.targets.map((target) => target.state)).toEqual(["cancelled", "cancelled"]);
    expect(await used()).toBe(before);
    const day = future(6).slice(0, 10);
    const days = await viewer.call.publish.calendar({ orgId: org, from: day, to: day, timeZone: "UTC" });
    expect(days.entries.map((entry) => entry.postId)).not.toContain(post.id);
    expect(await codeOf(staff.call.publish.posts.cancel({ orgId: org, postId: post.id }))).toBe("PRECONDITION_FAILED");
  });

  it("lets exactly the plan's limit through when 20 posts are scheduled at once on the Free plan (10 a month)", async () => {
    const posts = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        staff.call.publish.posts.create({ orgId: limitedOrg, content: `race ${i}`, targets: [{ accountId: limitedAccount }] }),
      ),
    );
    const results = await Promise.allSettled(
      posts.map((post) => staff.call.publish.posts.schedule({ orgId: limitedOrg, postId: post.id, at: future(4), timeZone: "UTC" })),
    );
    const refused = results.filter((result) => result.status === "rejected").map((result) => (result as PromiseRejectedResult).reason);
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(10);
    expect(refused.every((error: { code: string }) => error.code === "FORBIDDEN")).toBe(true);
    expect((refused[0] as Error).message).toMatch(/Free plan allows 10 scheduled posts a month/);
    const scheduled = await database.db.publishTarget.count({ where: { orgId: limitedOrg, state: "scheduled" } });
    expect(scheduled).toBe(10);
  });
});

describe("publish.slots and publish.posts.queue", () => {
  it("sets the weekly slots and queues posts into the next free ones", async () => {
    const slots = await staff.call.publish.slots.set({
      orgId: org,
      timeZone: "Europe/Berlin",
      slots: [
        { weekday: 3, time: "18:00" },
        { weekday: 1, time: "09:00" },
      ],
    });
    expect(slots).toEqual({
      timeZone: "Europe/Berlin",
      slots: [
        { weekday: 1, time: "09:00" },
        { weekday: 3, time: "18:00" },
      ],
    });
    expect(await viewer.call.publish.slots.get({ orgId: org })).toEqual(slots);
    const a = await staff.call.publish.posts.create({ orgId: org, content: "queued a", targets: [{ accountId: linkedin }] });
    const b = await staff.call.publish.posts.create({ orgId: org, content: "queued b", targets: [{ accountId: linkedin }] });
    const first = await staff.call.publish.posts.queue({ orgId: org, postId: a.id });
    const second = await staff.call.publish.posts.queue({ orgId: org, postId: b.id });
    expect(second.scheduledAt!.getTime()).toBeGreaterThan(first.scheduledAt!.getTime());
    const local = (at: Date) =>
      new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Berlin", weekday: "short", hour: "2-digit", minute: "2-digit" }).format(at);
    for (const at of [first.scheduledAt!, second.scheduledAt!]) expect(["Mon 09:00", "Wed 18:00"]).toContain(local(at));
  });
});

describe("publish.calendar", () => {
  it("answers a month's posts by local day and time in the asked zone, with their platforms", async () => {
    const post = await staff.call.publish.posts.create({
      orgId: org,
      content: "On the calendar",
      targets: [{ accountId: linkedin }, { accountId: xAccount }],
    });
    const scheduled = await staff.call.publish.posts.schedule({
      orgId: org,
      postId: post.id,
      at: "2027-02-10T23:30",
      timeZone: "Europe/Berlin",
    });
    const berlin = await viewer.call.publish.calendar({ orgId: org, from: "2027-02-01", to: "2027-02-28", timeZone: "Europe/Berlin" });
    const entry = berlin.entries.find((item) => item.postId === post.id);
    expect(entry).toEqual({
      postId: post.id,
      at: scheduled.scheduledAt,
      date: "2027-02-10",
      time: "23:30",
      excerpt: "On the calendar",
      state: "scheduled",
      platforms: ["linkedin", "x"],
    });
    const newYork = await viewer.call.publish.posts.calendar({
      orgId: org,
      from: "2027-02-10",
      to: "2027-02-10",
      timeZone: "America/New_York",
    });
    expect(newYork.entries.find((item) => item.postId === post.id)).toMatchObject({ date: "2027-02-10", time: "17:30" });
    const outside = await outsider.call.publish.calendar({ orgId: otherOrg, from: "2027-02-01", to: "2027-02-28", timeZone: "UTC" });
    expect(outside.entries).toEqual([]);
    expect(
      await refusedFields(viewer.call.publish.calendar({ orgId: org, from: "2027-02-28", to: "2027-02-01", timeZone: "UTC" })),
    ).toEqual(["to"]);
  });
});

describe("publish.posts.onChange", () => {
  it("streams each target's state as it changes", async () => {
    const post = await staff.call.publish.posts.create({ orgId: org, content: "live", targets: [{ accountId: linkedin }] });
    const stream = await viewer.call.publish.posts.onChange({ orgId: org });
    const iterator = (stream as AsyncIterable<TargetChanged>)[Symbol.asyncIterator]();
    const next = iterator.next();
    await new Promise((resolve) => setTimeout(resolve, 50));
    await staff.call.publish.posts.schedule({ orgId: org, postId: post.id, at: future(9), timeZone: "UTC" });
    const event = await next;
    expect(event.value).toMatchObject({ postId: post.id, targetId: post.targets[0]!.id, state: "scheduled" });
    await iterator.return?.();
  });
});

describe("authorization", () => {
  it("refuses anonymous callers, other organizations and viewers' writes", async () => {
    const anonymous = testCaller(services);
    const post = await staff.call.publish.posts.create({ orgId: org, content: "auth", targets: [{ accountId: linkedin }] });
    const byPostId = { orgId: org, postId: post.id };
    const reads = (call: Person["call"]) => [
      () => call.publish.posts.get(byPostId),
      () => call.publish.posts.list({ orgId: org, limit: 5 }),
      () => call.publish.calendar({ orgId: org, from: "2027-01-01", to: "2027-01-31", timeZone: "UTC" }),
      () => call.publish.slots.get({ orgId: org }),
    ];
    const writes = (call: Person["call"]) => [
      () => call.publish.posts.create({ orgId: org, content: "no", targets: [{ accountId: linkedin }] }),
      () => call.publish.posts.update({ ...byPostId, content: "no" }),
      () => call.publish.posts.schedule({ ...byPostId, at: future(2), timeZone: "UTC" }),
      () => call.publish.posts.queue(byPostId),
      () => call.publish.posts.publishNow(byPostId),
      () => call.publish.posts.cancel(byPostId),
      () => call.publish.posts.uploadUrl({ orgId: org, contentType: "image/png", bytes: 10 }),
      () => call.publish.slots.set({ orgId: org, timeZone: "UTC", slots: [] }),
    ];
    for (const call of [...reads(anonymous), ...writes(anonymous)]) expect(await codeOf(call())).toBe("UNAUTHORIZED");
    for (const call of [...reads(outsider.call), ...writes(outsider.call)]) expect(await codeOf(call())).toBe("FORBIDDEN");
    for (const call of writes(viewer.call)) expect(await codeOf(call())).toBe("FORBIDDEN");
    for (const call of reads(viewer.call)) expect(await codeOf(call())).toBe("OK");
    // Another organization's post is not found from inside one's own.
    expect(await codeOf(outsider.call.publish.posts.get({ orgId: otherOrg, postId: post.id }))).toBe("NOT_FOUND");
  });
});
