// Metrics computed in SQL, checked against data this test lays down itself.
import { seedDemo } from "@glow/db";
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestServices, testCaller } from "../../testing.ts";
import { validateSessionToken } from "../auth/sessions.ts";

const DAY = 86_400_000;
const day = (n: number) => new Date(Date.UTC(2026, 5, 1) + n * DAY); // 2026-06-01 is day 0
const at = (n: number, hour = 12) => new Date(day(n).getTime() + hour * 3_600_000);
const range = { from: day(0), to: day(7) }; // 1–7 June

let database: TestDatabase;
let admin: ReturnType<typeof testCaller>;
const ids: string[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  const services = createTestServices(db);
  await seedDemo(db, { nodeEnv: "test" });
  const login = await testCaller(services).auth.login({ email: "admin@glow.dev", password: "glow-demo-password", delivery: "token" });
  admin = testCaller(services, { caller: await validateSessionToken(services, login.token!) });
  // Seeded accounts were created "now", outside the range.

  // Four people: A and B joined on day 0, C on day 2, D on day 10 (after the range).
  for (const [name, joined] of [
    ["a", 0],
    ["b", 0],
    ["c", 2],
    ["d", 10],
  ] as const) {
    const user = await db.user.create({ data: { email: `${name}@metrics.test`, name, createdAt: at(joined, 9) } });
    ids.push(user.id);
  }
  const [a, b, c] = ids as [string, string, string];

  // Activity: day 0: A, B (B twice); day 1: A; day 2: C by an API call only; day 3: nobody.
  await db.analyticsEvent.createMany({
    data: [
      { userId: a, name: "plan_generated", createdAt: at(0) },
      { userId: b, name: "plan_generated", createdAt: at(0) },
      { userId: b, name: "step_completed", createdAt: at(0, 13) },
      { userId: a, name: "step_completed", createdAt: at(1) },
      { userId: null, name: "plan_generated", createdAt: at(1) }, // anonymous: not a user
    ],
  });

  // Requests: 10 calls to reset.plan.today of 1..10 ms (one a 500), 4 to auth.login of 100 ms (two 401s).
  await db.requestLog.createMany({
    data: [
      ...Array.from({ length: 10 }, (_, i) => ({
        requestId: `r${i}`,
        procedure: "reset.plan.today",
        status: i === 9 ? 500 : 200,
        durationMs: i + 1,
        userId: c,
        createdAt: at(2),
      })),
      ...Array.from({ length: 4 }, (_, i) => ({
        requestId: `l${i}`,
        procedure: "auth.login",
        status: i < 2 ? 401 : 200,
        durationMs: 100,
        userId: null,
        createdAt: at(2, 14),
      })),
    ],
  });
  await db.aiRequestLog.createMany({
    data: [
      {
        provider: "fake",
        model: "m",
        purpose: "plan.wording",
        promptTokens: 100,
        completionTokens: 50,
        costUsd: "0.001250",
        durationMs: 300,
        succeeded: true,
        createdAt: at(1),
      },
      {
        provider: "fake",
        model: "m",
        purpose: "plan.wording",
        promptTokens: 80,
        completionTokens: 0,
        costUsd: "0.000400",
        durationMs: 8000,
        succeeded: false,
        createdAt: at(2),
      },
    ],
  });

  // Challenge: A and B enrolled on day 0, C on day 2. A completed days 0, 1 and 2; B day 0 only; C started but did 2 of 3 steps.
  const steps = (done: number) =>
    ["clear", "watch", "reinforce"].map((step, position) => ({
      step,
      position,
      title: step,
      description: "",
      completedAt: position < done ? at(0) : null,
    }));
  await db.challengeEnrollment.createMany({
    data: [
      { userId: a, startedOn: day(0) },
      { userId: b, startedOn: day(0) },
      { userId: c, startedOn: day(2) },
    ],
  });
  for (const [userId, planDay, done] of [
    [a, 0, 3],
    [a, 1, 3],
    [a, 2, 3],
    [b, 0, 3],
    [c, 0, 2],
  ] as const) {
    const startedOn = userId === c ? 2 : 0;
    await db.plan.create({
      data: { userId, date: day(startedOn + planDay), day: planDay, createdAt: at(startedOn + planDay), steps: { create: steps(done) } },
    });
  }
});
afterAll(() => database.drop());

describe("admin.metrics", () => {
  it("overview: total and new users, and daily actives with empty days as zero", async () => {
    const result = await admin.admin.metrics.overview(range);
    expect(result.newUsers).toBe(3);
    expect(result.totalUsers).toBe(3); // created before the range ends: A, B, C
    expect(result.dau.map((d) => [d.date, d.users])).toEqual([
      ["2026-06-01", 2],
      ["2026-06-02", 1],
      ["2026-06-03", 1],
      ["2026-06-04", 0],
      ["2026-06-05", 0],
      ["2026-06-06", 0],
      ["2026-06-07", 0],
    ]);
    expect(result.averageDau).toBe(0.57);
  });

  it("challenge: the D0 → D7 funnel of people who started in the range", async () => {
    const result = await admin.admin.metrics.challenge(range);
    expect(result.enrolled).toBe(3);
    expect(result.funnel.slice(0, 4)).toEqual([
      { day: 0, users: 2, rate: 0.6667 },
      { day: 1, users: 1, rate: 0.3333 },
      { day: 2, users: 1, rate: 0.3333 },
      { day: 3, users: 0, rate: 0 },
    ]);
    expect(result.funnel).toHaveLength(8);
  });

  it("plans: completion rate of each step", async () => {
    const result = await admin.admin.metrics.plans(range);
    expect(result.plans).toBe(5);
    expect(result.steps).toEqual([
      { step: "clear", completed: 5, rate: 1 },
      { step: "watch", completed: 5, rate: 1 },
      { step: "reinforce", completed: 4, rate: 0.8 },
    ]);
    expect(result).toMatchObject({ fullyCompleted: 4, fullRate: 0.8 });
  });

  it("system: requests, latency percentiles and error rates per procedure, and AI cost", async () => {
    const result = await admin.admin.metrics.system(range);
    expect(result.totals.requests).toBe(14);
    expect(result.totals.errorRate).toBe(0.0714); // one 500 in 14
    const today = result.procedures.find((p) => p.procedure === "reset.plan.today")!;
    expect(today).toEqual({
      procedure: "reset.plan.today",
      requests: 10,
      p50: 5.5,
      p95: 9.55,
      p99: 9.91,
      errorRate: 0.1,
      clientErrorRate: 0,
    });
    const login = result.procedures.find((p) => p.procedure === "auth.login")!;
    expect(login).toMatchObject({ requests: 4, p50: 100, errorRate: 0, clientErrorRate: 0.5 });
    expect(result.latency.map((h) => h.requests)).toEqual([10, 4]);
    expect(result.ai).toEqual({ calls: 2, failed: 1, costUsd: 0.00165, promptTokens: 180, completionTokens: 50 });
  });

  it("defaults to the last 30 days, and refuses a backwards range", async () => {
    const result = await admin.admin.metrics.overview();
    expect(result.dau.length).toBeGreaterThanOrEqual(30);
    expect(result.newUsers).toBe(2); // the seeded demo accounts
    await expect(admin.admin.metrics.overview({ from: day(5), to: day(1) })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("refuses dates outside 1970–2200 (JavaScript allows years −271821 to 275760) as BAD_REQUEST naming the field", async () => {
    const last = 8.64e15; // +275760-09-13, JavaScript's last instant
    const calls = [
      { field: "to", call: () => admin.admin.metrics.overview({ from: new Date(last - 3 * DAY), to: new Date(last) }) },
      { field: "from", call: () => admin.admin.metrics.system({ from: new Date(-last), to: new Date(-last + DAY) }) },
      { field: "from", call: () => admin.admin.metrics.challenge({ from: new Date(Date.UTC(1969, 11, 31)), to: day(0) }) },
    ];
    for (const { field, call } of calls) {
      const error = (await call().catch((e: unknown) => e)) as { code: string; cause: { issues: Array<{ path: string[] }> } };
      expect(error.code).toBe("BAD_REQUEST");
      expect(error.cause.issues.map((issue) => issue.path.join("."))).toContain(field);
    }
  });
});
