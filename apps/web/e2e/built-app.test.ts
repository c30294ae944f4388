// The production build, served by the Glow server itself under its page CSP (same origin
// as the API, no Vite proxy): the account screens work and nothing is refused by the CSP.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { browserSkipNote, chromiumPath, launchBrowser } from "@glow/browser-testing";
import { startTestServer, type TestServer } from "@glow/server/testing";
import type { Browser, Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectConsoleErrors } from "./stack.ts";

const webRoot = new URL("..", import.meta.url).pathname;

describe.skipIf(!chromiumPath)(`built web app served by the server${browserSkipNote}`, () => {
  let dist: string;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    dist = await mkdtemp(path.join(os.tmpdir(), "glow-web-build-"));
    // Vitest sets NODE_ENV=test, which would make Vite build in development mode.
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    try {
      await build({ root: webRoot, configFile: `${webRoot}vite.config.ts`, logLevel: "silent", build: { outDir: dist, emptyOutDir: true } });
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
    server = await startTestServer({ version: "web-built-e2e", webDistDir: dist });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    if (dist) await rm(dist, { recursive: true, force: true });
  });

  const heading = (page: Page) => page.getByRole("heading", { level: 1 }).textContent();

  it("signs up, opens settings and signs out without a CSP violation", async () => {
    const page = await browser.newPage();
    const consoleErrors = collectConsoleErrors(page);

    await page.goto(`${server.url}/sign-up`);
    await page.getByLabel("Name").fill("Bo Chen");
    await page.getByLabel("Email").fill("bo.chen@example.com");
    await page.getByLabel("Password").fill("granite-orchard-63-beacon");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect.poll(() => heading(page), { timeout: 20_000 }).toBe("Welcome, Bo Chen");
    expect(await page.locator('[data-stat="Version"]').textContent()).toBe("web-built-e2e");
    // Demo logins are a development hint only.
    await page.goto(`${server.url}/sign-in`);
    await expect.poll(() => page.getByText("You are signed in as").count()).toBe(1);
    expect(await page.getByText("admin@glow.dev").count()).toBe(0);

    await page.goto(`${server.url}/settings`);
    await expect.poll(() => page.locator("[data-session]").count()).toBe(1);
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/sign-in");
    await page.goto(`${server.url}/settings`);
    await expect.poll(() => new URL(page.url()).pathname).toBe("/sign-in");

    expect(consoleErrors, consoleErrors.join("\n")).toEqual([]);
    await page.close();
  });
});
