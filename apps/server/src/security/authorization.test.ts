// Who may call what, over every procedure of the router (read from the router itself, so a
// new procedure is covered without a new test):
// - an anonymous caller, a bad token, a signed-out session's token and a revoked API token
//   get 401 from every procedure that is not public;
// - a signed-in person who is no admin gets 403 from every admin.* procedure, and is served
//   (neither 401 nor 403) by every other one outside an organization (tenancy.test.ts has those);
// - every id in a procedure's input (read from its zod schema) that a non-admin can send is
//   checked against another person's objects: pointing at someone else's session, token,
//   plan or favorite is a 404, while the owner sending the same id is not.
// What departs from these rules says so in EXCEPTIONS, with why.
import { seedDemo } from "@glow/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callTrpc, startTestServer, type TestServer, type TrpcResponse } from "../testing.ts";
import { loginWithToken, registerUser, type TestUser } from "./fixtures.ts";
import { callProcedure, procedures } from "./procedures.ts";
import { findInput, idFieldsOf, validInput } from "./valid-input.ts";

type Exception =
  /** Anyone may call it: no 401 for anonymous callers, bad or revoked credentials. */
  | { path: string; kind: "public"; why: string }
  /** Outside admin.*, but only for people whose role grants it: a non-admin gets 403. */
  | { path: string; kind: "staff"; why: string }
  /** This id field names something everyone shares (the curated catalog), not something a person owns. */
  | { path: string; kind: "shared-id"; field: string; why: string }
  /** This id field names an organization: membership decides (403 for one the caller may not use, whether or not it exists). */
  | { path: string; kind: "org-id"; field: string; why: string };

const CATALOG = "the curated catalog is the same for everyone";

/** The one list of procedures that depart from the rules above. */
const EXCEPTIONS: Exception[] = [
  {
    path: "orgs.create",
    kind: "org-id",
    field: "parentId",
    why: "only an owner of the parent may name it; anyone else gets 403 for it, real or not (modules/orgs/organizations.test.ts)",
  },
  { path: "system.info", kind: "public", why: "says to anyone that the server answers (load balancers, the sign-in screen)" },
  { path: "system.ping", kind: "public", why: "a connection check before signing in" },
  { path: "system.status", kind: "staff", why: "version and uptime are for people whose roles grant read:metrics" },
  { path: "auth.register", kind: "public", why: "how a person gets an account" },
  { path: "auth.login", kind: "public", why: "how a caller gets a credential" },
  { path: "auth.logout", kind: "public", why: "ending a session that is already gone still clears the cookie" },
  { path: "auth.me", kind: "public", why: "answers null to a caller who is not signed in, so apps know to show sign-in" },
  { path: "auth.password.requestReset", kind: "public", why: "a person who forgot their password cannot sign in" },
  { path: "auth.password.reset", kind: "public", why: "the emailed token is the credential" },
  { path: "auth.email.verify", kind: "public", why: "the emailed token is the credential" },
  { path: "auth.oauth.providers", kind: "public", why: "the sign-in screen shows the providers' buttons" },
  { path: "auth.oauth.start", kind: "public", why: "provider sign-in starts before there is a session" },
  { path: "auth.oauth.exchange", kind: "public", why: "the desktop trades its one-time code (and PKCE verifier) for a session" },
  { path: "reset.categories.list", kind: "public", why: "sign-up and onboarding show the interest categories" },
  { path: "publish.plan.list", kind: "public", why: "the pricing page shows every plan's limits and price before sign-up" },
  {
    path: "orgs.invitations.preview",
    kind: "public",
    why: "the invitation page names the organization before the invited person signs in or up; the emailed token is the credential",
  },
  { path: "reset.preferences.setCategories", kind: "shared-id", field: "categoryIds", why: CATALOG },
  { path: "reset.creators.block", kind: "shared-id", field: "creatorId", why: CATALOG },
  { path: "reset.videos.markWatched", kind: "shared-id", field: "videoId", why: CATALOG },
  { path: "reset.favorites.add", kind: "shared-id", field: "videoId", why: CATALOG },
  {
    path: "reset.favorites.remove",
    kind: "shared-id",
    field: "videoId",
    why: `${CATALOG}; removing a video that is not among yours changes nothing and says so`,
  },
];

// The demo: anyone may try publish without an account; the demo id is the capability, and
// nothing it does reaches the database, the queue or a platform (decision 026).
const DEMO: Exception[] = procedures
  .filter((procedure) => procedure.path.startsWith("publish.demo."))
  .map((procedure) => ({
    path: procedure.path,
    kind: "public",
    why: "the publish demo: a visitor's own in-cache workspace, nothing real",
  }));
EXCEPTIONS.push(...DEMO);

const exceptionsOf = (path: string) => EXCEPTIONS.filter((exception) => exception.path === path);
const isPublic = (path: string) => exceptionsOf(path).some((exception) => exception.kind === "public");
const isStaff = (path: string) => path.startsWith("admin.") || exceptionsOf(path).some((exception) => exception.kind === "staff");
const isSharedId = (path: string, field: string) =>
  exceptionsOf(path).some((exception) => (exception.kind === "shared-id" || exception.kind === "org-id") && exception.field === field);

const signedIn = procedures.filter((procedure) => !isPublic(procedure.path));
const staff = signedIn.filter((procedure) => isStaff(procedure.path));
// Tenant procedures (an `orgId` in the input) serve members of that organization only: tenancy.test.ts checks them.
const everyone = signedIn.filter((procedure) => !isStaff(procedure.path) && procedure.tenantRole === null);

/** Procedures a non-admin can call whose input holds ids of things a person owns, one row per field. */
const ownedIdFields = everyone.flatMap((procedure) =>
  idFieldsOf(procedure)
    .filter((field) => !isSharedId(procedure.path, field))
    .map((field) => ({ ...procedure, field })),
);

/** What a person owns, made over HTTP, for another person to point at. */
interface Owner extends TestUser {
  /** Each object's id, by what it is. */
  objects: Record<string, string>;
}

async function ownerWithObjects(label: string): Promise<Owner> {
  const user = await registerUser(server.url, label);
  const token = user.token;
  const call = (path: string, options: Parameters<typeof callTrpc>[2] = {}) => callTrpc(server.url, path, { token, ...options });
  // A second session, so that the one these calls use is not among the objects.
  await loginWithToken(server.url, user.email);
  const sessions = (await call("auth.sessions.list")).data as Array<{ id: string; current: boolean }>;
  const apiToken = (await call("auth.tokens.create", { type: "mutation", input: { name: "scripts", scopes: ["read"] } })).data as {
    id: string;
  };
  const categories = (await call("reset.categories.list")).data as Array<{ id: string }>;
  await call("reset.preferences.setCategories", { type: "mutation", input: { categoryIds: categories.slice(0, 2).map((c) => c.id) } });
  const plan = (await call("reset.plan.generate", { type: "mutation" })).data as { id: string };
  const video = ((await call("reset.videos.curated", { input: {} })).data as { items: Array<{ id: string }> }).items[0]!;
  await call("reset.favorites.add", { type: "mutation", input: { videoId: video.id } });
  return {
    ...user,
    objects: {
      session: sessions.find((session) => !session.current)!.id,
      "API token": apiToken.id,
      plan: plan.id,
      "favorite video": video.id,
      account: user.id,
    },
  };
}

/** The call's data; throws (failing the set-up) when it did not answer 200. */
function succeeded(response: TrpcResponse, what: string): unknown {
  if (response.status !== 200) throw new Error(`${what} failed: ${response.status} ${JSON.stringify(response.error)}`);
  return response.data;
}

let server: TestServer;
let adminToken: string;
let plainUser: TestUser;
const badCredentials: Array<{ label: string; token: () => string }> = [];

beforeAll(async () => {
  server = await startTestServer();
  await seedDemo(server.database.db, { nodeEnv: "test" });
  adminToken = await loginWithToken(server.url, "admin@glow.dev", "glow-demo-password");
  plainUser = await registerUser(server.url, "plain");

  const signedOut = await registerUser(server.url, "signed-out");
  succeeded(await callTrpc(server.url, "auth.logout", { type: "mutation", token: signedOut.token }), "sign-out");
  const holder = await registerUser(server.url, "token-holder");
  const created = succeeded(
    await callTrpc(server.url, "auth.tokens.create", {
      type: "mutation",
      token: holder.token,
      input: { name: "gone", scopes: ["read", "write"] },
    }),
    "API token creation",
  ) as { id: string; token: string };
  succeeded(
    await callTrpc(server.url, "auth.tokens.revoke", { type: "mutation", token: holder.token, input: { id: created.id } }),
    "API token revocation",
  );
  badCredentials.push(
    { label: "no credential", token: () => "" },
    { label: "a made-up token", token: () => "x".repeat(32) },
    { label: "a signed-out session's token", token: () => signedOut.token },
    { label: "a revoked API token", token: () => created.token },
  );
});
afterAll(() => server.close());

describe("the declared exceptions", () => {
  it("each name a procedure of the router, and a shared id a field its input has", () => {
    const paths = new Set(procedures.map((procedure) => procedure.path));
    const stale = EXCEPTIONS.filter((exception) => !paths.has(exception.path)).map((exception) => exception.path);
    expect(stale, "EXCEPTIONS names procedures the router no longer has").toEqual([]);
    const noSuchField = EXCEPTIONS.filter(
      (exception) =>
        (exception.kind === "shared-id" || exception.kind === "org-id") &&
        !idFieldsOf(procedures.find((p) => p.path === exception.path)!).includes(exception.field),
    );
    expect(noSuchField.map((exception) => exception.path)).toEqual([]);
  });

  it("leave most of the router to the rules, and every rule with procedures to check", () => {
    expect(procedures.length).toBeGreaterThanOrEqual(60);
    expect(signedIn.length).toBeGreaterThan(EXCEPTIONS.length);
    expect(staff.map((p) => p.path)).toEqual(
      expect.arrayContaining(["admin.users.setRoles", "admin.reset.creators.import", "system.status"]),
    );
    expect(ownedIdFields.map((p) => `${p.path}.${p.field}`)).toEqual(
      expect.arrayContaining(["auth.sessions.revoke.id", "auth.tokens.revoke.id", "reset.plan.completeStep.planId"]),
    );
  });

  it.each(procedures.filter((procedure) => isPublic(procedure.path)))(
    "$path, declared public, serves an anonymous caller",
    async (procedure) => {
      const answer = await callProcedure(server.url, procedure, validInput(procedure), null, { streamWaitMs: 1_000 });
      expect(answer.status, answer.body).not.toBe(401);
    },
  );
});

describe("every procedure that is not public", () => {
  it.each(signedIn)("$path refuses a caller with no valid credential: 401", async (procedure) => {
    const input = validInput(procedure);
    for (const credential of badCredentials) {
      const answer = await callProcedure(server.url, procedure, input, credential.token() || null, { streamWaitMs: 10_000 });
      expect(answer.status, `${credential.label}: ${answer.body}`).toBe(401);
    }
  });
});

describe("admin procedures", () => {
  it.each(staff)("$path refuses a signed-in non-admin: 403", async (procedure) => {
    const answer = await callProcedure(server.url, procedure, validInput(procedure), plainUser.token, { streamWaitMs: 10_000 });
    expect(answer.status, answer.body).toBe(403);
    expect(answer.body).toContain("FORBIDDEN");
  });

  it("serve an admin, and a role change takes effect on the user's next request", async () => {
    const user = await registerUser(server.url, "promoted");
    const list = await callTrpc(server.url, "admin.users.list", { token: adminToken, input: { search: user.email } });
    expect(list.status).toBe(200);
    expect((list.data as { items: Array<{ id: string }> }).items.map((u) => u.id)).toEqual([user.id]);

    const userToken = await loginWithToken(server.url, user.email);
    expect((await callTrpc(server.url, "admin.roles.list", { token: userToken })).status).toBe(403); // now cached
    const grant = await callTrpc(server.url, "admin.users.setRoles", {
      type: "mutation",
      token: adminToken,
      input: { id: user.id, roles: ["user", "admin"] },
    });
    expect(grant.status).toBe(200);
    expect((await callTrpc(server.url, "admin.roles.list", { token: userToken })).status).toBe(200);
  });
});

describe("procedures for everyone signed in", () => {
  // A person of their own for each call: some of these end sessions or change the password.
  it.each(everyone)("$path serves a signed-in non-admin (neither 401 nor 403)", async (procedure) => {
    const caller = await registerUser(server.url, "served");
    // An organization field is left out: naming one takes membership (the tenancy rules), which a new person has not.
    const withoutOrgs = Object.fromEntries(
      exceptionsOf(procedure.path).flatMap((exception) => (exception.kind === "org-id" ? [[exception.field, undefined]] : [])),
    );
    const answer = await callProcedure(server.url, procedure, validInput(procedure, withoutOrgs), caller.token, { streamWaitMs: 1_000 });
    expect([401, 403], answer.body).not.toContain(answer.status);
  });
});

describe("another person's objects", () => {
  it.each(ownedIdFields)("$path with another person's id in $field: 404, while the owner is served", async (procedure) => {
    const owner = await ownerWithObjects("owner");
    const intruder = await registerUser(server.url, "intruder");
    // Every one of the owner's objects whose id fits the field; one of them is what the field names.
    const fitting = Object.entries(owner.objects).filter(([, id]) => findInput(procedure, { [procedure.field]: id }) !== null);
    expect(fitting.length, `none of the owner's objects fits ${procedure.path}.${procedure.field}`).toBeGreaterThan(0);
    for (const [what, id] of fitting) {
      const answer = await callProcedure(server.url, procedure, validInput(procedure, { [procedure.field]: id }), intruder.token);
      expect(answer.status, `the owner's ${what}: ${answer.body}`).toBe(404);
    }
    // The owner reaches at least one of them: the field named a real object, and the intruder left it alone.
    const owned: string[] = [];
    for (const [what, id] of fitting) {
      const answer = await callProcedure(server.url, procedure, validInput(procedure, { [procedure.field]: id }), owner.token);
      if (answer.status !== 404) owned.push(what);
      if (owned.length > 0) break;
    }
    expect(
      owned,
      `none of the owner's objects is what ${procedure.path}.${procedure.field} names: make one in ownerWithObjects()`,
    ).not.toEqual([]);
  });

  it("are not listed to anyone but their owner", async () => {
    const alice = await ownerWithObjects("alice");
    const bob = await ownerWithObjects("bob");
    for (const path of ["auth.sessions.list", "auth.tokens.list"]) {
      const aliceSees = ((await callTrpc(server.url, path, { token: alice.token })).data as Array<{ id: string }>).map((row) => row.id);
      const bobSees = ((await callTrpc(server.url, path, { token: bob.token })).data as Array<{ id: string }>).map((row) => row.id);
      expect(aliceSees.length, path).toBeGreaterThan(0);
      expect(
        aliceSees.filter((id) => bobSees.includes(id)),
        path,
      ).toEqual([]);
    }
  });

  it("outlive another person's attempt to end them: a session revoked by someone else still signs its owner in", async () => {
    const alice = await registerUser(server.url, "alice");
    const bob = await registerUser(server.url, "bob");
    const bobSession = ((await callTrpc(server.url, "auth.sessions.list", { token: bob.token })).data as Array<{ id: string }>)[0]!;
    const attempt = await callTrpc(server.url, "auth.sessions.revoke", {
      type: "mutation",
      token: alice.token,
      input: { id: bobSession.id },
    });
    expect(attempt.status).toBe(404);
    expect((await callTrpc(server.url, "auth.me", { token: bob.token })).data).toMatchObject({ email: bob.email });
  });
});
