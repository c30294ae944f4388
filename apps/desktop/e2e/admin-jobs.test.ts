// The Jobs screen, in Chromium against a real server and database: an admin sees the queues
// with their dead letters, the dead-letter job with its error, retries it, filters to waiting
// jobs and cancels one; a person without read:jobs has no such screen.
import { defineJob } from "@glow/api";
import { browserSkipNote, chromiumPath, screenshotPath } from "@glow/browser-testing";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@glow/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAppSignedIn, startDesktopStack, type DesktopStack } from "./support.ts";

const [ADMIN, USER] = DEMO_ACCOUNTS;
// Queues no worker runs: the jobs stay where the test puts them.
const doomed = defineJob<{ order: number }>({
  queue: "test.desktop-doomed",
  retryLimit: 0,
  run: async ({ order }) => {
    throw new Error(`order ${order} cannot be packed`);
  },
});
const later = defineJob<{ note: string }>({ queue: "test.desktop-later", run: async () => {} });

describe.skipIf(!chromiumPath)(`the desktop's Jobs screen in Chromium${browserSkipNote}`, () => {
  let stack: DesktopStack;
  let deadId: string;
  let laterId: string;

  beforeAll(async () => {
    stack = await startDesktopStack({ demoData: true });
    const { jobs } = stack.server.services;
    deadId = (await jobs.send(doomed, { order: 42 }))!;
    await jobs.runDue(doomed, stack.server.services);
    laterId = (await jobs.send(later, { note: "tomorrow" }, { startAfter: new Date(Date.now() + 86_400_000) }))!;
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("lets an admin see the dead letters, retry one, and cancel a waiting job", async () => {
    const { page, problems } = await openAppSignedIn(stack.browser, stack.pageUrl, stack.server.url, {
      email: ADMIN.email,
      password: DEMO_PASSWORD,
    });
    await page.getByRole("link", { name: "Jobs" }).click();
    const queues = page.getByRole("table", { name: "Queues" });
    const doomedQueue = queues.locator('tr[data-queue="test.desktop-doomed"]');
    await expect.poll(() => doomedQueue.getByRole("cell").allTextContents(), { timeout: 10_000 }).toEqual(["0", "0", "0", "1", "0", "—"]);
    expect(await page.getByText("1 dead-letter job").isVisible()).toBe(true);

    const list = page.getByRole("table", { name: "Failed (dead letter) jobs" });
    const dead = list.locator(`tr[data-job="${deadId}"]`);
    await dead.waitFor({ timeout: 10_000 });
    expect(await dead.textContent()).toContain("order 42 cannot be packed");
    await page.screenshot({ path: await screenshotPath("desktop-admin-jobs"), fullPage: true });
    await dead.getByRole("button", { name: "Retry" }).click();
    await expect.poll(() => page.getByRole("status").allTextContents(), { timeout: 10_000 }).toContain("The job was queued again");
    expect((await stack.server.services.jobs.get(deadId))?.state).not.toBe("failed");
    await expect.poll(() => list.locator("tbody tr[data-job]").count(), { timeout: 10_000 }).toBe(0);
    expect(await page.getByText("No dead letters: every job finished or is still trying").isVisible()).toBe(true);

    await page.getByRole("combobox", { name: "State" }).selectOption("created");
    await page.getByRole("combobox", { name: "Queue" }).selectOption("test.desktop-later");
    const waiting = page.getByRole("table", { name: "Waiting jobs in test.desktop-later" });
    const row = waiting.locator(`tr[data-job="${laterId}"]`);
    await row.waitFor({ timeout: 10_000 });
    await row.getByRole("button", { name: "Cancel" }).click();
    await expect.poll(() => page.getByRole("status").allTextContents(), { timeout: 10_000 }).toContain("The job was cancelled");
    expect((await stack.server.services.jobs.get(laterId))?.state).toBe("cancelled");
    expect(problems, problems.join("\n")).toEqual([]);
    await page.close();
  });

  it("shows no Jobs screen to a person without read:jobs", async () => {
    const { page, problems } = await openAppSignedIn(stack.browser, stack.pageUrl, stack.server.url, {
      email: USER.email,
      password: DEMO_PASSWORD,
    });
    expect(await page.getByRole("link", { name: "Jobs" }).count()).toBe(0);
    await page.evaluate(() => window.glowTest!.command({ type: "navigate", screen: "jobs" }));
    await page.getByText("You need admin access").waitFor();
    expect(await page.getByRole("table", { name: "Queues" }).count()).toBe(0);
    expect(problems, problems.join("\n")).toEqual([]);
    await page.close();
  });
});
