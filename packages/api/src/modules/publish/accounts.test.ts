// Connected accounts against a real PostgreSQL (row-level security) and the local fake of X's
// API: connecting with PKCE through a single-use state, the plan's accounts limit, disconnecting,
// token refresh by the cron job, and a refused refresh marking the account for reconnection.
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AppServices } from "../../context.ts";
import { invalidateMembership } from "../../core/tenancy.ts";
import { createTestServices, personCalling, refusedFields, testCaller } from "../../testing.ts";
import { startFakeX } from "../../testing/platforms/x.ts";
import { ensureMembership, ensureOrganization } from "../coach/demo.ts";
import { refreshExpiringTokens } from "./accounts.jobs.ts";
import { ACCESS_TOKEN_CONTEXT, connectedAccount, REFRESH_TOKEN_CONTEXT } from "./accounts.ts";
import { Platforms } from "./platforms/registry.ts";
import { SandboxPlatform } from "./platforms/sandbox.ts";
import { XPlatform } from "./platforms/x.ts";

let database: TestDatabase;
let services: AppServices;
let fake: Awaited<ReturnType<typeof startFakeX>>;
let sandbox: SandboxPlatform;
let orgId: string;
let otherOrgId: string;

type Person = Awaited<ReturnType<typeof personCalling>>;
let owner: Person, staff: Person, client: Person, outsider: Person;

const WEB_URL = "http://localhost:5173";

async function code(call: Promise<unknown>): Promise<string> {
  const error = (await call.then(
    () => null,
    (caught: unknown) => caught,
  )) as { code?: string; message?: string } | null;
  return error?.code ?? "OK";
}

/** Connects X as `who` in `org`: the authorize URL, the fake's consent, and completeConnect. */
async function connectX(who: Person, org = orgId) {
  const { authorizeUrl } = await who.call.publish.accounts.connect({ orgId: org, platform: "x" });
  const { code: authCode, state } = await fake.approve(new URL(authorizeUrl));
  return { state, account: await who.call.publish.accounts.completeConnect({ state, code: authCode }) };
}

async function connectSandbox(who: Person, handle: string, org = orgId) {
  const { authorizeUrl } = await who.call.publish.accounts.connect({ orgId: org, platform: "sandbox" });
  const back = sandbox.consent(new URL(authorizeUrl).searchParams, { allow: true, handle })!;
  return who.call.publish.accounts.completeConnect({ state: back.searchParams.get("state")!, code: back.searchParams.get("code")! });
}

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await startFakeX();
  sandbox = new SandboxPlatform({ publicUrl: "http://127.0.0.1:3000", secret: "accounts-test" });
  services = createTestServices(database.db, {
    webUrl: WEB_URL,
    platforms: new Platforms([sandbox, new XPlatform(fake.credentials)]),
  });
  owner = await personCalling(services, "acc-owner");
  staff = await personCalling(services, "acc-staff");
  client = await personCalling(services, "acc-client");
  outsider = await personCalling(services, "acc-outsider");
});
afterAll(async () => {
  await fake.close();
  await services.jobs.stop();
  await database.drop();
});

beforeEach(async () => {
  // A fresh organization per test: the free plan's two accounts start unused.
  const slug = `acc-${Math.random().toString(36).slice(2, 10)}`;
  orgId = await ensureOrganization(database.db, { slug, name: "Acme Studio" });
  otherOrgId = await ensureOrganization(database.db, { slug: `${slug}-b`, name: "Other" });
  await ensureMembership(database.db, orgId, owner.id, "owner");
  await ensureMembership(database.db, orgId, staff.id, "staff");
  await ensureMembership(database.db, orgId, client.id, "client");
  await ensureMembership(database.db, otherOrgId, outsider.id, "owner");
});

describe("publish.accounts", () => {
  it("connects X with PKCE through the web app's redirect, storing the tokens sealed and spending the state", async () => {
    const { authorizeUrl } = await owner.call.publish.accounts.connect({ orgId, platform: "x" });
    const url = new URL(authorizeUrl);
    expect(url.searchParams.get("redirect_uri")).toBe(`${WEB_URL}/publish/connected`);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    const { code: authCode, state } = await fake.approve(url);
    const account = await owner.call.publish.accounts.completeConnect({ state, code: authCode });
    expect(account).toMatchObject({ platform: "x", handle: "glow_fake", displayName: "Glow Fake", status: "active", statusReason: null });
    expect(account.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now());

    const row = await database.db.publishAccount.findUniqueOrThrow({ where: { id: account.id } });
    expect(row.accessToken).toMatch(/^gcm1:test:/);
    expect(row.refreshToken).toMatch(/^gcm1:test:/);
    const accessToken = services.secrets.decrypt(row.accessToken, ACCESS_TOKEN_CONTEXT);
    await expect(new XPlatform(fake.credentials).profile(accessToken)).resolves.toMatchObject({ handle: "glow_fake" });
    expect(await database.db.publishConnectState.count({ where: { orgId } })).toBe(0);

    // The state is single use.
    expect(await refusedFields(owner.call.publish.accounts.completeConnect({ state, code: authCode }))).toEqual(["state"]);
    const audit = await database.db.auditEvent.findFirstOrThrow({
      where: { action: "publish.account.connected", actorId: owner.id },
      orderBy: { id: "desc" },
    });
    expect(audit.details).toMatchObject({ orgId, accountId: account.id, platform: "x", reconnected: false });

    const listed = await client.call.publish.accounts.list({ orgId });
    expect(listed.items).toEqual([account]);
    expect(JSON.stringify(listed)).not.toContain("gcm1");
  });

  it("refuses a state started by someone else, an expired one, a code the platform refuses, and an owner who is no longer one", async () => {
    const { authorizeUrl } = await owner.call.publish.accounts.connect({ orgId, platform: "x" });
    const approved = await fake.approve(new URL(authorizeUrl));
    expect(await refusedFields(outsider.call.publish.accounts.completeConnect(approved))).toEqual(["state"]);
    // Someone else's try spends nothing: the owner still finishes.
    await expect(owner.call.publish.accounts.completeConnect(approved)).resolves.toMatchObject({ platform: "x" });

    const second = await owner.call.publish.accounts.connect({ orgId, platform: "x" });
    const late = await fake.approve(new URL(second.authorizeUrl));
    await database.db.publishConnectState.updateMany({ where: { orgId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await refusedFields(owner.call.publish.accounts.completeConnect(late))).toEqual(["state"]);

    const third = await owner.call.publish.accounts.connect({ orgId, platform: "x" });
    const { state } = await fake.approve(new URL(third.authorizeUrl));
    expect(await refusedFields(owner.call.publish.accounts.completeConnect({ state, code: "not-a-code-the-fake-issued" }))).toEqual([
      "code",
    ]);

    const fourth = await owner.call.publish.accounts.connect({ orgId, platform: "x" });
    const demoted = await fake.approve(new URL(fourth.authorizeUrl));
    await database.db.orgMembership.update({ where: { orgId_userId: { orgId, userId: owner.id } }, data: { role: "staff" } });
    await invalidateMembership(services.cache, orgId, owner.id);
    expect(await code(owner.call.publish.accounts.completeConnect(demoted))).toBe("FORBIDDEN");
  });

  it("keeps to the plan's accounts limit, and a reconnection re-activates the same account without counting again", async () => {
    const { account: x } = await connectX(owner);
    await connectSandbox(owner, "maker");
    // The free plan allows two accounts.
    const refusal = await owner.call.publish.accounts
      .completeConnect(
        await (async () => {
          const { authorizeUrl } = await owner.call.publish.accounts.connect({ orgId, platform: "sandbox" });
          const back = sandbox.consent(new URL(authorizeUrl).searchParams, { allow: true, handle: "third" })!;
          return { state: back.searchParams.get("state")!, code: back.searchParams.get("code")! };
        })(),
      )
      .then(
        () => null,
        (error: { code: string; message: string }) => error,
      );
    expect(refusal).toMatchObject({ code: "FORBIDDEN" });
    expect(refusal!.message).toMatch(/accounts/i);
    expect(refusal!.message).toMatch(/Basic/);

    await database.db.publishAccount.update({ where: { id: x.id }, data: { status: "needs_reconnect", statusReason: "revoked" } });
    const { account: again } = await connectX(owner);
    expect(again).toMatchObject({ id: x.id, status: "active", statusReason: null });
    expect((await owner.call.publish.accounts.list({ orgId })).items).toHaveLength(2);
  });

  it("lists the platforms this server can connect to", async () => {
    const { items } = await client.call.publish.accounts.platforms({ orgId });
    const byId = Object.fromEntries(items.map((item) => [item.id, item]));
    expect(byId.x).toMatchObject({ name: "X", available: true, rules: { maxLength: 280 } });
    expect(byId.sandbox).toMatchObject({ available: true });
    expect(byId.linkedin).toMatchObject({ name: "LinkedIn", available: false, rules: { maxLength: 3000 } });
    expect(await refusedFields(owner.call.publish.accounts.connect({ orgId, platform: "linkedin" }))).toEqual(["platform"]);
  });

  it("refuses to disconnect an account with scheduled posts, naming how many, and disconnects it after", async () => {
    const { account } = await connectX(owner);
    const post = await database.db.publishPost.create({ data: { orgId, authorId: staff.id, content: "Soon" } });
    const other = await database.db.publishPost.create({ data: { orgId, authorId: staff.id, content: "Later" } });
    await database.db.publishTarget.createMany({
      data: [
        { orgId, postId: post.id, accountId: account.id, state: "scheduled", scheduledAt: new Date(Date.now() + 3_600_000) },
        { orgId, postId: other.id, accountId: account.id, state: "publishing" },
      ],
    });
    const refusal = await owner.call.publish.accounts.disconnect({ orgId, accountId: account.id }).then(
      () => null,
      (error: { code: string; message: string }) => error,
    );
    expect(refusal).toMatchObject({ code: "PRECONDITION_FAILED" });
    expect(refusal!.message).toMatch(/^2 posts are scheduled/);

    await database.db.publishTarget.updateMany({ where: { accountId: account.id }, data: { state: "cancelled" } });
    await expect(owner.call.publish.accounts.disconnect({ orgId, accountId: account.id })).resolves.toEqual({ id: account.id });
    expect(await database.db.publishAccount.count({ where: { id: account.id } })).toBe(0);
    expect(await code(owner.call.publish.accounts.disconnect({ orgId, accountId: account.id }))).toBe("NOT_FOUND");
    const audit = await database.db.auditEvent.findFirstOrThrow({
      where: { action: "publish.account.disconnected", actorId: owner.id },
      orderBy: { id: "desc" },
    });
    expect(audit.details).toMatchObject({ orgId, accountId: account.id, platform: "x" });
  });

  it("refreshes tokens that expire within 15 minutes, sealed again, and leaves the others", async () => {
    const { account } = await connectX(owner);
    const before = await database.db.publishAccount.findUniqueOrThrow({ where: { id: account.id } });
    await refreshExpiringTokens(services);
    expect((await database.db.publishAccount.findUniqueOrThrow({ where: { id: account.id } })).accessToken).toBe(before.accessToken);

    await database.db.publishAccount.update({ where: { id: account.id }, data: { tokenExpiresAt: new Date(Date.now() + 10 * 60 * 1000) } });
    fake.expireAccessTokens();
    await refreshExpiringTokens(services);
    const after = await database.db.publishAccount.findUniqueOrThrow({ where: { id: account.id } });
    expect(after.status).toBe("active");
    expect(after.tokenExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 60 * 60 * 1000);
    const fresh = services.secrets.decrypt(after.accessToken, ACCESS_TOKEN_CONTEXT);
    expect(fresh).not.toBe(services.secrets.decrypt(before.accessToken, ACCESS_TOKEN_CONTEXT));
    expect(services.secrets.decrypt(after.refreshToken!, REFRESH_TOKEN_CONTEXT)).not.toBe(
      services.secrets.decrypt(before.refreshToken!, REFRESH_TOKEN_CONTEXT),
    );
    // The refreshed token works where the expired one no longer does.
    await expect(new XPlatform(fake.credentials).profile(fresh)).resolves.toMatchObject({ handle: "glow_fake" });
  });

  it("marks an account whose refresh is refused as needing reconnection, and emails the organization's owners", async () => {
    const { account } = await connectX(owner);
    await database.db.publishAccount.update({ where: { id: account.id }, data: { tokenExpiresAt: new Date(Date.now() + 60 * 1000) } });
    fake.revokeRefreshTokens();
    await refreshExpiringTokens(services);

    const [listed] = (await client.call.publish.accounts.list({ orgId })).items;
    expect(listed).toMatchObject({ id: account.id, status: "needs_reconnect" });
    expect(listed!.statusReason).toBeTruthy();
    const mail = await database.db.outboxEmail.findMany({ where: { to: owner.email } });
    expect(mail).toHaveLength(1);
    expect(mail[0]!.subject).toBe("Reconnect @glow_fake on X in Glow");
    expect(mail[0]!.text).toContain(`${WEB_URL}/publish/accounts`);
    expect(await database.db.outboxEmail.count({ where: { to: staff.email } })).toBe(0);
    expect(
      await database.db.auditEvent.count({
        where: { action: "publish.account.needs_reconnect", details: { path: ["accountId"], equals: account.id } },
      }),
    ).toBe(1);

    // Using the account now says to reconnect it.
    const row = await database.db.publishAccount.findUniqueOrThrow({ where: { id: account.id } });
    await expect(connectedAccount(services, row)).rejects.toThrow(/Reconnect the account @glow_fake on X/);
    // A second tick neither refreshes nor emails again.
    await refreshExpiringTokens(services);
    expect(await database.db.outboxEmail.count({ where: { to: owner.email } })).toBe(1);
    await database.db.outboxEmail.deleteMany({});
  });

  it("refreshes an expiring token before a job uses it", async () => {
    const { account } = await connectX(owner);
    await database.db.publishAccount.update({ where: { id: account.id }, data: { tokenExpiresAt: new Date(Date.now() + 5000) } });
    fake.expireAccessTokens();
    const row = await database.db.publishAccount.findUniqueOrThrow({ where: { id: account.id } });
    const usable = await connectedAccount(services, row);
    await expect(usable.platform.profile(usable.accessToken)).resolves.toMatchObject({ handle: "glow_fake" });
  });

  it("refuses callers without the right role, and bad input naming the field", async () => {
    const { account } = await connectX(owner);
    const anonymous = testCaller(services);
    expect(await code(anonymous.publish.accounts.list({ orgId }))).toBe("UNAUTHORIZED");
    expect(await code(anonymous.publish.accounts.connect({ orgId, platform: "x" }))).toBe("UNAUTHORIZED");
    expect(await code(anonymous.publish.accounts.completeConnect({ state: "s".repeat(43), code: "c" }))).toBe("UNAUTHORIZED");
    expect(await code(anonymous.publish.accounts.disconnect({ orgId, accountId: account.id }))).toBe("UNAUTHORIZED");
    expect(await code(anonymous.publish.accounts.platforms({ orgId }))).toBe("UNAUTHORIZED");

    for (const person of [outsider]) {
      expect(await code(person.call.publish.accounts.list({ orgId }))).toBe("FORBIDDEN");
      expect(await code(person.call.publish.accounts.connect({ orgId, platform: "x" }))).toBe("FORBIDDEN");
      expect(await code(person.call.publish.accounts.disconnect({ orgId, accountId: account.id }))).toBe("FORBIDDEN");
    }
    // Another organization's owner cannot reach this account through their own organization either.
    expect(await code(outsider.call.publish.accounts.disconnect({ orgId: otherOrgId, accountId: account.id }))).toBe("NOT_FOUND");
    expect((await outsider.call.publish.accounts.list({ orgId: otherOrgId })).items).toEqual([]);

    for (const person of [staff, client]) {
      expect(await code(person.call.publish.accounts.connect({ orgId, platform: "x" }))).toBe("FORBIDDEN");
      expect(await code(person.call.publish.accounts.disconnect({ orgId, accountId: account.id }))).toBe("FORBIDDEN");
      expect((await person.call.publish.accounts.list({ orgId })).items).toHaveLength(1);
    }
    // A connection started by staff cannot exist; one started by the owner cannot be finished by staff.
    const { authorizeUrl } = await owner.call.publish.accounts.connect({ orgId, platform: "x" });
    expect(await refusedFields(staff.call.publish.accounts.completeConnect(await fake.approve(new URL(authorizeUrl))))).toEqual(["state"]);

    expect(await refusedFields(owner.call.publish.accounts.connect({ orgId, platform: "myspace" as "x" }))).toEqual(["platform"]);
    expect(await refusedFields(owner.call.publish.accounts.connect({ orgId: "not-a-uuid", platform: "x" }))).toEqual(["orgId"]);
    expect(await refusedFields(owner.call.publish.accounts.disconnect({ orgId, accountId: "nope" }))).toEqual(["accountId"]);
    expect(await refusedFields(owner.call.publish.accounts.completeConnect({ state: "short", code: "" }))).toEqual(["state", "code"]);
  });
});
