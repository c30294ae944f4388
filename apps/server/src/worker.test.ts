// Workers apart from servers, as real processes on one database: a GLOW_WORKERS=0 server
// only queues, a `worker` process runs what it queued; SIGTERM lets a running job finish;
// a worker killed with SIGKILL mid-job loses nothing: another worker retries the job.
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { JobQueue } from "@glow/api";
import { freePort } from "@glow/db";
import { createTestDatabase, type TestDatabase } from "@glow/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "./logger.ts";
import { callTrpc } from "./testing.ts";
import { sleepyJob } from "./testing/sleepy-job.ts";
import { registerUser } from "./security/fixtures.ts";

const main = fileURLToPath(new URL("./main.ts", import.meta.url));
const worker = fileURLToPath(new URL("./worker.ts", import.meta.url));
const testWorker = fileURLToPath(new URL("./testing/job-worker.ts", import.meta.url));

let database: TestDatabase;
let jobs: JobQueue;
const children: ChildProcess[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  jobs = new JobQueue({ databaseUrl: database.url, logger: createLogger("silent") });
});
afterAll(async () => {
  for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await jobs.stop();
  await database.drop();
});

interface Started {
  child: ChildProcess;
  logs: Array<Record<string, unknown>>;
  exit: Promise<number | null>;
}

function start(script: string, env: Record<string, string> = {}): Started {
  const { REDIS_URL: _ignored, ...inherited } = process.env;
  const child = spawn(process.execPath, [script], {
    env: { ...inherited, DATABASE_URL: database.url, LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  const logs: Array<Record<string, unknown>> = [];
  let buffered = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split("\n");
    buffered = lines.pop()!;
    for (const line of lines) logs.push(JSON.parse(line));
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exit = new Promise<number | null>((resolve) =>
    child.on("exit", (code) => {
      if (stderr) logs.push({ msg: "stderr", stderr });
      resolve(code);
    }),
  );
  return { child, logs, exit };
}

async function waitFor<T>(read: () => T | Promise<T>, what: string, timeoutMs = 60_000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const logged = (started: Started, msg: string, jobId?: string) =>
  started.logs.find((entry) => entry.msg === msg && (jobId === undefined || entry.jobId === jobId));

describe("job workers apart from servers", () => {
  it("a GLOW_WORKERS=0 server queues the reset email without sending it; a worker process sends it", async () => {
    const port = await freePort();
    const server = start(main, { PORT: String(port), GLOW_WORKERS: "0", NODE_ENV: "development" });
    const listening = await waitFor(() => logged(server, "glow server listening"), "the server", 90_000);
    expect(listening).toMatchObject({ workers: false });
    const url = `http://127.0.0.1:${port}`;
    const user = await registerUser(url, "apart");
    const asked = await callTrpc(url, "auth.password.requestReset", { type: "mutation", input: { email: user.email } });
    expect(asked.status).toBe(200);

    const queued = await waitFor(async () => (await jobs.list({ queue: "auth.reset-email", limit: 5 })).items[0], "the queued job");
    expect(queued.data).toEqual({ userId: user.id, ip: "127.0.0.1", userAgent: expect.anything() });
    // Longer than a worker's poll: nothing in this server sends it.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect((await jobs.get(queued.id))?.state).toBe("created");
    expect(await database.db.outboxEmail.count({ where: { to: user.email, subject: "Reset your Glow password" } })).toBe(0);

    const apart = start(worker);
    const running = await waitFor(() => logged(apart, "glow worker running"), "the worker");
    expect(running.queues).toEqual(expect.arrayContaining(["auth.reset-email", "core.cleanup"]));
    const mail = await waitFor(
      () => database.db.outboxEmail.findFirst({ where: { to: user.email, subject: "Reset your Glow password" } }),
      "the reset email",
    );
    expect(mail.text).toContain("/reset-password?token=");
    expect((await jobs.get(queued.id))?.state).toBe("completed");

    server.child.kill("SIGTERM");
    apart.child.kill("SIGTERM");
    expect(await server.exit).toBe(0);
    expect(await apart.exit).toBe(0);
    expect(logged(apart, "shutdown complete")).toBeTruthy();
  }, 150_000);

  it("refuses to start on a database without Glow's migrations, saying so", async () => {
    const bare = start(worker, { DATABASE_URL: database.url.replace(/\/[^/?]+(\?|$)/, "/postgres$1") });
    expect(await bare.exit).toBe(1);
    expect(JSON.stringify(bare.logs)).toContain("no Glow migrations");
  });

  it("on SIGTERM lets the job in flight finish, then exits", async () => {
    const first = start(testWorker);
    await waitFor(() => logged(first, "glow worker running"), "the worker");
    const id = (await jobs.send(sleepyJob, { ms: 1500 }))!;
    await waitFor(() => logged(first, "test job started", id), "the job to start");
    first.child.kill("SIGTERM");
    expect(await first.exit).toBe(0);
    const order = first.logs.map((entry) => entry.msg);
    expect(order.indexOf("test job finished")).toBeGreaterThan(order.indexOf("shutting down: letting running jobs finish"));
    expect(order.indexOf("shutdown complete")).toBeGreaterThan(order.indexOf("test job finished"));
    expect((await jobs.get(id))?.state).toBe("completed");
  }, 60_000);

  it("a worker killed with SIGKILL mid-job loses nothing: the job expires and another worker completes it", async () => {
    const doomed = start(testWorker);
    await waitFor(() => logged(doomed, "glow worker running"), "the first worker");
    const id = (await jobs.send(sleepyJob, { ms: 100, firstTryHangs: true }))!;
    await waitFor(() => logged(doomed, "test job started", id), "the first try");
    doomed.child.kill("SIGKILL");
    await doomed.exit;
    expect((await jobs.get(id))?.state).toBe("active");

    const rescuer = start(testWorker);
    const finished = await waitFor(() => logged(rescuer, "test job finished", id), "the retry on the other worker");
    expect(finished).toMatchObject({ attempt: 2, pid: rescuer.child.pid });
    expect(await jobs.get(id)).toMatchObject({ state: "completed", attempts: 2 });
    rescuer.child.kill("SIGTERM");
    expect(await rescuer.exit).toBe(0);
  }, 90_000);
});
