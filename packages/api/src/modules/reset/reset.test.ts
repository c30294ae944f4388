// The reset module in-process against a real database with the seeded catalog.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { seedResetCatalog } from "@glow/db";
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices, Caller } from "../../context.ts";
import { createTestServices, testCaller } from "../../testing.ts";
import { validateSessionToken } from "../auth/sessions.ts";
import { utcDay } from "./dates.ts";

let database: TestDatabase;
let services: AppServices;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedResetCatalog(database.db);
  services = createTestServices(database.db);
});
afterAll(() => database.drop());

let counter = 0;
async function newPerson(svc: AppServices = services): Promise<{ caller: ReturnType<typeof testCaller>; session: Caller }> {
  counter += 1;
  const { token } = await testCaller(svc).auth.register({
    email: `reset${counter}@example.test`,
    password: "sunflower-violin-42",
    name: `Reset ${counter}`,
    delivery: "token",
  });
  const session = (await validateSessionToken(svc, token!))!;
  return { caller: testCaller(svc, { caller: session }), session };
}

async function categoryIds(...slugs: string[]): Promise<string[]> {
  const rows = await database.db.category.findMany({ where: { slug: { in: slugs } } });
  return slugs.map((slug) => rows.find((r) => r.slug === slug)!.id);
}

describe("onboarding", () => {
  it("lists categories, and saves the person's picks", async () => {
    const { caller } = await newPerson();
    expect((await caller.reset.categories.list()).length).toBe(10);
    const picks = await categoryIds("fitness", "science");
    expect(await caller.reset.preferences.setCategories({ categoryIds: picks })).toEqual({ categoryIds: picks });
    expect((await caller.reset.preferences.get()).categoryIds.sort()).toEqual([...picks].sort());
    await expect(caller.reset.preferences.setCategories({ categoryIds: ["00000000-0000-4000-8000-000000000000"] })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("will not make a plan before categories are picked", async () => {
    const { caller } = await newPerson();
    await expect(caller.reset.plan.generate()).rejects.toMatchObject({ code: "PRECONDITION_FAILED" });
  });
});

describe("the daily plan", () => {
  it("is generated once per day, by rules, with the three steps in order", async () => {
    const { caller } = await newPerson();
    await caller.reset.preferences.setCategories({ categoryIds: await categoryIds("cooking", "music") });
    expect(await caller.reset.plan.today()).toBeNull();
    const plan = await caller.reset.plan.generate();
    expect(plan).toMatchObject({ day: 0, source: "rules", completed: false, date: utcDay().toISOString().slice(0, 10) });
    expect(plan.steps.map((s) => s.step)).toEqual(["clear", "watch", "reinforce"]);
    expect(plan.steps[0]).toMatchObject({ target: 3, title: "Block 3 creators dragging your feed down" });
    expect(plan.steps[1]!.title).toBe("Watch 3 videos about Cooking and Music practice");
    expect(plan.steps[2]!.title).toBe("Save a video you loved, then rewatch it");
    expect((await caller.reset.plan.generate()).id).toBe(plan.id);
    expect((await caller.reset.plan.today())?.id).toBe(plan.id);
    expect(await database.db.plan.count({ where: { id: plan.id } })).toBe(1);
  });

  it("stays one plan when two requests race to make it", async () => {
    const { caller, session } = await newPerson();
    await caller.reset.preferences.setCategories({ categoryIds: await categoryIds("art") });
    const [a, b] = await Promise.all([caller.reset.plan.generate(), caller.reset.plan.generate()]);
    expect(a.id).toBe(b.id);
    expect(await database.db.plan.count({ where: { userId: session.userId } })).toBe(1);
  });

  it("completes steps idempotently and marks day 0 done in the challenge", async () => {
    const { caller, session } = await newPerson();
    await caller.reset.preferences.setCategories({ categoryIds: await categoryIds("books") });
    const plan = await caller.reset.plan.generate();
    await caller.reset.plan.completeStep({ planId: plan.id, step: "clear" });
    await caller.reset.plan.completeStep({ planId: plan.id, step: "clear" });
    await caller.reset.plan.completeStep({ planId: plan.id, step: "watch" });
    expect((await caller.reset.challenge.progress()).days[0]!.status).toBe("today");
    const done = await caller.reset.plan.completeStep({ planId: plan.id, step: "reinforce" });
    expect(done.completed).toBe(true);

    const progress = await caller.reset.challenge.progress();
    expect(progress).toMatchObject({ enrolled: true, currentDay: 0, completedDays: 1, streak: 1, finished: false });
    expect(progress.days.map((d) => d.status)).toEqual([
      "done",
      "upcoming",
      "upcoming",
      "upcoming",
      "upcoming",
      "upcoming",
      "upcoming",
      "upcoming",
    ]);
    const events = await database.db.analyticsEvent.findMany({ where: { userId: session.userId }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.name)).toEqual([
      "preferences_set",
      "plan_generated",
      "step_completed",
      "step_completed",
      "step_completed",
      "day_completed",
    ]);
  });

  it("refuses to touch another person's plan", async () => {
    const owner = await newPerson();
    await owner.caller.reset.preferences.setCategories({ categoryIds: await categoryIds("money") });
    const plan = await owner.caller.reset.plan.generate();
    const intruder = await newPerson();
    await expect(intruder.caller.reset.plan.completeStep({ planId: plan.id, step: "clear" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await owner.caller.reset.plan.today())!.steps.every((s) => s.completedAt === null)).toBe(true);
  });

  it("counts the challenge day from the first plan, with a streak across days", async () => {
    const { caller, session } = await newPerson();
    await caller.reset.preferences.setCategories({ categoryIds: await categoryIds("fitness") });
    // Enrolled three days ago, with days 0 and 2 done and day 1 missed.
    const start = new Date(utcDay().getTime() - 3 * 86_400_000);
    await database.db.challengeEnrollment.create({ data: { userId: session.userId, startedOn: start } });
    for (const day of [0, 2]) {
      await database.db.plan.create({
        data: {
          userId: session.userId,
          date: new Date(start.getTime() + day * 86_400_000),
          day,
          steps: {
            create: ["clear", "watch", "reinforce"].map((step, position) => ({
              step,
              position,
              title: step,
              description: step,
              completedAt: new Date(),
            })),
          },
        },
      });
    }
    const plan = await caller.reset.plan.generate();
    expect(plan.day).toBe(3);
    expect(plan.steps[1]!.title).toMatch(/^Watch 4 videos/); // more watching from day 3
    const progress = await caller.reset.challenge.progress();
    expect(progress.days.slice(0, 4).map((d) => d.status)).toEqual(["done", "missed", "done", "today"]);
    expect(progress.streak).toBe(1); // yesterday (day 2) done, today not yet
  });
});

describe("clear, watch and reinforce", () => {
  it("offers toxic creators not yet blocked, and blocking removes them", async () => {
    const { caller } = await newPerson();
    const first = await caller.reset.creators.toxic({ limit: 5 });
    expect(first.items).toHaveLength(5);
    expect(first.items[0]).toMatchObject({
      profileUrl: expect.stringMatching(/^https:\/\/www\.tiktok\.com\/@/),
      reason: expect.any(String),
    });
    const all = [...first.items, ...(await caller.reset.creators.toxic({ limit: 50, cursor: first.nextCursor! })).items];
    expect(all).toHaveLength(20);
    await caller.reset.creators.block({ creatorId: all[0]!.id });
    await caller.reset.creators.block({ creatorId: all[0]!.id });
    expect((await caller.reset.creators.toxic({ limit: 50 })).items.map((c) => c.id)).not.toContain(all[0]!.id);
  });

  it("offers videos only from chosen categories, and not the ones watched today", async () => {
    const { caller } = await newPerson();
    const [science] = await categoryIds("science");
    await caller.reset.preferences.setCategories({ categoryIds: [science!] });
    const page = await caller.reset.videos.curated({ limit: 50 });
    expect(page.items).toHaveLength(20);
    expect(page.items.every((v) => v.categoryId === science)).toBe(true);
    await caller.reset.videos.markWatched({ videoId: page.items[0]!.id });
    const after = await caller.reset.videos.curated({ limit: 50 });
    expect(after.items.map((v) => v.id)).not.toContain(page.items[0]!.id);
    expect(after.items).toHaveLength(19);
  });

  it("keeps favorites, and picks a random one for the Reinforce step", async () => {
    const { caller } = await newPerson();
    await caller.reset.preferences.setCategories({ categoryIds: await categoryIds("comedy") });
    expect(await caller.reset.favorites.random()).toBeNull();
    const videos = (await caller.reset.videos.curated({ limit: 3 })).items;
    for (const video of videos) await caller.reset.favorites.add({ videoId: video.id });
    await caller.reset.favorites.add({ videoId: videos[0]!.id });
    expect((await caller.reset.favorites.list({ limit: 10 })).items).toHaveLength(3);
    expect((await caller.reset.videos.curated({ limit: 3 })).items.every((v) => v.isFavorite)).toBe(true);
    expect(videos.map((v) => v.id)).toContain((await caller.reset.favorites.random())!.id);
    await caller.reset.favorites.remove({ videoId: videos[0]!.id });
    expect((await caller.reset.favorites.list({ limit: 10 })).items.map((v) => v.id)).not.toContain(videos[0]!.id);
    await expect(caller.reset.favorites.add({ videoId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("plan wording by an AI provider", () => {
  let fakeAi: http.Server;
  let aiUrl: string;
  let mode: "good" | "garbage" | "down" = "good";
  beforeAll(async () => {
    // A local server speaking the OpenAI chat-completions contract.
    fakeAi = http.createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        if (mode === "down") return void res.writeHead(503).end();
        const request = JSON.parse(body) as { model: string; messages: Array<{ content: string }> };
        const steps = JSON.parse(request.messages[1]!.content).steps as Array<{ step: string; title: string }>;
        const wording = Object.fromEntries(steps.map((s) => [s.step, { title: `✨ ${s.title}`, description: `Gently: ${s.step}` }]));
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            choices: [{ message: { role: "assistant", content: mode === "good" ? JSON.stringify(wording) : "not json" } }],
            usage: { prompt_tokens: 120, completion_tokens: 80 },
          }),
        );
      });
    });
    await new Promise<void>((resolve) => fakeAi.listen(0, "127.0.0.1", resolve));
    aiUrl = `http://127.0.0.1:${(fakeAi.address() as AddressInfo).port}/v1`;
  });
  afterAll(() => new Promise<void>((resolve) => fakeAi.close(() => resolve())));

  const withAi = () =>
    createTestServices(database.db, {
      ai: { baseUrl: aiUrl, apiKey: "test-key", model: "tiny-model", inputCostPerMillion: 0.5, outputCostPerMillion: 1.5 },
    });

  it("uses the AI's wording and logs the call with tokens and cost", async () => {
    mode = "good";
    const svc = withAi();
    const { caller, session } = await newPerson(svc);
    await caller.reset.preferences.setCategories({ categoryIds: await categoryIds("languages") });
    const plan = await caller.reset.plan.generate();
    expect(plan.source).toBe("ai");
    expect(plan.steps[0]!.title).toBe("✨ Block 3 creators dragging your feed down");
    const log = await database.db.aiRequestLog.findFirstOrThrow({ where: { userId: session.userId } });
    expect(log).toMatchObject({ model: "tiny-model", purpose: "plan.wording", promptTokens: 120, completionTokens: 80, succeeded: true });
    expect(log.costUsd.toString()).toBe("0.00018"); // (120 × 0.5 + 80 × 1.5) / 1e6
  });

  it.each(["garbage", "down"] as const)("falls back to the rules' wording when the AI answer is %s, and logs it", async (failure) => {
    mode = failure;
    const svc = withAi();
    const { caller, session } = await newPerson(svc);
    await caller.reset.preferences.setCategories({ categoryIds: await categoryIds("mindfulness") });
    const plan = await caller.reset.plan.generate();
    expect(plan.source).toBe("rules");
    expect(plan.steps[0]!.title).toBe("Block 3 creators dragging your feed down");
    const log = await database.db.aiRequestLog.findFirstOrThrow({ where: { userId: session.userId } });
    expect(log.succeeded).toBe(failure === "garbage"); // garbage arrived (and cost tokens) but could not be used
  });
});

describe("paging while the list changes", () => {
  it("does not skip a creator when the last one shown is blocked before the next page", async () => {
    const { caller } = await newPerson();
    const first = await caller.reset.creators.toxic({ limit: 5 });
    await caller.reset.creators.block({ creatorId: first.items.at(-1)!.id });
    const rest = await caller.reset.creators.toxic({ limit: 50, cursor: first.nextCursor! });
    expect(first.items.length - 1 + rest.items.length).toBe(19);
  });

  it("does not skip a favorite when the last one shown is removed before the next page", async () => {
    const { caller } = await newPerson();
    await caller.reset.preferences.setCategories({ categoryIds: await categoryIds("art") });
    for (const video of (await caller.reset.videos.curated({ limit: 6 })).items) await caller.reset.favorites.add({ videoId: video.id });
    const first = await caller.reset.favorites.list({ limit: 3 });
    await caller.reset.favorites.remove({ videoId: first.items.at(-1)!.id });
    const rest = await caller.reset.favorites.list({ limit: 10, cursor: first.nextCursor! });
    expect(first.items.length - 1 + rest.items.length).toBe(5);
  });

  it("refuses cursors that match their shape but hold no real instant or id, as BAD_REQUEST on the cursor", async () => {
    const { caller } = await newPerson();
    const id = "0b5f6d0e-3c1a-4c7e-9a3b-2f1d4e5c6b7a";
    for (const cursor of [`000000000000000_${"-".repeat(36)}`, `999999999999999_${"0".repeat(36)}`, `9999999999999999_${id}`]) {
      const error = (await caller.reset.favorites.list({ limit: 5, cursor }).catch((e: unknown) => e)) as {
        code: string;
        cause: { issues: Array<{ path: string[] }> };
      };
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.cause.issues.map((issue) => issue.path.join("."))).toEqual(["cursor"]);
    }
    expect((await caller.reset.favorites.list({ limit: 5, cursor: `0_${id}` })).items).toEqual([]);
    await expect(caller.reset.videos.curated({ limit: 5, cursor: "-".repeat(36) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("step progress", () => {
  it("is counted by the server: creators blocked, videos watched and favorites rewatched today", async () => {
    const { caller } = await newPerson();
    await caller.reset.preferences.setCategories({ categoryIds: await categoryIds("music") });
    const plan = await caller.reset.plan.generate();
    expect(plan.steps.map((s) => s.progress)).toEqual([0, 0, 0]);

    const creators = (await caller.reset.creators.toxic({ limit: 2 })).items;
    for (const creator of creators) await caller.reset.creators.block({ creatorId: creator.id });
    const videos = (await caller.reset.videos.curated({ limit: 3 })).items;
    for (const video of videos) await caller.reset.videos.markWatched({ videoId: video.id });
    await caller.reset.favorites.add({ videoId: videos[0]!.id });
    await expect(caller.reset.favorites.markRewatched({ videoId: videos[1]!.id })).rejects.toMatchObject({ code: "NOT_FOUND" }); // not a favorite
    expect(await caller.reset.favorites.markRewatched({ videoId: videos[0]!.id })).toEqual({ rewatched: true });
    await caller.reset.favorites.markRewatched({ videoId: videos[0]!.id }); // the same favorite counts once

    const today = (await caller.reset.plan.today())!;
    expect(today.steps.map((s) => [s.step, s.progress])).toEqual([
      ["clear", 2],
      ["watch", 3],
      ["reinforce", 1],
    ]);
    const afterStep = await caller.reset.plan.completeStep({ planId: plan.id, step: "clear" });
    expect(afterStep.steps[0]!.progress).toBe(2);
  });
});

describe("plan updates for subscribers", () => {
  it("announce every change that moves a step: generate, block, watch, rewatch, complete", async () => {
    const { caller, session } = await newPerson();
    await caller.reset.preferences.setCategories({ categoryIds: await categoryIds("books") });
    const announced: Array<{ steps: Array<{ progress: number; completedAt: Date | null }> }> = [];
    const stop = await services.events.subscribe(`user:${session.userId}:plan`, (plan) =>
      announced.push(plan as (typeof announced)[number]),
    );
    try {
      const plan = await caller.reset.plan.generate();
      await caller.reset.creators.block({ creatorId: (await caller.reset.creators.toxic({ limit: 1 })).items[0]!.id });
      const video = (await caller.reset.videos.curated({ limit: 1 })).items[0]!;
      await caller.reset.videos.markWatched({ videoId: video.id });
      await caller.reset.videos.markWatched({ videoId: video.id }); // already watched today: no news
      await caller.reset.favorites.add({ videoId: video.id });
      await caller.reset.favorites.markRewatched({ videoId: video.id });
      await caller.reset.plan.completeStep({ planId: plan.id, step: "clear" });
      expect(announced.map((p) => p.steps.map((s) => s.progress))).toEqual([
        [0, 0, 0],
        [1, 0, 0],
        [1, 1, 0],
        [1, 1, 1],
        [1, 1, 1],
      ]);
      expect(announced.at(-1)!.steps[0]!.completedAt).toBeInstanceOf(Date);
    } finally {
      await stop();
    }
  });
});
