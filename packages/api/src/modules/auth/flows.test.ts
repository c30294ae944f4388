// Account flows in-process against a real database: verification and reset emails
// through the development outbox, single-use tokens, and what a password change ends.
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppServices } from "../../context.ts";
import { createTestServices, testCaller } from "../../testing.ts";
import { resetEmailJob } from "./password.jobs.ts";
import { validateApiToken } from "./tokens.ts";
import { validateSessionToken } from "./sessions.ts";

const PASSWORD = "sunflower-violin-42";
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

let counter = 0;
async function signUp() {
  counter += 1;
  const email = `flow${counter}@example.test`;
  const result = await testCaller(services).auth.register({ email, password: PASSWORD, name: `Flow ${counter}`, delivery: "token" });
  return { email, token: result.token!, id: result.account.id };
}

async function as(token: string) {
  return testCaller(services, { caller: await validateSessionToken(services, token) });
}

/** Asks for a reset link and runs the job that mails it (the answer only queues it). */
async function requestResetLink(email: string): Promise<string> {
  expect(await testCaller(services).auth.password.requestReset({ email })).toEqual({ requested: true });
  expect(await services.jobs.runDue(resetEmailJob, services)).toBe(1);
  return latestLink(email, "/reset-password");
}

/** A new API token of the user's, and whether it still gets in. */
async function apiTokenOf(sessionToken: string) {
  const { token } = await (await as(sessionToken)).auth.tokens.create({ name: "script", scopes: ["read"] });
  return {
    token,
    async works(): Promise<boolean> {
      const session = await validateApiToken(services, token);
      return testCaller(services, { caller: session })
        .reset.preferences.get()
        .then(
          () => true,
          (error: { code?: string }) => {
            expect(error.code).toBe("UNAUTHORIZED");
            return false;
          },
        );
    },
  };
}

async function latestLink(email: string, path: string): Promise<string> {
  const mail = await database.db.outboxEmail.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: "desc" } });
  const match = new RegExp(`${path}\\?token=([a-z2-7]+)`).exec(mail.text);
  if (!match) throw new Error(`no ${path} link in: ${mail.text}`);
  return match[1]!;
}

describe("email verification", () => {
  it("sends a link at sign-up that verifies the address once", async () => {
    const user = await signUp();
    expect((await (await as(user.token)).auth.me())?.emailVerified).toBe(false);
    const token = await latestLink(user.email, "/verify-email");
    expect(await testCaller(services).auth.email.verify({ token })).toEqual({ verified: true });
    expect((await (await as(user.token)).auth.me())?.emailVerified).toBe(true);
    await expect(testCaller(services).auth.email.verify({ token })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });

  it("resends only while unverified", async () => {
    const user = await signUp();
    const caller = await as(user.token);
    expect(await caller.auth.email.resendVerification()).toEqual({ sent: true });
    await testCaller(services).auth.email.verify({ token: await latestLink(user.email, "/verify-email") });
    expect(await caller.auth.email.resendVerification()).toEqual({ sent: false });
  });

  it("refuses an expired link", async () => {
    const user = await signUp();
    const token = await latestLink(user.email, "/verify-email");
    await database.db.verificationToken.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(testCaller(services).auth.email.verify({ token })).rejects.toMatchObject({ code: "BAD_REQUEST" });
  });
});

describe("password reset", () => {
  it("sets a new password through the emailed link, once, and ends every session", async () => {
    const user = await signUp();
    const token = await requestResetLink(user.email);
    expect(await testCaller(services).auth.password.reset({ token, password: "new-lighthouse-pass-7" })).toEqual({ reset: true });

    expect(await validateSessionToken(services, user.token)).toBeNull();
    await expect(testCaller(services).auth.login({ email: user.email, password: PASSWORD, delivery: "token" })).rejects.toMatchObject({
      code: "UNAUTHORIZED",
    });
    expect(
      (await testCaller(services).auth.login({ email: user.email, password: "new-lighthouse-pass-7", delivery: "token" })).token,
    ).toBeTruthy();
    await expect(testCaller(services).auth.password.reset({ token, password: "another-new-pass-8" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("queues the reset email durably with who asked, never the link (job rows are plain text)", async () => {
    const user = await signUp();
    const token = await requestResetLink(user.email);
    const [job] = (await services.jobs.list({ queue: resetEmailJob.queue, limit: 1 })).items;
    expect(job).toMatchObject({ state: "completed", data: { userId: user.id, ip: "203.0.113.7", userAgent: "vitest" } });
    expect(JSON.stringify(job)).not.toContain(token);
    expect(JSON.stringify(job)).not.toContain(user.email);
  });

  it("sends nothing for an unknown email", async () => {
    await testCaller(services).auth.password.requestReset({ email: "nobody-here@example.test" });
    // A job is queued all the same (so the answer takes as long); it sends nothing.
    expect(await services.jobs.runDue(resetEmailJob, services)).toBe(1);
    expect(await database.db.outboxEmail.count({ where: { to: "nobody-here@example.test" } })).toBe(0);
  });

  it("ends the account's other reset links once one is used", async () => {
    const user = await signUp();
    const first = await requestResetLink(user.email);
    const second = await requestResetLink(user.email);
    expect(second).not.toBe(first);
    await testCaller(services).auth.password.reset({ token: first, password: "new-lighthouse-pass-7" });
    await expect(testCaller(services).auth.password.reset({ token: second, password: "another-new-pass-8" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
      message: "This reset link is invalid or has expired",
    });
    expect(
      (await testCaller(services).auth.login({ email: user.email, password: "new-lighthouse-pass-7", delivery: "token" })).token,
    ).toBeTruthy();
  });

  it("revokes the account's API tokens: recovery by email shuts every way in", async () => {
    const user = await signUp();
    const apiToken = await apiTokenOf(user.token);
    expect(await apiToken.works()).toBe(true);
    await testCaller(services).auth.password.reset({ token: await requestResetLink(user.email), password: "new-lighthouse-pass-7" });
    expect(await apiToken.works()).toBe(false);
    const audit = await database.db.auditEvent.findFirstOrThrow({ where: { subjectUserId: user.id, action: "auth.password.reset" } });
    expect(audit.details).toEqual({ tokensRevoked: 1 });
  });
});

describe("password change", () => {
  it("needs the current password, and ends the other sessions but not this one", async () => {
    const user = await signUp();
    const other = (await testCaller(services).auth.login({ email: user.email, password: PASSWORD, delivery: "token" })).token!;
    const caller = await as(user.token);
    const wrong = caller.auth.password.change({ currentPassword: "not-my-password", newPassword: "brand-new-password-9" });
    await expect(wrong).rejects.toMatchObject({ code: "BAD_REQUEST" });

    expect(await caller.auth.password.change({ currentPassword: PASSWORD, newPassword: "brand-new-password-9" })).toEqual({
      changed: true,
    });
    expect(await validateSessionToken(services, other)).toBeNull();
    expect(await validateSessionToken(services, user.token)).not.toBeNull();
    const actions = (await database.db.auditEvent.findMany({ where: { subjectUserId: user.id } })).map((e) => e.action);
    expect(actions).toContain("auth.password.changed");
  });

  it("ends the account's outstanding reset links", async () => {
    const user = await signUp();
    const link = await requestResetLink(user.email);
    await (await as(user.token)).auth.password.change({ currentPassword: PASSWORD, newPassword: "brand-new-password-9" });
    await expect(testCaller(services).auth.password.reset({ token: link, password: "another-new-pass-8" })).rejects.toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("revokes the API tokens only when asked to", async () => {
    const user = await signUp();
    const caller = await as(user.token);
    const kept = await apiTokenOf(user.token);
    await caller.auth.password.change({ currentPassword: PASSWORD, newPassword: "brand-new-password-9" });
    expect(await kept.works()).toBe(true);

    await caller.auth.password.change({
      currentPassword: "brand-new-password-9",
      newPassword: "third-new-password-0",
      revokeApiTokens: true,
    });
    expect(await kept.works()).toBe(false);
  });
});

describe("sign-out and revocations", () => {
  it("answer what they did: signed out, revoked", async () => {
    const user = await signUp();
    const other = (await testCaller(services).auth.login({ email: user.email, password: PASSWORD, delivery: "token" })).token!;
    const caller = await as(user.token);
    const token = await caller.auth.tokens.create({ name: "script", scopes: ["read"] });
    expect(await caller.auth.tokens.revoke({ id: token.id })).toEqual({ revoked: true });
    const otherSession = (await caller.auth.sessions.list()).find((session) => !session.current)!;
    expect(await caller.auth.sessions.revoke({ id: otherSession.id })).toEqual({ revoked: true });
    expect(await validateSessionToken(services, other)).toBeNull();
    expect(await caller.auth.logout()).toEqual({ signedOut: true });
    expect(await validateSessionToken(services, user.token)).toBeNull();
  });
});

describe("profile", () => {
  it("updates the name", async () => {
    const user = await signUp();
    expect((await (await as(user.token)).auth.profile.update({ name: "  New Name " })).name).toBe("New Name");
  });
});

describe("audit log", () => {
  it("records security events with actor and IP, and refuses to change them", async () => {
    const user = await signUp();
    await expect(testCaller(services).auth.login({ email: user.email, password: "wrong-password-x", delivery: "token" })).rejects.toThrow();
    const events = await database.db.auditEvent.findMany({ where: { subjectUserId: user.id }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["auth.register", "auth.login.failed"]);
    expect(events[0]).toMatchObject({ actorId: user.id, ip: "203.0.113.7", userAgent: "vitest" });

    await expect(database.db.auditEvent.deleteMany({ where: { subjectUserId: user.id } })).rejects.toThrow(/append-only/);
    await expect(database.db.auditEvent.updateMany({ where: { subjectUserId: user.id }, data: { action: "x" } })).rejects.toThrow(
      /append-only/,
    );
  });
});
