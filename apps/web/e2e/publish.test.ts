// Publish in Chromium against a real server, database and job worker: the demo user creates a
// workspace, connects the local sandbox platform through its consent page, sees the
// composer's counter turn red past the platform's limit, schedules a post a couple of minutes
// ahead and watches the post's page turn to "published" by itself (the server pushes target
// states over SSE) once a short test clock has moved the post's time into the past. Then the
// screens at a phone's width.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { JOBS_SCHEMA, DEMO_ACCOUNTS, DEMO_PASSWORD } from "@glow/db";
import { browserSkipNote, chromiumPath, screenshotPath } from "@glow/browser-testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectConsoleErrors, signInDirectly, startWebStack, type WebStack } from "./stack.ts";

const USER = DEMO_ACCOUNTS[1];
const WORKSPACE = "Maple Street Studio";
const HANDLE = "maple_studio";
const TIME_ZONE = "Europe/Berlin";
const FIXTURES = fileURLToPath(new URL("../../../packages/api/src/testing/fixtures/", import.meta.url));
const TEXT = "Our autumn workshop opens for sign-ups on Monday 🍂";

const pathname = (page: Page) => new URL(page.url()).pathname;
const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** A local date and time in `timeZone`, `minutes` from now, as the composer's inputs take them. */
function localInputs(minutes: number, timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(new Date(Date.now() + minutes * 60_000))
      .map((part) => [part.type, part.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

describe.skipIf(!chromiumPath)(`publish in Chromium${browserSkipNote}`, () => {
  let stack: WebStack;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    stack = await startWebStack({ version: "web-publish-e2e", demoData: true, publishDemo: true });
    page = await stack.browser.newPage({ viewport: { width: 1280, height: 900 }, timezoneId: TIME_ZONE });
    // 400: the over-long post the server refuses on purpose.
    errors = collectConsoleErrors(page, [400]);
    await signInDirectly(page, { serverUrl: stack.server.url, webUrl: stack.webUrl }, { email: USER.email, password: DEMO_PASSWORD });
  });
  afterAll(async () => {
    await stack?.close();
  });

  /**
   * A short test clock, not a real minute: moves the post's targets and their queued publish
   * jobs `seconds` into the past, as if that much time had gone by, so the worker finds them due.
   */
  async function advanceClock(postId: string, seconds: number): Promise<void> {
    const db = stack.server.database.db;
    const targets = await db.publishTarget.findMany({ where: { postId }, select: { id: true } });
    expect(targets.length).toBeGreaterThan(0);
    await db.$executeRawUnsafe(
      `UPDATE publish_targets SET scheduled_at = scheduled_at - make_interval(secs => $2) WHERE post_id = $1::uuid`,
      postId,
      seconds,
    );
    await db.$executeRawUnsafe(
      `UPDATE publish_posts SET scheduled_at = scheduled_at - make_interval(secs => $2) WHERE id = $1::uuid`,
      postId,
      seconds,
    );
    const moved = await db.$executeRawUnsafe(
      `UPDATE ${JOBS_SCHEMA}.job SET start_after = start_after - make_interval(secs => $2)
        WHERE name = 'publish.target' AND singleton_key = ANY($1::text[]) AND state IN ('created', 'retry')`,
      targets.map((target) => target.id),
      seconds,
    );
    expect(moved).toBe(targets.length);
  }

  it("connects the sandbox account, schedules a post and shows it published, live", async () => {
    await page.goto(`${stack.webUrl}/publish`);
    // A first workspace: the demo user may already be in others (Coach's demo), so make one either way.
    const create = page.getByRole("form", { name: "New workspace" });
    const newWorkspace = page.getByRole("button", { name: "New workspace" });
    await create.or(newWorkspace).first().waitFor({ timeout: 20_000 });
    if (await newWorkspace.isVisible()) await newWorkspace.click();
    await create.getByLabel("Workspace name").fill(WORKSPACE);
    await create.getByRole("button", { name: "Create workspace" }).click();
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 15_000 }).toBe("Publish");
    await expect.poll(() => page.getByText(WORKSPACE, { exact: true }).first().isVisible()).toBe(true);
    await page.getByText("No accounts connected yet").waitFor();

    // Connect: the sandbox's consent page (the server's, as a real platform's would be), then back.
    await page.getByRole("button", { name: "Connect Glow Sandbox" }).click();
    await expect.poll(() => pathname(page), { timeout: 15_000 }).toBe("/publish/sandbox/authorize");
    const handleField = page.getByLabel(/handle/i);
    if (await handleField.count()) await handleField.fill(HANDLE);
    await page.getByRole("button", { name: "Allow" }).click();
    await expect.poll(() => pathname(page), { timeout: 15_000 }).toBe("/publish");
    const account = page.locator(`[data-account="${HANDLE}"]`);
    await account.waitFor({ timeout: 15_000 });
    expect(await account.getAttribute("data-status")).toBe("active");
    expect(await page.getByText(`Connected @${HANDLE}.`).isVisible()).toBe(true);

    // Compose: the preview counts against the platform's own limit (X's would be 280), red past it.
    const limit = stack.server.services.platforms.get("sandbox")!.rules.maxLength;
    await page.getByRole("link", { name: "New post" }).first().click();
    await expect.poll(() => pathname(page)).toBe("/publish/new");
    const text = page.getByLabel("Text", { exact: true });
    await text.waitFor({ timeout: 15_000 });
    const preview = page.getByRole("article", { name: `Preview on Glow Sandbox as ${HANDLE}` });
    const counter = preview.locator("[data-character-counter]");
    await text.fill("a".repeat(limit + 1));
    await expect.poll(() => counter.textContent()).toBe(`${limit + 1} / ${limit}`);
    expect(await counter.getAttribute("data-over")).toBe("true");
    expect(await counter.evaluate((node) => getComputedStyle(node).color)).toBe("oklch(0.505 0.213 27.518)"); // red-700
    expect(await preview.textContent()).toContain(`1 characters over Glow Sandbox's ${limit}.`);
    // The server refuses it too, and says so beside the account (targets.0.content), not in a generic alert.
    await page.getByRole("button", { name: "Schedule", exact: true }).click();
    const refusal = page.locator(`[data-target-account="${HANDLE}"] [data-target-problem]`);
    await refusal.waitFor({ timeout: 15_000 });
    expect(await refusal.textContent()).toMatch(/\d/);
    expect(pathname(page)).toBe("/publish/new");

    await text.fill(TEXT);
    // An image, uploaded to its signed URL with its progress shown, then listed with the post.
    await page.getByLabel("Images and videos").setInputFiles(path.join(FIXTURES, "sample.png"));
    await page
      .getByRole("list", { name: "Attached media" })
      .getByText(/^sample\.png · image/)
      .waitFor({ timeout: 15_000 });
    expect(await preview.textContent()).toContain("1 attachment");
    await expect.poll(() => counter.getAttribute("data-over")).toBeNull();
    expect(await counter.textContent()).toBe(`${[...TEXT].length} / ${limit}`);

    // Two minutes ahead in Berlin time (the browser's zone, so the picker's default).
    expect(await page.getByLabel("Time zone", { exact: true }).inputValue()).toBe(TIME_ZONE);
    const when = localInputs(2, TIME_ZONE);
    await page.getByLabel("Date", { exact: true }).fill(when.date);
    await page.getByLabel("Time", { exact: true }).fill(when.time);
    await page.getByRole("button", { name: "Schedule", exact: true }).click();
    await expect.poll(() => pathname(page), { timeout: 15_000 }).toMatch(/^\/publish\/posts\/[0-9a-f-]{36}$/);
    const postId = pathname(page).split("/").pop()!;
    const target = page.locator(`[data-target="${HANDLE}"]`);
    await expect.poll(() => target.getAttribute("data-state"), { timeout: 15_000 }).toBe("scheduled");
    expect(await page.getByText(TEXT).isVisible()).toBe(true);
    expect(await page.getByText("1 attachment").isVisible()).toBe(true);
    // One post, though its first try was refused: the retry updated the draft it had created.
    expect(await stack.server.database.db.publishPost.count({ where: { content: TEXT } })).toBe(1);
    expect(await stack.server.database.db.publishPost.count({ where: { content: { startsWith: "aaaa" } } })).toBe(0);
    await page.screenshot({ path: await screenshotPath("publish-scheduled"), fullPage: true });

    // The page stays open: the state changes arrive over the subscription, nothing reloads it.
    await expect.poll(() => page.getByText("Live", { exact: true }).isVisible(), { timeout: 15_000 }).toBe(true);
    await advanceClock(postId, 180);
    await expect.poll(() => target.getAttribute("data-state"), { timeout: 30_000 }).toBe("published");
    await expect.poll(() => page.locator("[data-post-state]").getAttribute("data-post-state")).toBe("published");
    const link = target.getByRole("link", { name: /see the post/ });
    expect(await link.getAttribute("href")).toMatch(/^https?:\/\//);
    const row = await stack.server.database.db.publishTarget.findFirstOrThrow({ where: { postId } });
    expect(row.state).toBe("published");
    expect(row.externalId).not.toBeNull();

    // The calendar shows it on its day, and the list under Published.
    await page.getByRole("link", { name: "Calendar" }).click();
    const entry = page.locator(`[data-calendar-entry="${postId}"]`);
    await entry.waitFor({ timeout: 15_000 });
    expect(await entry.getAttribute("data-state")).toBe("published");
    expect(await entry.locator("xpath=ancestor::*[@data-day][1]").getAttribute("data-day")).toBe(when.date);
    await page.screenshot({ path: await screenshotPath("publish-calendar"), fullPage: true });
    await page.getByRole("link", { name: "Posts" }).click();
    await page.getByLabel("State").selectOption("published");
    await expect.poll(() => page.locator(`[data-post="${postId}"]`).count(), { timeout: 15_000 }).toBe(1);
    expect(errors, errors.join("\n")).toEqual([]);
  });

  it("fits a phone's width: home, composer, calendar (week and month) and the post", async () => {
    const phone = await stack.browser.newPage({ viewport: { width: 390, height: 844 }, timezoneId: TIME_ZONE, isMobile: true });
    const phoneErrors = collectConsoleErrors(phone);
    await phone.context().addCookies(await page.context().cookies());
    // A new browser profile remembers no workspace: pick the one made above (the header's switcher).
    await phone.goto(`${stack.webUrl}/publish`);
    await phone
      .getByRole("combobox", { name: "Organization" })
      .first()
      .selectOption({ label: `${WORKSPACE} · Owner` });
    for (const path of ["/publish", "/publish/new", "/publish/posts", "/publish/calendar"]) {
      await phone.goto(`${stack.webUrl}${path}`);
      await phone.getByRole("heading", { level: 1 }).first().waitFor({ timeout: 20_000 });
      await expect
        .poll(
          () =>
            phone
              .getByRole("status")
              .filter({ hasText: /Loading/ })
              .count(),
          { timeout: 15_000 },
        )
        .toBe(0);
      expect(await horizontalOverflow(phone), path).toBeLessThanOrEqual(0);
    }
    // The month at 390 px: counts, and a day's count opens its week.
    await phone.getByRole("radio", { name: "Month" }).check({ force: true });
    await phone.locator('[data-calendar="month"]').waitFor();
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    await phone.screenshot({ path: await screenshotPath("publish-phone-month"), fullPage: true });
    await phone.locator('[data-calendar="month"] button[aria-label^="Open the week of"]').first().click();
    await phone.locator('[data-calendar="week"]').waitFor();
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    expect(phoneErrors, phoneErrors.join("\n")).toEqual([]);
    await phone.close();
  });
});
