import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../context.ts";
import { createTestServices } from "../../testing.ts";
import { cleanupJob, cleanUpExpired } from "./cleanup.ts";

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

const HOUR = 60 * 60 * 1000;
const ago = (ms: number) => new Date(Date.now() - ms);
const ahead = (ms: number) => new Date(Date.now() + ms);

/** One expired and one live row of each kind; returns their ids. */
async function seed(tag: string) {
  const { db } = database;
  const user = await db.user.create({ data: { email: `cleanup-${tag}@example.test`, name: tag } });
  const org = await db.organization.create({ data: { name: `Cleanup ${tag}`, slug: `cleanup-${tag}` } });
  for (const [state, expiresAt] of [
    ["expired", ago(1000)],
    ["live", ahead(HOUR)],
  ] as const) {
    const id = `${tag}-${state}`;
    await db.session.create({ data: { id, userId: user.id, expiresAt } });
    await db.oAuthState.create({ data: { id, provider: "github", codeVerifier: "v", client: "web", expiresAt } });
    await db.verificationToken.create({ data: { id, userId: user.id, purpose: "password_reset", expiresAt } });
    await db.publishConnectState.create({
      data: { id, orgId: org.id, userId: user.id, platform: "sandbox", codeVerifier: "v", expiresAt },
    });
  }
  const checkout = (externalId: string, createdAt: Date, status = "open") =>
    db.paymentCheckout.create({
      data: { orgId: org.id, userId: user.id, provider: "sandbox", externalId, plan: "pro", status, createdAt },
    });
  const stale = await checkout(`${tag}-stale`, ago(25 * HOUR));
  const fresh = await checkout(`${tag}-fresh`, ago(23 * HOUR));
  const completed = await checkout(`${tag}-completed`, ago(48 * HOUR), "completed");
  return { user, stale, fresh, completed };
}

async function remaining(tag: string) {
  const { db } = database;
  const where = { id: { startsWith: `${tag}-` } };
  const ids = (rows: Array<{ id: string }>) => rows.map((row) => row.id).sort();
  return {
    sessions: ids(await db.session.findMany({ where, select: { id: true } })),
    oauthStates: ids(await db.oAuthState.findMany({ where, select: { id: true } })),
    verificationTokens: ids(await db.verificationToken.findMany({ where, select: { id: true } })),
    publishConnectStates: ids(await db.publishConnectState.findMany({ where, select: { id: true } })),
  };
}

describe("the cleanup of expired rows", () => {
  it("deletes only expired sessions, OAuth states, verification tokens and connect states, and expires checkouts open over a day", async () => {
    const { stale, fresh, completed } = await seed("a");
    const counts = await cleanUpExpired(services);
    expect(counts).toMatchObject({ sessions: 1, oauthStates: 1, verificationTokens: 1, publishConnectStates: 1, expiredCheckouts: 1 });
    const live = ["a-live"];
    expect(await remaining("a")).toEqual({ sessions: live, oauthStates: live, verificationTokens: live, publishConnectStates: live });
    const status = async (id: string) => (await database.db.paymentCheckout.findUniqueOrThrow({ where: { id } })).status;
    expect([await status(stale.id), await status(fresh.id), await status(completed.id)]).toEqual(["expired", "open", "completed"]);
    // Nothing left to do: a second run changes nothing.
    expect(Object.values(await cleanUpExpired(services)).every((n) => n === 0)).toBe(true);
  });

  it("runs as the core.cleanup job, scheduled every 10 minutes", async () => {
    expect(cleanupJob).toMatchObject({ queue: "core.cleanup", cron: "*/10 * * * *" });
    await seed("b");
    await services.jobs.send(cleanupJob, {});
    expect(await services.jobs.runDue(cleanupJob, services)).toBe(1);
    const live = ["b-live"];
    expect(await remaining("b")).toEqual({ sessions: live, oauthStates: live, verificationTokens: live, publishConnectStates: live });
  });
});
