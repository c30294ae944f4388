import { browserSkipNote, chromiumPath, screenshotPath } from "@glow/browser-testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectConsoleErrors, startWebStack, type WebStack } from "./stack.ts";

describe.skipIf(!chromiumPath)(`web app in Chromium${browserSkipNote}`, () => {
  let stack: WebStack;

  beforeAll(async () => {
    stack = await startWebStack({ version: "web-e2e" });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("shows server data fetched through tRPC via the dev proxy", async () => {
    const page = await stack.browser.newPage();
    const consoleErrors = collectConsoleErrors(page);

    await page.goto(stack.webUrl);
    await expect.poll(() => page.locator('[data-stat="Version"]').textContent(), { timeout: 20_000 }).toBe("web-e2e");
    await page.getByRole("button", { name: "Check connection" }).click();
    await expect.poll(() => page.getByText(/Server answered "web"/).count()).toBe(1);

    // Signed out: the page welcomes everyone and offers to sign in or sign up.
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Welcome to Glow");
    expect(await page.getByRole("main").getByRole("link", { name: "Sign in" }).getAttribute("href")).toBe("/sign-in");
    expect(await page.getByRole("main").getByRole("link", { name: "Create an account" }).getAttribute("href")).toBe("/sign-up");

    await page.screenshot({ path: await screenshotPath("web-home"), fullPage: true });
    expect(consoleErrors, consoleErrors.join("\n")).toEqual([]);
    await page.close();
  });

  it("fits a phone-width screen without horizontal scrolling", async () => {
    const page = await stack.browser.newPage({ viewport: { width: 375, height: 740 } });
    await page.goto(stack.webUrl);
    await expect.poll(() => page.locator('[data-stat="Version"]').textContent(), { timeout: 20_000 }).toBe("web-e2e");
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: await screenshotPath("web-home-phone"), fullPage: true });
    await page.close();
  });

  it("serves the app at any of its paths, and says when a page does not exist", async () => {
    const page = await stack.browser.newPage();
    await page.goto(`${stack.webUrl}/no-such-page`);
    await expect.poll(() => page.getByRole("heading", { name: "Page not found" }).count(), { timeout: 20_000 }).toBe(1);
    await page.getByRole("link", { name: "Go to the home page" }).click();
    await expect.poll(() => page.getByRole("heading", { name: "Welcome to Glow" }).count()).toBe(1);
    await page.close();
  });
});
