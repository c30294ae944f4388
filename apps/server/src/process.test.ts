// The server as a newcomer runs it: `node src/main.ts` in its own process.
import { spawn, type ChildProcess } from "node:child_process";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "@glow/db";
import { databaseUrl } from "@glow/db/testing";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";

const main = fileURLToPath(new URL("./main.ts", import.meta.url));
const roots: string[] = [];
afterAll(async () => {
  for (const root of roots) await rm(root, { recursive: true, force: true });
});

interface Started {
  child: ChildProcess;
  logs: Array<Record<string, unknown>>;
  exit: Promise<number | null>;
}

function startServer(env: Record<string, string>): Started {
  const { DATABASE_URL: _ignored, REDIS_URL: _alsoIgnored, ...inherited } = process.env;
  const child = spawn(process.execPath, [main], { env: { ...inherited, LOG_LEVEL: "info", ...env }, stdio: ["ignore", "pipe", "pipe"] });
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

// A first start on the embedded PostgreSQL runs initdb, every migration and the demo seed
// (the coach demo scores and generates a program per client): on 2 busy cores, up to a minute.
async function waitForLog(started: Started, msg: string, timeoutMs = 90_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = started.logs.find((entry) => entry.msg === msg);
    if (found) return found;
    if (started.child.exitCode !== null) throw new Error(`server exited: ${JSON.stringify(started.logs)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`no "${msg}" log within ${timeoutMs} ms: ${JSON.stringify(started.logs)}`);
}

function portIsOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

describe("the server process", () => {
  it("runs on the embedded PostgreSQL with demo data and stops it on SIGTERM", async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), "glow-server-"));
    roots.push(root);
    await chmod(root, 0o755);
    const [port, pgPort] = [await freePort(), await freePort()];
    const server = startServer({ PORT: String(port), GLOW_DATA_DIR: root, GLOW_EMBEDDED_PG_PORT: String(pgPort), NODE_ENV: "development" });

    const listening = await waitForLog(server, "glow server listening");
    expect(listening).toMatchObject({ port, embedded: true });
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(await health.json()).toEqual({ status: "ok", db: "ok", redis: "not configured" });

    const client = new pg.Client({ connectionString: `postgresql://postgres:glow-embedded@127.0.0.1:${pgPort}/glow` });
    await client.connect();
    const admins = await client.query(
      `SELECT u.email FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id WHERE r.name = 'admin'`,
    );
    await client.end();
    expect(admins.rows).toEqual([{ email: "admin@glow.dev" }]);

    server.child.kill("SIGTERM");
    expect(await server.exit).toBe(0);
    expect(server.logs.map((entry) => entry.msg)).toContain("shutdown complete");
    expect(await portIsOpen(port)).toBe(false);
    expect(await portIsOpen(pgPort)).toBe(false);
  }, 150_000);

  it("refuses GLOW_SEED_DEMO in production and exits non-zero", async () => {
    const adminUrl = process.env.GLOW_TEST_PG_ADMIN_URL!;
    const name = `glow_prod_${Date.now()}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    try {
      const server = startServer({
        PORT: String(await freePort()),
        DATABASE_URL: databaseUrl(adminUrl, name),
        NODE_ENV: "production",
        GLOW_SEED_DEMO: "1",
      });
      expect(await server.exit).toBe(1);
      const fatal = server.logs.find((entry) => entry.msg === "glow server failed to start");
      expect(JSON.stringify(fatal)).toContain("GLOW_SEED_DEMO is refused when NODE_ENV=production");

      const check = new pg.Client({ connectionString: databaseUrl(adminUrl, name) });
      await check.connect();
      const users = await check.query("SELECT count(*)::int AS n FROM users");
      await check.end();
      expect(users.rows[0].n).toBe(0);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });

  it("exits with a readable message on invalid configuration", async () => {
    const server = startServer({ PORT: "not-a-port" });
    expect(await server.exit).toBe(1);
    expect(JSON.stringify(server.logs)).toContain("PORT");
  });
});
