// publish.ai.caption: through a configured OpenAI-compatible provider (a local fake of its
// contract) and through the local captioner; logged, counted against the plan, refused to the wrong callers.
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../context.ts";
import { usagePeriod } from "../../core/billing/plans.ts";
import { startFakeOpenAi, type FakeOpenAi } from "../../testing/openai-fake.ts";
import { createTestServices, personCalling, refusedFields, testCaller } from "../../testing.ts";
import { ensureMembership } from "../coach/demo.ts";
import { CAPTION_LIMITS, LOCAL_CAPTION_MODEL, localCaptions } from "./ai.ts";
import { PLATFORM_IDS } from "./platforms/types.ts";

let database: TestDatabase;
let local: AppServices;
let configured: AppServices;
let fakeAi: FakeOpenAi;

beforeAll(async () => {
  database = await createTestDatabase();
  fakeAi = await startFakeOpenAi();
  local = createTestServices(database.db);
  configured = createTestServices(database.db, {
    ai: { baseUrl: fakeAi.url, apiKey: fakeAi.apiKey, model: "caption-model", inputCostPerMillion: 2, outputCostPerMillion: 6 },
  });
});
afterAll(async () => {
  await fakeAi.close();
  await database.drop();
});

let counter = 0;
/** An organization on `plan` (none: free) with an owner, a staff member and a client, callers on `services`. */
async function studio(services: AppServices, plan?: "pro") {
  counter += 1;
  const owner = await personCalling(services, `caption-owner-${counter}`);
  const staff = await personCalling(services, `caption-staff-${counter}`);
  const client = await personCalling(services, `caption-client-${counter}`);
  const org = await owner.call.orgs.create({ name: `Caption Studio ${counter}` });
  await ensureMembership(database.db, org.id, staff.id, "staff");
  await ensureMembership(database.db, org.id, client.id, "client");
  if (plan) await database.db.planSubscription.create({ data: { orgId: org.id, plan, provider: "sandbox" } });
  return { orgId: org.id, owner, staff, client };
}

const captionsUsed = async (orgId: string) =>
  (
    await database.db.usageCounter.findUnique({
      where: { orgId_metric_period: { orgId, metric: "aiCaptions", period: usagePeriod("aiCaptions", new Date()) } },
    })
  )?.count ?? 0;

const CONTENT =
  "Our spring pottery workshop opens Saturday at the studio. Bring a friend, learn to throw a bowl on the wheel, and take your pottery home glazed. Pottery for everyone!";

describe("the local captioner", () => {
  it("answers three captions within every platform's limit, the same for the same input", () => {
    const long = `${CONTENT} ${"More words about clay and glaze. ".repeat(200)}`;
    for (const platform of PLATFORM_IDS) {
      const captions = localCaptions(long, platform, "friendly");
      expect(captions).toHaveLength(3);
      for (const caption of captions) expect(caption.length).toBeLessThanOrEqual(CAPTION_LIMITS[platform]);
      expect(localCaptions(long, platform, "friendly")).toEqual(captions);
    }
  });

  it("adds hashtags on Instagram and TikTok, keeps X shortest, and words each tone its own way", () => {
    const instagram = localCaptions(CONTENT, "instagram", "playful");
    expect(instagram.every((c) => /\n\n#pottery( #\S+)+$/.test(c))).toBe(true);
    expect(localCaptions(CONTENT, "tiktok", "playful").every((c) => c.includes("#pottery"))).toBe(true);
    expect(localCaptions(CONTENT, "linkedin", "playful").some((c) => c.includes("#"))).toBe(false);
    const x = localCaptions(CONTENT, "x", "bold");
    const linkedin = localCaptions(CONTENT, "linkedin", "bold");
    expect(Math.max(...x.map((c) => c.length))).toBeLessThan(Math.max(...linkedin.map((c) => c.length)));
    expect(localCaptions(CONTENT, "linkedin", "professional")).not.toEqual(localCaptions(CONTENT, "linkedin", "playful"));
  });
});

describe("publish.ai.caption without a provider", () => {
  it("answers the local captioner's suggestions, logs the call at no cost, and counts one AI caption", async () => {
    const { orgId, staff } = await studio(local);
    const answer = await staff.call.publish.ai.caption({ orgId, content: CONTENT, platform: "instagram", tone: "friendly" });
    expect(answer).toEqual({ suggestions: localCaptions(CONTENT, "instagram", "friendly"), model: LOCAL_CAPTION_MODEL });
    expect(await captionsUsed(orgId)).toBe(1);
    const log = await database.db.aiRequestLog.findFirstOrThrow({ where: { userId: staff.id } });
    expect(log).toMatchObject({
      provider: "local",
      model: LOCAL_CAPTION_MODEL,
      purpose: "publish.caption",
      promptTokens: 0,
      succeeded: true,
    });
    expect(log.costUsd.toString()).toBe("0");
  });

  it("captions a saved post by its id, using its override on that platform", async () => {
    const { orgId, staff, owner } = await studio(local);
    const post = await database.db.publishPost.create({ data: { orgId, authorId: owner.id, content: CONTENT } });
    const answer = await staff.call.publish.ai.caption({ orgId, postId: post.id, platform: "x", tone: "bold" });
    expect(answer.suggestions).toEqual(localCaptions(CONTENT, "x", "bold"));
    await expect(staff.call.publish.ai.caption({ orgId, postId: crypto.randomUUID(), platform: "x", tone: "bold" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });

  it("refuses a post of another organization as not found", async () => {
    const mine = await studio(local);
    const theirs = await studio(local);
    const post = await database.db.publishPost.create({ data: { orgId: theirs.orgId, authorId: theirs.owner.id, content: CONTENT } });
    await expect(
      mine.staff.call.publish.ai.caption({ orgId: mine.orgId, postId: post.id, platform: "x", tone: "bold" }),
    ).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await captionsUsed(mine.orgId)).toBe(0);
  });

  it("refuses the sixth caption of the month on the Free plan, naming the limit and the plan that lifts it", async () => {
    const { orgId, staff } = await studio(local);
    for (let i = 0; i < 5; i++) await staff.call.publish.ai.caption({ orgId, content: `${CONTENT} ${i}`, platform: "x", tone: "friendly" });
    await expect(staff.call.publish.ai.caption({ orgId, content: CONTENT, platform: "x", tone: "friendly" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "Your Free plan allows 5 AI captions a month. Upgrade to Basic for 50.",
    });
    expect(await captionsUsed(orgId)).toBe(5);
  });

  it("refuses bad input naming the field", async () => {
    const { orgId, staff } = await studio(local);
    const call = staff.call.publish.ai.caption;
    expect(await refusedFields(call({ orgId, platform: "x", tone: "bold" }))).toEqual(["content"]);
    expect(await refusedFields(call({ orgId, postId: crypto.randomUUID(), content: "Hi", platform: "x", tone: "bold" }))).toEqual([
      "postId",
    ]);
    expect(await refusedFields(call({ orgId, content: "Hi", platform: "myspace" as "x", tone: "bold" }))).toEqual(["platform"]);
    expect(await refusedFields(call({ orgId, content: "Hi", platform: "x", tone: "grumpy" as "bold" }))).toEqual(["tone"]);
    expect(await refusedFields(call({ orgId, content: "   ", platform: "x", tone: "bold" }))).toEqual(["content"]);
    expect(await refusedFields(call({ orgId, postId: "post-1", platform: "x", tone: "bold" }))).toEqual(["postId"]);
  });

  it("is for staff of the organization: anonymous, a client, an outsider are refused", async () => {
    const { orgId, client } = await studio(local);
    const outsider = await personCalling(local, `caption-outsider-${counter}`);
    const input = { orgId, content: CONTENT, platform: "x" as const, tone: "bold" as const };
    await expect(testCaller(local).publish.ai.caption(input)).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(client.call.publish.ai.caption(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(outsider.call.publish.ai.caption(input)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await captionsUsed(orgId)).toBe(0);
  });
});

describe("publish.ai.caption through a configured provider", () => {
  it("asks the provider for JSON with the platform, tone and limit, and logs tokens and cost", async () => {
    const { orgId, staff } = await studio(configured, "pro");
    fakeAi.reply = () => JSON.stringify({ suggestions: ["Spring is here 🌷", `Come throw a bowl. ${"Clay ".repeat(80)}`, "Saturday!"] });
    const answer = await staff.call.publish.ai.caption({ orgId, content: CONTENT, platform: "x", tone: "playful" });
    expect(answer.model).toBe("caption-model");
    expect(answer.suggestions[0]).toBe("Spring is here 🌷");
    expect(answer.suggestions[1]!.length).toBeLessThanOrEqual(280);
    expect(answer.suggestions[1]!.endsWith("…")).toBe(true);
    const request = fakeAi.requests.at(-1)!;
    expect(request.response_format).toEqual({ type: "json_object" });
    expect(request.messages[0]!.content).toMatch(/for x in a playful tone, each at most 280 characters/);
    expect(request.messages[1]!.content).toBe(CONTENT);
    const log = await database.db.aiRequestLog.findFirstOrThrow({ where: { userId: staff.id } });
    expect(log).toMatchObject({
      model: "caption-model",
      purpose: "publish.caption",
      promptTokens: 150,
      completionTokens: 90,
      succeeded: true,
    });
    expect(log.costUsd.toString()).toBe("0.00084"); // (150 × 2 + 90 × 6) / 1e6
    expect(await captionsUsed(orgId)).toBe(1);
  });

  it.each([
    ["the provider fails", () => fakeAi.failNext(1, 503)],
    ["the provider answers off-format", () => (fakeAi.reply = () => JSON.stringify({ captions: "nope" }))],
    ["the provider answers fewer than three", () => (fakeAi.reply = () => JSON.stringify({ suggestions: ["Only one"] }))],
  ])("gives the caption back and answers a clear error when %s", async (_, arrange) => {
    const { orgId, staff } = await studio(configured, "pro");
    arrange();
    await expect(
      staff.call.publish.ai.caption({ orgId, content: CONTENT, platform: "linkedin", tone: "professional" }),
    ).rejects.toMatchObject({
      code: "SERVICE_UNAVAILABLE",
      message: expect.stringMatching(/did not count against your plan/),
    });
    expect(await captionsUsed(orgId)).toBe(0);
    expect(await database.db.aiRequestLog.count({ where: { userId: staff.id } })).toBe(1);
  });
});
