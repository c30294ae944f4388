// "Try the demo" in Chromium: a visitor with no account opens the demo from the front page's
// Publish card, sees it clearly marked, composes with an AI caption, schedules and posts now,
// answers a message and sees the Pro plan — and the database is byte for byte what it was.
import { browserSkipNote, chromiumPath } from "@glow/browser-testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectConsoleErrors, startWebStack, type WebStack } from "./stack.ts";

const SCHEDULED = "Spring glazes drop on Saturday — come by the studio!";
const REPLY = "Yes, beginners are very welcome.";

const pathname = (page: Page) => new URL(page.url()).pathname;
const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Every row of every table of Glow's schema (the job queue's own schema aside), as one digest per table. */
async function databaseDigest(stack: WebStack): Promise<Record<string, string>> {
  const db = stack.server.database.db;
  const tables = await db.$queryRaw<Array<{ name: string }>>`
    SELECT table_name::text AS name FROM information_schema.tables
    WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`;
  const digest: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await db.$queryRawUnsafe<Array<{ md5: string }>>(
      `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS md5 FROM "${name.replaceAll('"', '""')}" t`,
    );
    digest[name] = row!.md5;
  }
  return digest;
}

describe.skipIf(!chromiumPath)(`publish's demo for visitors in Chromium${browserSkipNote}`, () => {
  let stack: WebStack;
  let page: Page;
  let errors: string[];
  let before: Record<string, string>;

  beforeAll(async () => {
    stack = await startWebStack();
    page = await stack.browser.newPage({ viewport: { width: 1280, height: 900 } });
    errors = collectConsoleErrors(page);
    before = await databaseDigest(stack);
    // The digest covers publish's tables (a check of the check, not a test of its own).
    if (!Object.keys(before).includes("publish_posts")) throw new Error("the database digest misses publish_posts");
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("opens from the front page's Publish card, marked as a demo, without signing in", async () => {
    await page.goto(stack.webUrl);
    await page.locator('[data-product="publish"]').getByRole("link", { name: "Try the demo" }).click({ timeout: 20_000 });
    await expect.poll(() => pathname(page)).toBe("/publish/demo");
    const banner = page.locator("[data-demo-banner]");
    await expect.poll(() => banner.textContent(), { timeout: 20_000 }).toContain("Demo — nothing you do here is saved");
    await expect.poll(() => page.locator("[data-post]").count()).toBeGreaterThan(0);
    expect(await page.getByRole("list", { name: "Connected accounts" }).getByRole("listitem").count()).toBeGreaterThan(0);
    expect(errors, errors.join("\n")).toEqual([]);
  });

  it("composes with an AI caption, schedules, posts now and sees both in the list", async () => {
    const posts = page.locator("[data-post]");
    const initial = await posts.count();

    await page.getByRole("radio", { name: "Compose" }).check({ force: true });
    const text = page.getByLabel("Post", { exact: true });
    await text.fill("spring glazes, saturday, studio");
    await page.getByRole("button", { name: "AI caption" }).click();
    await page.getByRole("dialog", { name: "AI caption suggestions" }).getByRole("button", { name: "Suggest" }).click();
    const suggestions = page.getByRole("list", { name: "Caption suggestions" }).getByRole("button");
    await expect.poll(() => suggestions.count(), { timeout: 15_000 }).toBe(3);
    const picked = (await suggestions.first().textContent()) ?? "";
    await suggestions.first().click();
    expect(await text.inputValue()).toBe(picked);

    // Scheduled an hour ahead (the form's default) in the browser's time zone.
    await text.fill(SCHEDULED);
    await page.getByRole("button", { name: "Schedule", exact: true }).click();
    await expect.poll(() => posts.count(), { timeout: 15_000 }).toBe(initial + 1);
    const scheduled = posts.filter({ hasText: SCHEDULED });
    expect(await scheduled.getAttribute("data-state")).toBe("scheduled");

    // Post now: "publishing", then published a moment later.
    await page.getByRole("radio", { name: "Compose" }).check({ force: true });
    await page.getByLabel("Post", { exact: true }).fill("Kiln is open — live now!");
    await page.getByRole("radio", { name: "Post now" }).check({ force: true });
    await page.getByRole("button", { name: "Post now", exact: true }).click();
    const now = posts.filter({ hasText: "Kiln is open — live now!" });
    await expect.poll(() => now.getAttribute("data-state", { timeout: 15_000 }), { timeout: 15_000 }).toBe("published");
    expect(errors, errors.join("\n")).toEqual([]);
  });

  it("answers a message in the demo inbox and shows the Pro plan", async () => {
    await page.getByRole("radio", { name: "Inbox" }).check({ force: true });
    const open = page
      .locator("[data-message]")
      .filter({ has: page.getByRole("textbox") })
      .first();
    await open.waitFor({ timeout: 15_000 });
    const id = await open.getAttribute("data-message");
    await open.getByRole("textbox").fill(REPLY);
    await open.getByRole("button", { name: "Reply" }).click();
    await expect.poll(() => page.locator(`[data-message="${id}"] [data-reply]`).textContent(), { timeout: 15_000 }).toContain(REPLY);

    await page.getByRole("radio", { name: "Plan" }).check({ force: true });
    await expect.poll(() => page.locator("[data-current-plan]").getAttribute("data-current-plan")).toBe("pro");
    expect(await page.locator('[data-plan="pro"]').getAttribute("data-current")).toBe("true");
    expect(errors, errors.join("\n")).toEqual([]);
  });

  it("fits a phone's width", async () => {
    await page.setViewportSize({ width: 375, height: 812 });
    await page.getByRole("radio", { name: "Posts" }).check({ force: true });
    await expect.poll(() => page.locator("[data-post]").count()).toBeGreaterThan(0);
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  });

  it("left the database exactly as it was", async () => {
    expect(await databaseDigest(stack)).toEqual(before);
  });
});
