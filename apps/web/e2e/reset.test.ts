// The feed reset through the real web app: a new person picks categories, works through
// a day's plan (Clear, Watch, Reinforce) and completes day 0 of the challenge; the admin
// then sees them in the metrics and curates the catalog. Chromium against the real server,
// over a database seeded with the demo catalog and accounts.
import { browserSkipNote, chromiumPath, screenshotPath } from "@glow/browser-testing";
import { DEMO_PASSWORD } from "@glow/db";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectConsoleErrors, signInDirectly, startWebStack, type WebStack } from "./stack.ts";

const name = "Rui Tanaka";
const email = "rui.tanaka@example.com";
const password = "copper-lagoon-58-thistle";
const adminEmail = "admin@glow.dev";

const heading = (page: Page) => page.getByRole("heading", { level: 1 }).textContent();
const pathname = (page: Page) => new URL(page.url()).pathname;
const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
const loadingCount = (page: Page) =>
  page
    .getByRole("status")
    .filter({ hasText: /Loading|Picking/ })
    .count();

async function signIn(page: Page, stack: WebStack, address: string, secret: string): Promise<void> {
  await signInDirectly(page, { serverUrl: stack.server.url, webUrl: stack.webUrl }, { email: address, password: secret });
  await page.goto(stack.webUrl);
}

/** Waits for a screen to settle (nothing loading), then saves it. */
async function screenshot(page: Page, shot: string): Promise<void> {
  await expect.poll(() => loadingCount(page)).toBe(0);
  await page.screenshot({ path: await screenshotPath(shot), fullPage: true });
}

describe.skipIf(!chromiumPath)(`feed reset in Chromium${browserSkipNote}`, () => {
  let stack: WebStack;

  beforeAll(async () => {
    stack = await startWebStack({ version: "web-reset-e2e", requestLog: true, demoData: true });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("takes a new person through onboarding and a day's plan to day 0 of the challenge", async () => {
    const { webUrl } = stack;
    const page = await stack.browser.newPage({ viewport: { width: 1100, height: 900 } });
    // 400: picking no category is refused, and shown beside the choices.
    const consoleErrors = collectConsoleErrors(page, [400]);

    await page.goto(`${webUrl}/sign-up`);
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(password);
    await page.getByRole("button", { name: "Create account" }).click();

    // Onboarding: no categories yet, so home sends the new person here.
    await expect.poll(() => pathname(page), { timeout: 20_000 }).toBe("/onboarding");
    await expect.poll(() => heading(page)).toBe(`Welcome, ${name}`);
    const choices = page.getByRole("group", { name: "What do you want more of?" }).getByRole("checkbox");
    await expect.poll(() => choices.count()).toBe(10);
    await screenshot(page, "reset-onboarding");

    await page.getByRole("button", { name: "Start my reset" }).click();
    await expect.poll(() => page.getByText("Pick at least one category").count()).toBe(1);
    expect(await choices.first().getAttribute("aria-invalid")).toBe("true");
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("type"))).toBe("checkbox");

    // By keyboard from the first choice (Art & design): Tab twice to Cooking, Space to pick it.
    await page.keyboard.press("Tab");
    await page.keyboard.press("Tab");
    await page.keyboard.press("Space");
    expect(await page.getByRole("checkbox", { name: /Cooking/ }).isChecked()).toBe(true);
    await page.getByRole("checkbox", { name: /Science & nature/ }).check();
    expect(await page.getByText("2 categories selected").count()).toBe(1);
    await page.getByRole("button", { name: "Start my reset" }).click();

    // The dashboard, with today's plan made on the way.
    await expect.poll(() => pathname(page)).toBe("/");
    await expect.poll(() => heading(page)).toBe(`Welcome, ${name}`);
    const cards = page.locator("article[data-step]");
    await expect.poll(() => cards.count()).toBe(3);
    expect(await cards.evaluateAll((all) => all.map((card) => card.getAttribute("data-step")))).toEqual(["clear", "watch", "reinforce"]);
    expect(await page.getByText("Day 0 of your feed reset.").count()).toBe(1);
    expect(await page.getByRole("list", { name: "Your categories" }).textContent()).toMatch(/Cooking.*Science & nature/);
    expect(await page.locator('[data-day="0"]').getAttribute("data-status")).toBe("today");
    await screenshot(page, "reset-dashboard");

    // Clear: block a creator, then mark the step done.
    await page.getByRole("link", { name: "Start Clear step" }).click();
    await expect.poll(() => heading(page)).toBe("Clear");
    const creators = page.getByRole("list", { name: "Creators to block" }).locator("li");
    await expect.poll(() => creators.count()).toBe(10);
    expect(await page.getByRole("button", { name: "Show more" }).count()).toBe(1);
    const firstCreator = creators.first();
    const profile = firstCreator.getByRole("link", { name: /Open on TikTok/ });
    expect(await profile.getAttribute("href")).toMatch(/^https:\/\/www\.tiktok\.com\/@/);
    expect(await profile.getAttribute("target")).toBe("_blank");
    expect(await profile.getAttribute("rel")).toBe("noopener noreferrer");
    expect(await firstCreator.textContent()).toContain("Why:");
    await firstCreator.getByRole("button", { name: /^Block / }).click();
    await expect.poll(() => firstCreator.getAttribute("data-blocked")).toBe("true");
    // The row is marked at once; the count follows when today's plan has been fetched again.
    expect(await firstCreator.textContent()).toContain("Blocked");
    await expect.poll(() => page.locator("[data-progress]").textContent()).toBe("1 of 3 creators blocked");
    // The keyboard moves on to the next creator's Block button.
    await expect.poll(() => page.evaluate(() => document.activeElement?.hasAttribute("data-block"))).toBe(true);
    // Blocking the last one loaded, then asking for more, loses no creator: all 20 flagged are listed.
    await creators
      .last()
      .getByRole("button", { name: /^Block / })
      .click();
    await expect.poll(() => creators.last().getAttribute("data-blocked")).toBe("true");
    await expect.poll(() => page.locator("[data-progress]").textContent()).toBe("2 of 3 creators blocked");
    await page.getByRole("button", { name: "Show more" }).click();
    await expect.poll(() => creators.count()).toBe(20);
    await expect.poll(() => page.getByRole("button", { name: "Show more" }).count()).toBe(0);
    expect(new Set(await creators.evaluateAll((rows) => rows.map((row) => row.getAttribute("data-creator")))).size).toBe(20);
    await screenshot(page, "reset-clear");
    await page.getByRole("button", { name: "Mark step done" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Step done." }).count()).toBe(1);

    // Watch: mark a video watched (it leaves the list), favorite another, mark the step done.
    await page.getByRole("link", { name: "Next: Watch" }).click();
    await expect.poll(() => heading(page)).toBe("Watch");
    const videos = page.getByRole("list", { name: "Videos for you" }).locator("li");
    await expect.poll(() => videos.count()).toBe(6);
    const watchedId = await videos.first().getAttribute("data-video");
    expect(await videos.first().getByRole("img").getAttribute("alt")).toMatch(/^Thumbnail for/);
    expect(await videos.first().getByRole("img").getAttribute("src")).toMatch(/^\/thumbnails\/(cooking|science)\.svg$/);
    await videos
      .first()
      .getByRole("button", { name: /^Watched/ })
      .click();
    await expect.poll(() => page.locator(`li[data-video="${watchedId}"]`).count()).toBe(0);
    await expect.poll(() => page.locator("[data-progress]").textContent()).toBe("1 of 3 videos watched");

    const favoriteVideo = videos.first();
    const favoriteTitle = (await favoriteVideo.getByRole("heading").textContent())!;
    const favoriteButton = favoriteVideo.getByRole("button", { name: /^Favorite/ });
    expect(await favoriteButton.getAttribute("aria-pressed")).toBe("false");
    await favoriteButton.click();
    await expect.poll(() => favoriteButton.getAttribute("aria-pressed")).toBe("true");
    // Every thumbnail on the screen loaded.
    await expect
      .poll(() =>
        page
          .locator("img")
          .evaluateAll((images) =>
            images.every((image) => (image as HTMLImageElement).complete && (image as HTMLImageElement).naturalWidth > 0),
          ),
      )
      .toBe(true);
    await screenshot(page, "reset-watch");
    await page.getByRole("button", { name: "Mark step done" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Step done." }).count()).toBe(1);

    // Reinforce: the one favorite comes up; mark the step done.
    await page.getByRole("link", { name: "Next: Reinforce" }).click();
    await expect.poll(() => heading(page)).toBe("Reinforce");
    await expect.poll(() => page.getByRole("article").getByRole("heading").textContent()).toBe(favoriteTitle);
    await page.getByRole("button", { name: "Pick another" }).click();
    await expect.poll(() => page.getByRole("article").getByRole("heading").textContent()).toBe(favoriteTitle);
    await screenshot(page, "reset-reinforce");
    await page.getByRole("button", { name: "Mark step done" }).click();
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Step done." }).count()).toBe(1);

    // Day 0 is done: on the dashboard and in the challenge.
    await page.getByRole("link", { name: "Back to today's plan" }).click();
    await expect.poll(() => page.getByText("Day 0 is done.").count()).toBe(1);
    await expect.poll(() => page.locator('[data-day="0"]').getAttribute("data-status")).toBe("done");
    expect(await page.locator("article[data-done]").count()).toBe(3);
    await page.getByRole("link", { name: "See the challenge" }).click();
    await expect.poll(() => heading(page)).toBe("Your 7-day challenge");
    const dayZero = page.getByRole("list", { name: "7-day challenge" }).locator('[data-day="0"]');
    await expect.poll(() => dayZero.textContent()).toContain("Done");
    expect(await page.locator('[data-stat="Days done"]').textContent()).toBe("1 of 8");
    expect(await page.locator('[data-stat="Streak"]').textContent()).toBe("1 day");
    await screenshot(page, "reset-challenge");

    // Favorites lists the one saved.
    await page.goto(`${webUrl}/favorites`);
    await expect.poll(() => page.locator("[data-favorite]").count()).toBe(1);
    expect(await page.locator("[data-favorite]").getByRole("heading").textContent()).toBe(favoriteTitle);

    // Not an admin: the admin screens say so, and the header does not offer them.
    for (const path of ["/admin/metrics", "/admin/curation"]) {
      await page.goto(`${webUrl}${path}`);
      await expect.poll(() => page.getByRole("heading", { name: "You do not have access" }).count()).toBe(1);
    }
    expect(await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Metrics" }).count()).toBe(0);

    // Every screen fits a phone.
    await page.setViewportSize({ width: 375, height: 740 });
    for (const path of ["/", "/onboarding", "/plan/clear", "/plan/watch", "/plan/reinforce", "/favorites", "/challenge"]) {
      await page.goto(`${webUrl}${path}`);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).count(), { timeout: 20_000 }).toBe(1);
      await expect.poll(() => loadingCount(page)).toBe(0);
      expect(await horizontalOverflow(page), path).toBeLessThanOrEqual(0);
      if (path === "/") await screenshot(page, "reset-dashboard-phone");
      if (path === "/plan/watch") await screenshot(page, "reset-watch-phone");
    }

    expect(consoleErrors, consoleErrors.join("\n")).toEqual([]);
    await page.close();
  });

  it("shows the admin the new person in the metrics, as figures and charts", async () => {
    const { webUrl } = stack;
    const page = await stack.browser.newPage({ viewport: { width: 1100, height: 900 } });
    const consoleErrors = collectConsoleErrors(page);

    await signIn(page, stack, adminEmail, DEMO_PASSWORD);
    await expect.poll(() => pathname(page), { timeout: 20_000 }).toBe("/onboarding");
    await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Metrics" }).click();
    await expect.poll(() => heading(page)).toBe("Metrics");
    await expect.poll(() => loadingCount(page)).toBe(0);

    expect(Number(await page.locator('[data-stat="New users"]').textContent())).toBeGreaterThanOrEqual(1);
    expect(Number(await page.locator('[data-stat="Challenges started"]').textContent())).toBeGreaterThanOrEqual(1);
    expect(Number(await page.locator('[data-funnel-day="0"] [data-value="users"]').textContent())).toBeGreaterThanOrEqual(1);
    expect(Number(await page.locator('[data-stat="Fully completed"]').textContent())).toBeGreaterThanOrEqual(1);
    expect(await page.locator('[data-step="clear"]').textContent()).toContain("100%");
    // The request log feeds latency per procedure.
    await expect.poll(() => page.locator('[data-procedure="reset.plan.completeStep"]').count()).toBe(1);
    expect(await page.locator('[data-procedure="reset.plan.completeStep"]').textContent()).toMatch(/ms/);
    expect(await page.locator('[data-stat="AI cost"]').textContent()).toBe("$0.00");
    // Four charts, each drawn.
    for (const chart of ["Daily active people", "People who finished each day", "Steps completed, share of plans", "p95 latency by hour"]) {
      await expect.poll(() => page.locator(`figure[data-chart="${chart}"] svg.recharts-surface`).count(), { message: chart }).toBe(1);
    }

    // Another range: the figures follow.
    await page.getByText("Last 7 days").click();
    expect(await page.getByRole("radio", { name: "Last 7 days" }).isChecked()).toBe(true);
    await expect.poll(() => loadingCount(page)).toBe(0);
    expect(Number(await page.locator('[data-stat="New users"]').textContent())).toBeGreaterThanOrEqual(1);
    await screenshot(page, "admin-metrics");

    await page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Curation" }).click();
    await expect.poll(() => heading(page)).toBe("Curation");
    await expect.poll(() => page.locator("[data-category]").count()).toBe(10);
    await expect.poll(() => page.locator("tr[data-creator]").count()).toBe(25);
    await expect.poll(() => page.locator("tr[data-video]").count()).toBe(25);
    await screenshot(page, "admin-curation");

    await page.setViewportSize({ width: 375, height: 740 });
    for (const path of ["/admin/metrics", "/admin/curation"]) {
      await page.goto(`${webUrl}${path}`);
      await expect.poll(() => page.getByRole("heading", { level: 1 }).count(), { timeout: 20_000 }).toBe(1);
      await expect.poll(() => loadingCount(page)).toBe(0);
      expect(await horizontalOverflow(page), path).toBeLessThanOrEqual(0);
      await screenshot(page, `${path === "/admin/metrics" ? "admin-metrics" : "admin-curation"}-phone`);
    }

    expect(consoleErrors, consoleErrors.join("\n")).toEqual([]);
    await page.close();
  });

  it("lets the admin curate the catalog, and shows what the server refuses", async () => {
    const { webUrl } = stack;
    const page = await stack.browser.newPage({ viewport: { width: 1100, height: 900 } });
    // 400: refused input, shown beside its fields.
    const consoleErrors = collectConsoleErrors(page, [400]);

    await signIn(page, stack, adminEmail, DEMO_PASSWORD);
    await expect.poll(() => pathname(page), { timeout: 20_000 }).toBe("/onboarding");
    await page.goto(`${webUrl}/admin/curation`);
    await expect.poll(() => page.locator("[data-category]").count(), { timeout: 20_000 }).toBe(10);

    // A category: create, rename inline, archive (it leaves the list), find it among the archived.
    const newCategory = page.getByRole("form", { name: "Add a category" });
    await newCategory.getByLabel("Name").fill("Gardening");
    await newCategory.getByLabel("Emoji").fill("🌱");
    await newCategory.getByLabel("Description").fill("Plants, soil and patience");
    await newCategory.getByRole("button", { name: "Add category" }).click();
    await expect.poll(() => newCategory.getByRole("status").textContent()).toContain("Added the category Gardening");
    const gardening = page.locator('[data-category="gardening"]');
    await expect.poll(() => gardening.count()).toBe(1);
    expect(await newCategory.getByLabel("Name").inputValue()).toBe("");

    await gardening.getByRole("button", { name: "Rename: Name of Gardening" }).click();
    const rename = gardening.getByRole("textbox", { name: "Name of Gardening" });
    await rename.fill("G");
    await rename.press("Enter");
    await expect.poll(() => rename.getAttribute("aria-invalid")).toBe("true");
    expect(await gardening.textContent()).toContain("At least 2 characters");
    await rename.fill("Home gardening");
    await rename.press("Enter");
    await expect.poll(() => gardening.getByRole("rowheader").textContent()).toContain("Home gardening");

    await gardening.getByRole("button", { name: "Archive Home gardening" }).click();
    await expect.poll(() => gardening.count()).toBe(0);
    await page.getByRole("search", { name: "Filter categories" }).getByLabel("Show archived").check();
    await expect.poll(() => gardening.count()).toBe(1);
    expect(await gardening.textContent()).toContain("Archived");
    expect(await gardening.getByRole("button", { name: "Restore Home gardening" }).count()).toBe(1);

    // A toxic creator needs a reason.
    const newCreator = page.getByRole("form", { name: "Add a creator" });
    await newCreator.getByLabel("Handle").fill("@grumpy.gardener");
    await newCreator.getByLabel("Display name").fill("Grumpy Gardener");
    await newCreator.getByLabel("Category").selectOption({ label: "Cooking" });
    await newCreator.getByLabel("Flag as toxic").check();
    await newCreator.getByRole("button", { name: "Add creator" }).click();
    const reason = newCreator.getByLabel("Why is this creator toxic?");
    await expect.poll(() => reason.getAttribute("aria-invalid")).toBe("true");
    expect(await newCreator.getByText("Say why this creator is toxic").count()).toBe(1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("toxicityReason");
    await reason.fill("Rage bait about lawns");
    await newCreator.getByRole("button", { name: "Add creator" }).click();
    await expect.poll(() => newCreator.getByRole("status").textContent()).toContain("Added @grumpy.gardener");
    const creatorFilters = page.getByRole("search", { name: "Filter creators" });
    await creatorFilters.getByLabel("Search creators").fill("grumpy");
    await creatorFilters.getByRole("button", { name: "Search" }).click();
    const grumpy = page.locator('tr[data-creator="grumpy.gardener"]');
    await expect.poll(() => page.locator("tr[data-creator]").count()).toBe(1);
    expect(await grumpy.textContent()).toContain("Toxic");
    expect(await grumpy.textContent()).toContain("Rage bait about lawns");

    // A video link must be https.
    const newVideo = page.getByRole("form", { name: "Add a video" });
    await expect.poll(() => newVideo.getByLabel("Creator").locator("option").count()).toBeGreaterThan(1);
    await newVideo.getByLabel("Link").fill("http://www.tiktok.com/@someone/video/1");
    await newVideo.getByLabel("Title").fill("Repotting a fern");
    await newVideo.getByLabel("Creator").selectOption({ index: 1 });
    await newVideo.getByLabel("Length in seconds").fill("42");
    await newVideo.getByRole("button", { name: "Add video" }).click();
    const link = newVideo.getByLabel("Link");
    await expect.poll(() => link.getAttribute("aria-invalid")).toBe("true");
    expect(await newVideo.getByText("An https:// link to the video").count()).toBe(1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("url");
    await link.fill("https://www.tiktok.com/@someone/video/1");
    await newVideo.getByRole("button", { name: "Add video" }).click();
    await expect.poll(() => newVideo.getByRole("status").textContent()).toContain("Added “Repotting a fern”");
    await screenshot(page, "admin-curation-flow");

    expect(consoleErrors, consoleErrors.join("\n")).toEqual([]);
    await page.close();
  });
});
