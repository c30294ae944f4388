// The production build, served by the Glow server itself under its page CSP (same origin
// as the API, no Vite proxy): the account, feed reset and admin screens work (charts and
// thumbnails included) and nothing is refused by the CSP.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { browserSkipNote, chromiumPath, launchBrowser } from "@glow/browser-testing";
import { DEMO_PASSWORD, seedDemo } from "@glow/db";
import { startTestServer, type TestServer } from "@glow/server/testing";
import type { Browser, Page } from "playwright-core";
import { build } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectConsoleErrors, signInDirectly } from "./stack.ts";

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
      await build({
        root: webRoot,
        configFile: `${webRoot}vite.config.ts`,
        logLevel: "silent",
        build: { outDir: dist, emptyOutDir: true },
      });
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

  it("holds no source maps, and the server would not serve one", async () => {
    const assets = await readdir(path.join(dist, "assets"));
    const script = assets.find((name) => name.endsWith(".js"))!;
    expect(assets.filter((name) => name.endsWith(".map"))).toEqual([]);
    expect((await fetch(`${server.url}/assets/${script}`)).status).toBe(200);
    expect((await fetch(`${server.url}/assets/${script}.map`)).status).toBe(404);
  });

  it("signs up, opens settings and signs out without a CSP violation", async () => {
    const page = await browser.newPage();
    const consoleErrors = collectConsoleErrors(page);

    await page.goto(server.url);
    await expect.poll(() => page.getByRole("article", { name: "Reset" }).getAttribute("data-status"), { timeout: 20_000 }).toBe("live");
    await page.goto(`${server.url}/sign-up`);
    await page.getByLabel("Name").fill("Bo Chen");
    await page.getByLabel("Email").fill("bo.chen@example.com");
    await page.getByLabel("Password").fill("granite-orchard-63-beacon");
    await page.getByRole("button", { name: "Create account" }).click();
    // No categories yet: onboarding greets the new person.
    await expect.poll(() => heading(page), { timeout: 20_000 }).toBe("Welcome, Bo Chen");
    expect(new URL(page.url()).pathname).toBe("/onboarding");
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

  it("shows the feed reset's thumbnails, the admin's charts and the server status without a CSP violation", async () => {
    await seedDemo(server.database.db, { nodeEnv: "test" });
    const page = await browser.newPage();
    const consoleErrors = collectConsoleErrors(page);

    await signInDirectly(page, { serverUrl: server.url, webUrl: server.url }, { email: "admin@glow.dev", password: DEMO_PASSWORD });
    await page.goto(server.url);
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 20_000 }).toBe("/onboarding");
    await page.getByRole("checkbox", { name: /Music practice/ }).check();
    await page.getByRole("button", { name: "Start my reset" }).click();
    await expect.poll(() => page.locator("article[data-step]").count()).toBe(3);

    await page.goto(`${server.url}/plan/watch`);
    const thumbnails = page.getByRole("list", { name: "Videos for you" }).getByRole("img");
    await expect.poll(() => thumbnails.count()).toBeGreaterThan(0);
    await expect
      .poll(() =>
        thumbnails.evaluateAll((images) =>
          images.every((image) => (image as HTMLImageElement).complete && (image as HTMLImageElement).naturalWidth > 0),
        ),
      )
      .toBe(true);

    await page.goto(`${server.url}/admin/metrics`);
    await expect.poll(() => heading(page)).toBe("Metrics");
    await expect.poll(() => page.locator("figure[data-chart] svg.recharts-surface").count()).toBeGreaterThanOrEqual(3);
    await page.goto(`${server.url}/admin/curation`);
    await expect.poll(() => page.locator("[data-category]").count()).toBe(10);
    await page.goto(`${server.url}/admin/server`);
    await expect.poll(() => page.locator('[data-stat="Version"]').textContent()).toBe("web-built-e2e");

    expect(consoleErrors, consoleErrors.join("\n")).toEqual([]);
    await page.close();
  });
});
