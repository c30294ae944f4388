// The desktop's Publish calendar in Chromium against a real server and database (the preload
// bridge stubbed, see support.ts): a workspace owner finds a published post on today's square
// in the time zone they pick, opens it to see its account's state and link, switches to the
// month, and adds a weekly posting slot that the server stores.
import { browserSkipNote, chromiumPath, screenshotPath } from "@glow/browser-testing";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@glow/db";
import { todayIn } from "@glow/ui";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAppSignedIn, startDesktopStack, type DesktopStack } from "./support.ts";

const [, USER] = DEMO_ACCOUNTS;
const WORKSPACE = "Corner Bakery";
const HANDLE = "corner_bakery";
const ZONE = "Pacific/Auckland";

describe.skipIf(!chromiumPath)(`the desktop's Publish calendar in Chromium${browserSkipNote}`, () => {
  let stack: DesktopStack;
  let orgId: string;
  let postId: string;
  const publishedAt = new Date(Date.now() - 60_000);

  beforeAll(async () => {
    stack = await startDesktopStack({ demoData: true });
    const db = stack.server.database.db;
    const user = await db.user.findUniqueOrThrow({ where: { email: USER.email } });
    const org = await db.organization.create({ data: { name: WORKSPACE, slug: "corner-bakery" } });
    orgId = org.id;
    await db.orgMembership.create({ data: { orgId, userId: user.id, role: "owner" } });
    const secrets = stack.server.services.secrets;
    const account = await db.publishAccount.create({
      data: {
        orgId,
        platform: "sandbox",
        externalId: "sandbox-corner-bakery",
        handle: HANDLE,
        displayName: "Corner Bakery (Sandbox)",
        accessToken: secrets.encrypt("test-access-token", "publish_accounts.access_token"),
        scopes: ["publish"],
        connectedById: user.id,
      },
    });
    const post = await db.publishPost.create({
      data: { orgId, authorId: user.id, content: "Fresh sourdough at seven", timeZone: ZONE, scheduledAt: publishedAt },
    });
    postId = post.id;
    await db.publishTarget.create({
      data: {
        orgId,
        postId,
        accountId: account.id,
        state: "published",
        scheduledAt: publishedAt,
        publishedAt,
        externalId: "sbx-post-1",
        externalUrl: `${stack.server.url}/publish/sandbox/posts/sbx-post-1`,
        attempts: 1,
      },
    });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("shows the workspace's posts by day in the chosen zone, opens one, and saves a posting slot", async () => {
    const { page, problems } = await openAppSignedIn(stack.browser, stack.pageUrl, stack.server.url, {
      email: USER.email,
      password: DEMO_PASSWORD,
    });
    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: "Publish calendar" }).click();
    const calendar = page.getByRole("region", { name: "Calendar", exact: true });
    await calendar.waitFor({ timeout: 15_000 });
    expect(await page.getByRole("combobox", { name: "Organization" }).inputValue()).toBe(orgId);

    // Auckland is far enough from UTC that the day can differ: the post sits on Auckland's today.
    await calendar.getByRole("combobox", { name: "Time zone" }).selectOption(ZONE);
    const entry = calendar.locator(`[data-calendar-entry="${postId}"]`);
    await expect.poll(() => entry.count(), { timeout: 15_000 }).toBe(1);
    // Polled: until the answer for the new zone arrives, the entry still sits on the old zone's day.
    await expect
      .poll(() => entry.locator("xpath=ancestor::*[@data-day][1]").getAttribute("data-day"), { timeout: 15_000 })
      .toBe(todayIn(ZONE, publishedAt));
    expect(await entry.getAttribute("data-state")).toBe("published");

    await entry.click();
    const panel = page.locator(`[data-post-panel="${postId}"]`);
    await panel.waitFor({ timeout: 10_000 });
    expect(await panel.textContent()).toContain("Fresh sourdough at seven");
    const target = panel.locator(`[data-target="${HANDLE}"]`);
    expect(await target.getAttribute("data-state")).toBe("published");
    expect(await target.getByRole("link", { name: /see the post/ }).getAttribute("href")).toContain("/publish/sandbox/posts/sbx-post-1");

    await calendar.getByRole("radio", { name: "Month" }).check({ force: true });
    await calendar.locator('[data-calendar="month"]').waitFor();
    await page.screenshot({ path: await screenshotPath("desktop-publish-calendar"), fullPage: true });

    const slots = page.locator("[data-slots-editor]");
    await slots.getByText("No posting slots yet").waitFor({ timeout: 10_000 });
    await slots.getByRole("combobox", { name: "Day" }).selectOption("2");
    await slots.getByLabel("Time", { exact: true }).fill("07:30");
    await slots.getByRole("button", { name: "Add slot" }).click();
    await slots.getByRole("combobox", { name: "Slots' time zone" }).selectOption(ZONE);
    await slots.getByRole("button", { name: "Save slots" }).click();
    await slots.getByText("Posting slots saved.").waitFor({ timeout: 10_000 });
    const stored = await stack.server.database.db.publishSlot.findMany({ where: { orgId } });
    expect(stored.map(({ weekday, minuteOfDay, timeZone }) => ({ weekday, minuteOfDay, timeZone }))).toEqual([
      { weekday: 2, minuteOfDay: 7 * 60 + 30, timeZone: ZONE },
    ]);
    expect(problems, problems.join("\n")).toEqual([]);
    await page.close();
  });
});
