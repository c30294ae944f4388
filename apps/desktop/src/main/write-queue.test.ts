// Main's queue of writes against the real server: sent at once when it answers, queued in
// order (and on disk) when it does not, replayed with the same Idempotency-Key, stopped by
// a refusal, never run twice.
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "@glow/db";
import { callTrpc, startTestServer, type TestServer } from "@glow/server/testing";
import superjson from "superjson";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import type { Fetch } from "./server-fetch.ts";
import { createWriteQueue, WRITE_QUEUE_FILE, WriteRefused, type ReplayReport, type WriteQueue } from "./write-queue.ts";

/** Conditions that depend on other processes get time when the machine is busy (CI on 2 cores). */
const WAIT = { timeout: 10_000 };

const [ADMIN, USER] = DEMO_ACCOUNTS;

let server: TestServer;
let token: string;
beforeAll(async () => {
  server = await startTestServer();
  await seedDemo(server.database.db, { nodeEnv: "test" });
  const login = await callTrpc(server.url, "auth.login", {
    type: "mutation",
    input: { email: ADMIN.email, password: DEMO_PASSWORD, delivery: "token" },
  });
  token = (login.data as { token: string }).token;
});
afterAll(() => server?.close());

/** "up": requests go through. "down": nothing answers. "lose-answer": the server gets the request, the app never hears back. */
let network: "up" | "down" | "lose-answer";
let sent: Array<{ procedure: string; key: string | null }>;
let dir: string;
let reports: ReplayReport[];
let signedIn: boolean;
beforeEach(async () => {
  network = "up";
  sent = [];
  reports = [];
  signedIn = true;
  dir = await mkdtemp(path.join(os.tmpdir(), "glow-desktop-queue-"));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const fetchThroughNetwork: Fetch = async (input, init = {}) => {
  const url = new URL(String(input));
  if (network === "down") throw new TypeError("fetch failed");
  sent.push({ procedure: url.pathname.replace("/trpc/", ""), key: new Headers(init.headers).get("idempotency-key") });
  const response = await fetch(input, init);
  if (network === "lose-answer") {
    await response.text();
    throw new TypeError("fetch failed: socket hang up");
  }
  return response;
};

function openQueue(): WriteQueue {
  return createWriteQueue({
    dir,
    settings: { serverUrl: async () => server.url },
    tokens: { read: async () => (signedIn ? { serverUrl: server.url, token } : null) },
    fetch: fetchThroughNetwork,
    onReplayed: (report) => reports.push(report),
  });
}

/** What tRPC's unbatched link sends for a mutation. */
const write = (procedure: string, input: unknown) => ({ path: `/trpc/${procedure}`, body: JSON.stringify(superjson.serialize(input)) });

const category = (slug: string) => server.database.db.category.findUniqueOrThrow({ where: { slug } });

describe("the write queue", () => {
  it("sends a write at once when the server answers, with an idempotency key, and hands back the server's answer", async () => {
    const queue = openQueue();
    const books = await category("books");
    const outcome = await queue.send(write("admin.reset.categories.update", { id: books.id, name: "Books and reading" }));
    expect(outcome).toMatchObject({ state: "sent", response: { status: 200 } });
    if (outcome.state !== "sent") throw new Error("not sent");
    expect(superjson.deserialize(JSON.parse(outcome.response.body).result.data)).toMatchObject({ name: "Books and reading" });
    expect((await category("books")).name).toBe("Books and reading");
    expect(sent).toEqual([{ procedure: "admin.reset.categories.update", key: expect.stringMatching(/^[0-9a-f-]{36}$/) }]);
    expect((await queue.state()).writes).toEqual([]);
    await expect(stat(path.join(dir, WRITE_QUEUE_FILE))).rejects.toThrow(); // nothing left on disk
  });

  it("queues writes while the server cannot be reached, keeps them across a restart, and replays them in order", async () => {
    const [music, art] = await Promise.all([category("music"), category("art")]);
    network = "down";
    const first = openQueue();
    for (const input of [
      write("admin.reset.categories.update", { id: music.id, name: "Music one" }),
      write("admin.reset.categories.update", { id: music.id, name: "Music two" }),
      write("admin.reset.categories.archive", { id: art.id, archived: true }),
    ]) {
      expect(await first.send(input)).toMatchObject({ state: "queued", write: { status: "waiting" } });
    }
    const queued = await first.state();
    expect(queued.writes.map((entry) => entry.label)).toEqual([
      "Edit a category: name → “Music one”",
      "Edit a category: name → “Music two”",
      "Archive a category",
    ]);
    expect(queued.offlineSince).not.toBeNull();
    // Only the first was tried: the others wait behind it rather than overtake it.
    expect(queued.writes.map((entry) => entry.attempts)).toEqual([1, 0, 0]);
    const saved = await readFile(path.join(dir, WRITE_QUEUE_FILE), "utf8");
    expect((await stat(path.join(dir, WRITE_QUEUE_FILE))).mode & 0o777).toBe(0o600);
    expect(saved).not.toContain(token);

    // The app restarts; the server is back.
    network = "up";
    const second = openQueue();
    expect((await second.state()).writes.map((entry) => entry.id)).toEqual(queued.writes.map((entry) => entry.id));
    const after = await second.replay();
    expect(after).toEqual({ writes: [], offlineSince: null });
    expect(sent.map((request) => request.procedure)).toEqual([
      "admin.reset.categories.update",
      "admin.reset.categories.update",
      "admin.reset.categories.archive",
    ]);
    expect((await category("music")).name).toBe("Music two");
    expect((await category("art")).archivedAt).not.toBeNull();
    expect(reports).toEqual([{ sent: expect.arrayContaining([expect.objectContaining({ label: "Archive a category" })]), refused: null }]);
    expect(reports[0]?.sent).toHaveLength(3);
  });

  it("retries after each network failure with the key it was given when queued", async () => {
    const cooking = await category("cooking");
    network = "down";
    const queue = openQueue();
    await queue.send(write("admin.reset.categories.update", { id: cooking.id, description: "Recipes" }));
    expect((await queue.replay()).writes).toMatchObject([{ attempts: 2, status: "waiting", error: "Could not reach the server" }]);
    expect(reports).toEqual([]);

    network = "up";
    const stop = queue.replayEvery(20);
    await vi.waitFor(async () => expect((await queue.state()).writes).toEqual([]), WAIT);
    stop();
    expect((await category("cooking")).description).toBe("Recipes");
    expect(sent).toHaveLength(1);
    expect(reports).toHaveLength(1);
  });

  it("stops at a write the server refuses, with its reason, until it is retried or discarded", async () => {
    const [science, money] = await Promise.all([category("science"), category("money")]);
    network = "down";
    const queue = openQueue();
    await queue.send(write("admin.reset.categories.update", { id: science.id, name: "x" }));
    await queue.send(write("admin.reset.categories.archive", { id: money.id, archived: true }));

    network = "up";
    const stopped = await queue.replay();
    expect(stopped.writes).toMatchObject([
      { status: "refused", error: "name: At least 2 characters" },
      { status: "waiting", attempts: 0 },
    ]);
    expect(reports.at(-1)?.refused).toMatchObject({ label: "Edit a category: name → “x”" });
    expect((await category("money")).archivedAt).toBeNull(); // the later write waited

    // Retrying sends it again, with a new key (the server would replay its stored refusal for
    // the old one); it is refused again, on its merits.
    const [refused] = stopped.writes;
    expect((await queue.retry(refused!.id)).writes[0]).toMatchObject({
      status: "refused",
      attempts: 3,
      error: "name: At least 2 characters",
    });
    const keys = sent.filter((request) => request.procedure === "admin.reset.categories.update").map((request) => request.key);
    expect(keys).toHaveLength(2);
    expect(keys[1]).not.toBe(keys[0]);
    await queue.discard(refused!.id);
    expect(await queue.replay()).toEqual({ writes: [], offlineSince: null });
    expect((await category("money")).archivedAt).not.toBeNull();
    expect((await category("science")).name).not.toBe("x");
  });

  it("does not run a write twice when its answer was lost: the replay gets the server's stored answer", async () => {
    const member = await server.database.db.user.findUniqueOrThrow({ where: { email: USER.email } });
    const changes = () => server.database.db.auditEvent.count({ where: { action: "admin.user.roles_changed", subjectUserId: member.id } });
    const before = await changes();
    network = "lose-answer";
    const queue = openQueue();
    expect(await queue.send(write("admin.users.setRoles", { id: member.id, roles: ["user", "admin"] }))).toMatchObject({ state: "queued" });
    expect(await changes()).toBe(before + 1); // it ran on the server

    network = "up";
    // Until the server has stored the first answer it says 409 (still running): the queue tries again later.
    await vi.waitFor(async () => expect((await queue.replay()).writes).toEqual([]), WAIT);
    expect(await changes()).toBe(before + 1);
    const keys = new Set(sent.map((request) => request.key));
    expect(keys.size).toBe(1);
    expect(sent.length).toBeGreaterThanOrEqual(2);
  });

  it("keeps a write for after sign-in when there is no session", async () => {
    signedIn = false;
    const queue = openQueue();
    const comedy = await category("comedy");
    expect(await queue.send(write("admin.reset.categories.archive", { id: comedy.id }))).toMatchObject({
      state: "queued",
      write: { error: "Sign in again to send this" },
    });
    expect(sent).toEqual([]);
    signedIn = true;
    expect((await queue.replay()).writes).toEqual([]);
    expect((await category("comedy")).archivedAt).not.toBeNull();
  });

  it("does not send a write to a server other than the one it was made on", async () => {
    network = "down";
    const queue = openQueue();
    const fitness = await category("fitness");
    await queue.send(write("admin.reset.categories.archive", { id: fitness.id }));
    network = "up";
    const elsewhere = createWriteQueue({
      dir,
      settings: { serverUrl: async () => "https://other.example" },
      tokens: { read: async () => ({ serverUrl: "https://other.example", token: "t" }) },
      fetch: fetchThroughNetwork,
    });
    expect((await elsewhere.replay()).writes).toMatchObject([{ status: "refused", error: expect.stringContaining("another server") }]);
    expect(sent).toEqual([]);
  });

  it("refuses what is not a queueable write, and forgets everything when cleared", async () => {
    const queue = openQueue();
    await expect(queue.send({ path: "/trpc/auth.login", body: "{}" })).rejects.toThrow(WriteRefused);
    await expect(queue.send({ path: "/trpc/admin.users.deactivate", body: "{}" })).rejects.toThrow(/cannot be queued/);
    await expect(queue.send({ path: "/trpc/admin.reset.videos.archive?batch=1", body: "{}" })).rejects.toThrow(/cannot be queued/);
    await expect(queue.send({ path: "/trpc/admin.reset.videos.archive", body: "not json" })).rejects.toThrow(/not JSON/);
    await expect(queue.send({ path: "/trpc/admin.reset.videos.archive", body: 42 })).rejects.toThrow(/must be a string/);
    await expect(queue.send("POST /trpc/admin.reset.videos.archive")).rejects.toThrow(/not a request/);
    expect(sent).toEqual([]);

    network = "down";
    const languages = await category("languages");
    await queue.send(write("admin.reset.categories.archive", { id: languages.id }));
    await queue.clear();
    expect(await queue.state()).toEqual({ writes: [], offlineSince: null });
    await expect(stat(path.join(dir, WRITE_QUEUE_FILE))).rejects.toThrow();
  });
});
