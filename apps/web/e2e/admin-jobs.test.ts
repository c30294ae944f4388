// /admin/jobs in Chromium against a real server: an admin finds the dead-letter job (also
// counted on the metrics page), retries it and sees the list empty; a person without read:jobs
// gets no Jobs link and is refused the page.
import { defineJob } from "@glow/api";
import { browserSkipNote, chromiumPath, screenshotPath } from "@glow/browser-testing";
import { DEMO_PASSWORD } from "@glow/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectConsoleErrors, signInDirectly, startWebStack, type WebStack } from "./stack.ts";

// A queue no worker runs: the job stays dead-lettered until the admin retries it.
const doomed = defineJob<{ order: number }>({
  queue: "test.web-doomed",
  retryLimit: 0,
  run: async ({ order }) => {
    throw new Error(`order ${order} cannot be packed`);
  },
});

describe.skipIf(!chromiumPath)(`the web admin's Jobs page in Chromium${browserSkipNote}`, () => {
  let stack: WebStack;
  let deadId: string;

  beforeAll(async () => {
    stack = await startWebStack({ version: "web-e2e", demoData: true });
    const { services } = stack.server;
    deadId = (await services.jobs.send(doomed, { order: 7 }))!;
    await services.jobs.runDue(doomed, services);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("shows an admin the dead letter, on the metrics page too, and retries it", async () => {
    const page = await stack.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectConsoleErrors(page);
    await signInDirectly(page, { serverUrl: stack.server.url, webUrl: stack.webUrl }, { email: "admin@glow.dev", password: DEMO_PASSWORD });

    await page.goto(`${stack.webUrl}/admin/metrics`);
    await expect.poll(() => page.locator('[data-stat="Dead-letter jobs"]').textContent(), { timeout: 15_000 }).toBe("1");

    await page.getByRole("link", { name: "Jobs" }).click();
    await page.getByRole("heading", { level: 1, name: "Jobs" }).waitFor();
    const row = page.getByRole("table", { name: "Failed (dead letter) jobs" }).locator(`tr[data-job="${deadId}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain("order 7 cannot be packed");
    expect(await page.locator('tr[data-queue="test.web-doomed"]').textContent()).toContain("1");
    await page.screenshot({ path: await screenshotPath("web-admin-jobs"), fullPage: true });

    await row.getByRole("button", { name: "Retry" }).click();
    await expect.poll(() => page.getByRole("status").allTextContents(), { timeout: 10_000 }).toContain("The job was queued again");
    await page.getByText("No dead letters: every job finished or is still trying").waitFor({ timeout: 10_000 });
    expect((await stack.server.services.jobs.get(deadId))?.state).not.toBe("failed");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("gives a person without read:jobs no Jobs link and refuses the page", async () => {
    const page = await stack.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors = collectConsoleErrors(page, [403]);
    await signInDirectly(page, { serverUrl: stack.server.url, webUrl: stack.webUrl }, { email: "user@glow.dev", password: DEMO_PASSWORD });
    await page.goto(`${stack.webUrl}/admin/jobs`);
    await page.getByText("You do not have access").waitFor({ timeout: 15_000 });
    expect(await page.getByRole("link", { name: "Jobs" }).count()).toBe(0);
    expect(await page.getByRole("table", { name: "Queues" }).count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
