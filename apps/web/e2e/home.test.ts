import { browserSkipNote, chromiumPath, screenshotPath } from "@glow/browser-testing";
import { DEMO_PASSWORD } from "@glow/db";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectConsoleErrors, signInDirectly, startWebStack, type WebStack } from "./stack.ts";

const frontPageHeading = "Reset your feed, train, publish, shop and talk with one account";

const heading = (page: Page) => page.getByRole("heading", { level: 1 }).textContent();
const pathname = (page: Page) => new URL(page.url()).pathname;
const resetCard = (page: Page) => page.getByRole("article", { name: "Reset" });

async function signIn(page: Page, stack: WebStack, email: string): Promise<void> {
  await signInDirectly(page, { serverUrl: stack.server.url, webUrl: stack.webUrl }, { email, password: DEMO_PASSWORD });
  await page.goto(stack.webUrl);
  // The demo accounts have picked no categories yet.
  await expect.poll(() => pathname(page), { timeout: 20_000 }).toBe("/onboarding");
}

describe.skipIf(!chromiumPath)(`web app in Chromium${browserSkipNote}`, () => {
  let stack: WebStack;

  beforeAll(async () => {
    stack = await startWebStack({ version: "web-e2e", demoData: true });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("shows a visitor the front page: what Glow is, the Reset and Coach cards and the ways to sign up and in", async () => {
    const page = await stack.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const consoleErrors = collectConsoleErrors(page);

    await page.goto(stack.webUrl);
    await expect.poll(() => heading(page), { timeout: 20_000 }).toBe(frontPageHeading);
    expect(await page.title()).toBe("One account, five products · Glow");
    expect(await page.getByRole("main").textContent()).toContain("five products built on the same core");

    // Reset is live: its three steps, and a way in that leads to sign-up.
    const reset = resetCard(page);
    expect(await reset.getAttribute("data-status")).toBe("live");
    expect(await reset.getByText("Live", { exact: true }).count()).toBe(1);
    expect(await reset.getByRole("listitem").locator("strong").allTextContents()).toEqual(["Clear", "Watch", "Reinforce"]);
    expect(await reset.getByRole("link", { name: "Start the 7-day reset" }).getAttribute("href")).toBe("/sign-up");

    // Coach is live too: a business starts by signing up, then creates itself.
    const coach = page.getByRole("article", { name: "Coach" });
    expect(await coach.getAttribute("data-status")).toBe("live");
    expect(await coach.getByRole("link", { name: "Start coaching" }).getAttribute("href")).toBe("/sign-up?next=/orgs/new");

    // Publish is live: a creator signs up and lands on the publish home, where a workspace starts.
    const publish = page.getByRole("article", { name: "Publish" });
    expect(await publish.getAttribute("data-status")).toBe("live");
    expect(await publish.getByRole("link", { name: "Start publishing" }).getAttribute("href")).toBe("/sign-up?next=/publish");

    // The other two are listed, marked coming soon, with no way in.
    for (const name of ["Shop", "Community"]) {
      const card = page.getByRole("article", { name });
      expect(await card.getAttribute("data-status"), name).toBe("coming-soon");
      expect(await card.getByText("Coming soon").count(), name).toBe(1);
      expect(await card.getByRole("link").count(), name).toBe(0);
    }

    const main = page.getByRole("main");
    expect(await main.getByRole("link", { name: "Create an account" }).getAttribute("href")).toBe("/sign-up");
    expect(await main.getByRole("link", { name: "Sign in" }).getAttribute("href")).toBe("/sign-in");

    // The server's state is for administrators now, not for visitors.
    expect(await page.locator('[data-stat="Version"]').count()).toBe(0);
    expect(await page.getByRole("button", { name: "Check connection" }).count()).toBe(0);

    await page.screenshot({ path: await screenshotPath("web-home"), fullPage: true });

    await reset.getByRole("link", { name: "Start the 7-day reset" }).click();
    await expect.poll(() => pathname(page)).toBe("/sign-up");
    expect(consoleErrors, consoleErrors.join("\n")).toEqual([]);
    await page.close();
  });

  it("fits a phone-width screen without horizontal scrolling", async () => {
    const page = await stack.browser.newPage({ viewport: { width: 375, height: 740 } });
    await page.goto(stack.webUrl);
    await expect.poll(() => heading(page), { timeout: 20_000 }).toBe(frontPageHeading);
    await expect.poll(() => resetCard(page).count()).toBe(1);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // The call to sign up is in view without scrolling.
    expect(await page.getByRole("main").getByRole("link", { name: "Create an account" }).isVisible()).toBe(true);
    const box = await page.getByRole("main").getByRole("link", { name: "Create an account" }).boundingBox();
    expect(box && box.y + box.height).toBeLessThanOrEqual(740);
    await page.screenshot({ path: await screenshotPath("web-home-phone"), fullPage: true });
    await page.close();
  });

  it("shows an admin the server status in the admin area, fetched through tRPC via the dev proxy", async () => {
    const page = await stack.browser.newPage();
    const consoleErrors = collectConsoleErrors(page);

    await signIn(page, stack, "admin@glow.dev");
    await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Server" }).click();
    await expect.poll(() => heading(page)).toBe("Server status");
    expect(pathname(page)).toBe("/admin/server");
    await expect.poll(() => page.locator('[data-stat="Version"]').textContent()).toBe("web-e2e");
    expect(await page.locator('[data-stat="Uptime"]').textContent()).toMatch(/\d+ (s|min|h)/);
    await page.getByRole("button", { name: "Check connection" }).click();
    await expect.poll(() => page.getByText(/Server answered "web" in \d+ ms/).count()).toBe(1);

    await page.screenshot({ path: await screenshotPath("admin-server"), fullPage: true });
    expect(consoleErrors, consoleErrors.join("\n")).toEqual([]);
    await page.close();
  });

  it("keeps the server status from a signed-in person who is not an admin", async () => {
    const page = await stack.browser.newPage();
    await signIn(page, stack, "user@glow.dev");
    const nav = page.getByRole("navigation", { name: "Account" });
    await expect.poll(() => nav.getByRole("link", { name: "Settings" }).count()).toBe(1);
    expect(await nav.getByRole("link", { name: "Server" }).count()).toBe(0);
    await page.goto(`${stack.webUrl}/admin/server`);
    await expect.poll(() => page.getByRole("region", { name: "You do not have access" }).count(), { timeout: 20_000 }).toBe(1);
    expect(await page.locator('[data-stat="Version"]').count()).toBe(0);
    await page.close();
  });

  it("serves the app at any of its paths, and says when a page does not exist", async () => {
    const page = await stack.browser.newPage();
    await page.goto(`${stack.webUrl}/no-such-page`);
    await expect.poll(() => page.getByRole("heading", { name: "Page not found" }).count(), { timeout: 20_000 }).toBe(1);
    await page.getByRole("link", { name: "Go to the home page" }).click();
    await expect.poll(() => heading(page)).toBe(frontPageHeading);
    await page.close();
  });
});
