// The typed client as a developer outside the monorepo gets it: the package is built and
// packed, installed with npm into a plain Node ESM + TypeScript project (the example in
// examples/typed-client), type-checked, and run against a real server.
import { execFile } from "node:child_process";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { seedResetCatalog } from "@glow/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { registerUser } from "./security/fixtures.ts";
import { callTrpc, startTestServer, type TestServer } from "./testing.ts";

const run = promisify(execFile);
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const tsc = path.join(repo, "packages/api/node_modules/typescript/bin/tsc");
let project: string;
let server: TestServer;

beforeAll(async () => {
  await run(process.execPath, [path.join(repo, "packages/api/scripts/build-client.ts")]);
  project = await mkdtemp(path.join(os.tmpdir(), "glow-client-"));
  const { stdout } = await run("npm", [
    "pack",
    path.join(repo, "packages/api/dist/client-package"),
    "--pack-destination",
    project,
    "--silent",
  ]);
  const tarball = path.join(project, stdout.trim().split("\n").at(-1)!);
  await cp(path.join(repo, "examples/typed-client"), project, { recursive: true, filter: (src) => !src.includes("node_modules") });
  const manifest = JSON.parse(await readFile(path.join(project, "package.json"), "utf8"));
  manifest.dependencies["@glow/api"] = `file:${tarball}`;
  await writeFile(path.join(project, "package.json"), JSON.stringify(manifest, null, 2));
  // Bounded, so a registry problem fails here with npm's message instead of at the hook timeout.
  await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--fetch-retries=1"], { cwd: project, timeout: 120_000 });
  server = await startTestServer();
  await seedResetCatalog(server.database.db);
}, 180_000);
afterAll(async () => {
  await server?.close();
  if (project) await rm(project, { recursive: true, force: true });
});

describe("@glow/api/client outside the monorepo", () => {
  it("installs with only the client's dependencies", async () => {
    const installed = JSON.parse(await readFile(path.join(project, "node_modules/@glow/api/package.json"), "utf8"));
    expect(Object.keys(installed.dependencies).sort()).toEqual(["@trpc/client", "@trpc/server", "superjson"]);
    const bundle = await readFile(path.join(project, "node_modules/@glow/api/client.js"), "utf8");
    expect(bundle).not.toMatch(/prisma|argon2|ioredis|node:/);
  });

  it("type-checks a correct call", async () => {
    await expect(run(process.execPath, [tsc, "-p", project])).resolves.toBeDefined();
  });

  it("fails to type-check a wrong input type, naming the problem", async () => {
    await writeFile(
      path.join(project, "wrong.ts"),
      `import { createGlowClient } from "@glow/api/client";\nconst glow = createGlowClient({ url: "http://x" });\nawait glow.reset.plan.completeStep.mutate({ planId: 42, step: "dance" });\n`,
    );
    const failure = await run(process.execPath, [tsc, "-p", project]).catch((error: { stdout: string }) => error);
    await rm(path.join(project, "wrong.ts"));
    expect("stdout" in failure ? failure.stdout : "").toMatch(/wrong\.ts.*error TS2322.*number.*string/s);
  });

  it("makes real calls against a running server", async () => {
    const person = await registerUser(server.url, "example");
    const created = await callTrpc(server.url, "auth.tokens.create", {
      type: "mutation",
      token: person.token,
      input: { name: "example", scopes: ["read"] },
    });
    const { stdout } = await run(process.execPath, ["index.ts"], {
      cwd: project,
      env: { ...process.env, GLOW_URL: server.url, GLOW_TOKEN: (created.data as { token: string }).token },
    });
    expect(stdout).toMatch(/^Glow is ok\n/);
    expect(stdout).toContain("example has no plan today yet");
    expect(stdout).toContain("Challenge: 0/8 days, streak 0");
  });
});
