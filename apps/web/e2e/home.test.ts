// The web app in a real Chromium, served by Vite (its dev proxy included) and talking to
// the real Glow server over a real PostgreSQL.
import { browserSkipNote, chromiumPath, launchBrowser, screenshotPath } from "@glow/browser-testing";
import { startTestServer, type TestServer } from "@glow/server/testing";
import type { Browser } from "playwright-core";
import { createServer, type ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const webRoot = new URL("..", import.meta.url).pathname;

async function startVite(apiUrl: string): Promise<{ vite: ViteDevServer; url: string }> {
  process.env.GLOW_API_URL = apiUrl; // read by vite.config.ts for the proxy target
  const vite = await createServer({
    root: webRoot,
    configFile: `${webRoot}vite.config.ts`,
    server: { port: 0, strictPort: false, host: "127.0.0.1" },
    logLevel: "silent",
  });
  await vite.listen();
  return { vite, url: vite.resolvedUrls!.local[0]! };
}

describe.skipIf(!chromiumPath)(`web app in Chromium${browserSkipNote}`, () => {
  let server: TestServer;
  let vite: ViteDevServer;
  let webUrl: string;
  let browser: Browser;

  beforeAll(async () => {
    server = await startTestServer({ version: "web-e2e" });
    ({ vite, url: webUrl } = await startVite(server.url));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await vite?.close();
    await server?.close();
  });

  it("shows server data fetched through tRPC via the dev proxy", async () => {
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on("console", (message) => message.type() === "error" && consoleErrors.push(message.text()));

    await page.goto(webUrl);
    await expect.poll(() => page.locator('[data-stat="Version"]').textContent(), { timeout: 20_000 }).toBe("web-e2e");
    await page.getByRole("button", { name: "Check connection" }).click();
    await expect.poll(() => page.getByText(/Server answered "web"/).count()).toBe(1);

    await page.screenshot({ path: await screenshotPath("web-home"), fullPage: true });
    expect(consoleErrors, consoleErrors.join("\n")).toEqual([]);
    await page.close();
  });

  it("fits a phone-width screen without horizontal scrolling", async () => {
    const page = await browser.newPage({ viewport: { width: 375, height: 740 } });
    await page.goto(webUrl);
    await expect.poll(() => page.locator('[data-stat="Version"]').textContent(), { timeout: 20_000 }).toBe("web-e2e");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: await screenshotPath("web-home-phone"), fullPage: true });
    await page.close();
  });
});
