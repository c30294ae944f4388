// Memberships are cached (core/tenancy.ts) like credentials: a role change or a removal made on
// one instance holds on the very next call on every instance, however warm their caches were.
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../context.ts";
import { validateSessionToken } from "../modules/auth/sessions.ts";
import { createTestServices, testCaller, testRedisUrl } from "../testing.ts";

const redisUrl = testRedisUrl();
let database: TestDatabase;
const redises: Redis[] = [];
afterAll(async () => {
  for (const redis of redises) redis.disconnect();
  await database?.drop();
});
beforeAll(async () => {
  database = await createTestDatabase();
});

let counter = 0;
async function person(services: AppServices) {
  counter += 1;
  const { token, account } = await testCaller(services).auth.register({
    email: `member${counter}@example.test`,
    password: "sunflower-violin-42",
    name: `Member ${counter}`,
    delivery: "token",
  });
  return { id: account.id, token: token! };
}

const callerOn = async (services: AppServices, token: string) =>
  testCaller(services, { caller: await validateSessionToken(services, token) });

/** Two instances' services over one database: sharing Redis when it is there, else one in-process cache (one instance). */
function instances(): [AppServices, AppServices] {
  if (!redisUrl) {
    const only = createTestServices(database.db);
    return [only, only];
  }
  const make = () => {
    const redis = new Redis(redisUrl);
    redises.push(redis);
    return createTestServices(database.db, { redis });
  };
  return [make(), make()];
}

describe(`a cached membership${redisUrl ? " (two instances sharing Redis)" : " (one instance: REDIS_URL unset, so the cross-instance case is skipped)"}`, () => {
  it("holds a demotion and a removal from the next call on, on every instance", async () => {
    const [here, there] = instances();
    const owner = await person(here);
    const staff = await person(here);
    const ownerHere = await callerOn(here, owner.token);
    const { id: orgId } = await ownerHere.orgs.create({ name: `Cached ${counter}` });
    await database.db.orgMembership.create({ data: { orgId, userId: staff.id, role: "staff" } });

    const staffThere = await callerOn(there, staff.token);
    for (let round = 0; round < 3; round++) await staffThere.orgs.members.list({ orgId, limit: 5 }); // warm
    await ownerHere.orgs.members.setRole({ orgId, userId: staff.id, role: "client" });
    await expect(staffThere.orgs.members.list({ orgId, limit: 5 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await staffThere.orgs.get({ orgId })).toMatchObject({ myRole: "client" });

    await ownerHere.orgs.members.remove({ orgId, userId: staff.id });
    await expect(staffThere.orgs.get({ orgId })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
