// Permissions are data: an admin makes a role on the Roles page, ticks read:metrics:any for
// it, and its holder sees the metrics page; unticking takes the page away on their next load.
import { browserSkipNote, chromiumPath } from "@glow/browser-testing";
import { DEMO_PASSWORD } from "@glow/db";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectConsoleErrors, signInDirectly, startWebStack, type WebStack } from "./stack.ts";

describe.skipIf(!chromiumPath)(`granting a role a permission, in Chromium${browserSkipNote}`, () => {
  let stack: WebStack;

  beforeAll(async () => {
    stack = await startWebStack({ version: "web-e2e", demoData: true });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const permissionBox = (page: Page, role: string) =>
    page.getByRole("group", { name: `Permissions of ${role}` }).getByRole("checkbox", { name: "read:metrics:any" });

  async function seesMetrics(page: Page): Promise<boolean> {
    await page.goto(`${stack.webUrl}/admin/metrics`);
    const heading = page.getByRole("heading", { level: 1, name: "Metrics" });
    const refused = page.getByText("You do not have access");
    await expect.poll(async () => (await heading.count()) + (await refused.count()), { timeout: 15_000 }).toBe(1);
    return (await heading.count()) === 1;
  }

  it("an admin creates a role, grants it read:metrics, and its holder sees the metrics page until it is revoked", async () => {
    const admin = await stack.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const adminErrors = collectConsoleErrors(admin);
    await signInDirectly(
      admin,
      { serverUrl: stack.server.url, webUrl: stack.webUrl },
      { email: "admin@glow.dev", password: DEMO_PASSWORD },
    );
    await admin.goto(`${stack.webUrl}/admin/roles`);
    await admin.getByLabel("Name").fill("metrics-viewer");
    await admin.getByRole("button", { name: "Add role" }).click();
    await expect.poll(() => permissionBox(admin, "metrics-viewer").count(), { timeout: 10_000 }).toBe(1);
    expect(await permissionBox(admin, "metrics-viewer").isChecked()).toBe(false);
    expect(await permissionBox(admin, "admin").isChecked()).toBe(true);
    // Ticked once the server has granted it (the box shows what the role holds, not what was clicked).
    await permissionBox(admin, "metrics-viewer").click();
    await expect.poll(() => permissionBox(admin, "metrics-viewer").isChecked(), { timeout: 10_000 }).toBe(true);

    // The web app has no users page yet: the role is given to the person as the desktop's Users screen would.
    const db = stack.server.database.db;
    const role = await db.role.findUniqueOrThrow({ where: { name: "metrics-viewer" } });
    const person = await db.user.findUniqueOrThrow({ where: { email: "user@glow.dev" } });
    await db.userRole.create({ data: { userId: person.id, roleId: role.id } });

    const viewer = await stack.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const viewerErrors = collectConsoleErrors(viewer, [403]);
    await signInDirectly(
      viewer,
      { serverUrl: stack.server.url, webUrl: stack.webUrl },
      { email: "user@glow.dev", password: DEMO_PASSWORD },
    );
    expect(await seesMetrics(viewer)).toBe(true);
    await expect
      .poll(() => viewer.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Metrics" }).count(), { timeout: 10_000 })
      .toBe(1);

    await permissionBox(admin, "metrics-viewer").click();
    await expect.poll(() => permissionBox(admin, "metrics-viewer").isChecked(), { timeout: 10_000 }).toBe(false);
    expect(await seesMetrics(viewer)).toBe(false);
    expect(await viewer.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Metrics" }).count()).toBe(0);

    expect(adminErrors).toEqual([]);
    expect(viewerErrors).toEqual([]);
    await admin.close();
    await viewer.close();
  });
});
