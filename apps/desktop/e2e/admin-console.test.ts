// The admin console in Chromium against a real server and database (the stub bridge in
// support.ts plays main's part): curation with CSV import, the metrics dashboard, the
// request log explorer, sessions, the command palette, CSV export, and offline writes.
import { browserSkipNote, chromiumPath, screenshotPath } from "@glow/browser-testing";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@glow/db";
import { callTrpc } from "@glow/server/testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAppSignedIn, type OpenedApp, startDesktopStack, type DesktopStack } from "./support.ts";

const [ADMIN, USER] = DEMO_ACCOUNTS;
const VIEWPORT = { width: 1440, height: 900 };

describe.skipIf(!chromiumPath)(`admin console in Chromium${browserSkipNote}`, () => {
  let stack: DesktopStack;

  beforeAll(async () => {
    stack = await startDesktopStack({ demoData: true, requestLog: true });
  });
  afterAll(async () => {
    await stack?.close();
  });

  function openAsAdmin(): Promise<OpenedApp> {
    return openAppSignedIn(
      stack.browser,
      stack.pageUrl,
      stack.server.url,
      { email: ADMIN.email, password: DEMO_PASSWORD },
      { viewport: VIEWPORT },
    );
  }

  async function goTo(page: Page, section: string): Promise<void> {
    await page.getByRole("navigation", { name: "Sections" }).getByRole("link", { name: section }).click();
  }

  const db = () => stack.server.database.db;

  it("imports creators from a CSV: a preview with the bad row's error, then the valid rows", async () => {
    const { page, problems } = await openAsAdmin();
    await goTo(page, "Curation");
    await page.getByRole("navigation", { name: "Catalog" }).getByRole("link", { name: "Creators" }).click();
    await expect.poll(() => page.locator("[data-creator]").count(), { timeout: 10_000 }).toBe(60);

    const csv = [
      "Handle,Display name,Category,Is toxic,Toxicity reason",
      "fresh.one,Fresh One,cooking,no,",
      "fresh.two,Fresh Two,nowhere,no,",
      "fresh.three,Fresh Three,music,yes,Rage bait",
    ].join("\n");
    await page.getByLabel("CSV file of creators").setInputFiles({ name: "creators.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    const summary = page.getByTestId("import-summary");
    await expect.poll(() => summary.textContent(), { timeout: 10_000 }).toContain("3 rows, 2 valid, 1 with errors");
    const badRow = page.locator('[data-import-row="2"]');
    expect(await badRow.getAttribute("data-ok")).toBe("false");
    expect(await badRow.textContent()).toContain('category: No category "nowhere"');
    expect(await page.locator('[data-import-row="1"]').getAttribute("data-ok")).toBe("true");
    // A preview imports nothing.
    expect(await db().curatedCreator.count({ where: { handle: { startsWith: "fresh." } } })).toBe(0);
    await page.screenshot({ path: await screenshotPath("desktop-curation-import"), fullPage: true });

    await page.getByRole("button", { name: "Import 2 valid rows" }).click();
    await expect.poll(() => summary.textContent(), { timeout: 10_000 }).toContain("Imported 2 creators; 1 row was skipped");
    const imported = await db().curatedCreator.findMany({ where: { handle: { startsWith: "fresh." } }, orderBy: { handle: "asc" } });
    expect(imported.map((creator) => [creator.handle, creator.isToxic])).toEqual([
      ["fresh.one", false],
      ["fresh.three", true],
    ]);
    await expect.poll(() => page.locator("[data-creator]").count(), { timeout: 10_000 }).toBe(62);
    expect(problems, problems.join("\n")).toEqual([]);
    await page.close();
  });

  it("edits a category inline, sorts and filters the table, archives two at once, and exports what it shows", async () => {
    const { page, problems } = await openAsAdmin();
    await goTo(page, "Curation");
    const table = page.getByRole("table", { name: "Categories" });
    await expect.poll(() => table.locator("[data-category]").count(), { timeout: 10_000 }).toBe(10);

    // Inline edit, by keyboard: Edit, type, Enter.
    await page.getByRole("button", { name: "Edit: Name of Cooking" }).click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type("Cooking and kitchen");
    await page.keyboard.press("Enter");
    await expect
      .poll(async () => (await db().category.findUniqueOrThrow({ where: { slug: "cooking" } })).name, { timeout: 10_000 })
      .toBe("Cooking and kitchen");
    await expect.poll(() => table.locator('[data-category="cooking"] th').textContent()).toContain("Cooking and kitchen");

    // Sort by videos (descending on the second click) and filter.
    const videosHeader = table.getByRole("columnheader", { name: "Videos" });
    await videosHeader.getByRole("button").click();
    await videosHeader.getByRole("button").click();
    expect(await videosHeader.getAttribute("aria-sort")).toBe("descending");
    await page.getByLabel("Filter categories").fill("music");
    await expect.poll(() => table.locator("[data-category]").count()).toBe(1);
    await page.getByLabel("Filter categories").fill("");

    // Two at once.
    await page.getByRole("checkbox", { name: "Select Art & design" }).check();
    await page.getByRole("checkbox", { name: "Select Books & writing" }).check();
    await page.getByRole("button", { name: "Archive 2 selected" }).click();
    await expect
      .poll(
        async () =>
          (await db().category.findMany({ where: { archivedAt: { not: null } }, select: { slug: true }, orderBy: { slug: "asc" } })).map(
            (c) => c.slug,
          ),
        { timeout: 10_000 },
      )
      .toEqual(["art", "books"]);
    await expect.poll(() => table.locator("[data-category]").count(), { timeout: 10_000 }).toBe(8);

    // Export through the bridge (the native save dialog in the app).
    await page.getByRole("button", { name: "Export CSV" }).click();
    await expect
      .poll(() => page.getByTestId("export-message").textContent())
      .toMatch(/^Exported 8 rows to \/home\/test\/Downloads\/glow-categories-\d{4}-\d{2}-\d{2}\.csv$/);
    const saved = await page.evaluate(() => window.glowTest!.savedCsv.at(-1)!);
    const lines = saved.csv.trim().split("\r\n");
    expect(lines[0]).toBe("Name,Slug,Emoji,Description,Creators,Videos,Status");
    expect(lines).toHaveLength(9);
    expect(lines.some((line) => line.startsWith("Cooking and kitchen,cooking,"))).toBe(true);
    expect(problems, problems.join("\n")).toEqual([]);
    await page.close();
  });

  it("shows the metrics dashboard, with charts and a system panel that refreshes itself", async () => {
    const { page, problems } = await openAsAdmin();
    await goTo(page, "Metrics");
    for (const chart of [
      "Daily active people",
      "People who finished each day",
      "Steps completed, share of plans",
      "Requests by hour",
      "p95 latency by hour, in milliseconds",
    ]) {
      await page.locator(`figure[data-chart="${chart}"]`).waitFor({ timeout: 10_000 });
    }
    await expect
      .poll(() => page.locator('figure[data-chart="Requests by hour"] svg .recharts-bar-rectangle').count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    expect(Number(await page.locator('[data-stat="Total users"]').textContent())).toBe(2);
    const updated = page.getByTestId("system-updated");
    const first = await updated.textContent();
    await expect.poll(() => updated.textContent(), { timeout: 12_000, interval: 500 }).not.toBe(first);
    await page.screenshot({ path: await screenshotPath("desktop-metrics"), fullPage: true });
    expect(problems, problems.join("\n")).toEqual([]);
    await page.close();
  });

  it("filters the request log and opens one request by its id", async () => {
    // Two requests with ids we know: one answered, one refused.
    await callTrpc(stack.server.url, "system.info", { headers: { "x-request-id": "e2e-known-request-0001" } });
    await callTrpc(stack.server.url, "admin.users.list", { input: {}, headers: { "x-request-id": "e2e-refused-request-0001" } });
    await expect.poll(() => db().requestLog.count({ where: { requestId: { startsWith: "e2e-" } } }), { timeout: 5_000 }).toBe(2);

    const { page, problems } = await openAsAdmin();
    await goTo(page, "Request log");
    const table = page.getByRole("table", { name: "Requests" });
    await table.waitFor({ timeout: 10_000 });
    await page.getByLabel("Status").selectOption("4xx");
    await page.getByLabel("Procedure starts with").fill("admin.users");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect
      .poll(() => table.locator("[data-request-id]").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-request-id"))), {
        timeout: 10_000,
      })
      .toEqual(["e2e-refused-request-0001"]);

    await page.getByLabel("Request id").fill("e2e-known-request-0001");
    await page.getByRole("button", { name: "Open", exact: true }).click();
    const detail = page.getByRole("region", { name: "Request e2e-known-request-0001" });
    await detail.locator('[data-call="system.info"]').waitFor({ timeout: 10_000 });
    expect(await detail.locator('[data-call="system.info"]').textContent()).toContain("200");
    await page.screenshot({ path: await screenshotPath("desktop-requests"), fullPage: true });

    // A row's request id opens it too.
    await table.getByRole("button", { name: "Open request e2e-refused-request-0001" }).click();
    await page
      .getByRole("region", { name: "Request e2e-refused-request-0001" })
      .locator('[data-call="admin.users.list"]')
      .waitFor({ timeout: 10_000 });
    expect(problems, problems.join("\n")).toEqual([]);
    await page.close();
  });

  it("shows a user's sessions and revokes one", async () => {
    const login = await callTrpc(stack.server.url, "auth.login", {
      type: "mutation",
      input: { email: USER.email, password: DEMO_PASSWORD, delivery: "token" },
    });
    const token = (login.data as { token: string }).token;
    const member = await db().user.findUniqueOrThrow({ where: { email: USER.email } });
    const sessions = () => db().session.count({ where: { userId: member.id } });
    const before = await sessions();

    const { page, problems } = await openAsAdmin();
    await goTo(page, "Users");
    await page.getByLabel("Search by name or email").fill(USER.email);
    const list = page.getByRole("table", { name: "Users" });
    await expect.poll(() => list.getByRole("button").count(), { timeout: 10_000 }).toBe(1);
    await list.getByRole("button", { name: new RegExp(USER.name) }).click();
    const sessionList = page.getByRole("region", { name: USER.name, exact: true }).getByRole("list", { name: "Sessions" });
    await expect.poll(() => sessionList.getByRole("listitem").count(), { timeout: 10_000 }).toBe(before);
    await sessionList
      .getByRole("button", { name: /^Revoke / })
      .first()
      .click();
    await expect.poll(() => sessions(), { timeout: 10_000 }).toBe(before - 1);
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Revoked the session" }).count()).toBe(1);
    expect((await callTrpc(stack.server.url, "auth.me", { token })).data).toBeNull();
    expect(problems, problems.join("\n")).toEqual([]);
    await page.close();
  });

  it("jumps to a screen with the command palette, by keyboard alone, and follows the native menu's commands", async () => {
    const { page, problems } = await openAsAdmin();
    await page.keyboard.press("ControlOrMeta+K");
    const palette = page.getByRole("dialog", { name: "Command palette" });
    await palette.waitFor();
    await page.keyboard.type("audit");
    await expect.poll(() => palette.getByRole("option").allTextContents()).toEqual([expect.stringContaining("Audit log")]);
    await page.screenshot({ path: await screenshotPath("desktop-command-palette") });
    await page.keyboard.press("Enter");
    await palette.waitFor({ state: "hidden" });
    const audit = page.getByRole("region", { name: "Audit log" });
    await audit.waitFor();
    // The admin's own sign-ins are in it.
    await expect.poll(() => audit.locator('[data-action="auth.login.succeeded"]').count(), { timeout: 10_000 }).toBeGreaterThan(0);

    // Escape closes the palette and leaves the screen as it was.
    await page.keyboard.press("ControlOrMeta+K");
    await palette.waitFor();
    await page.keyboard.press("Escape");
    await palette.waitFor({ state: "hidden" });
    await audit.waitFor();

    // What the menu's View › Metrics (Ctrl/Cmd+4) sends.
    await page.evaluate(() => window.glowTest!.command({ type: "navigate", screen: "metrics" }));
    await page.getByRole("heading", { name: "Metrics" }).waitFor();
    expect(problems, problems.join("\n")).toEqual([]);
    await page.close();
  });

  it("says when the server cannot be reached, keeps showing what it had, and queues an edit until it is back", async () => {
    const { page, problems } = await openAsAdmin();
    await goTo(page, "Curation");
    const table = page.getByRole("table", { name: "Categories" });
    await expect.poll(() => table.locator("[data-category]").count(), { timeout: 10_000 }).toBeGreaterThan(0);

    await page.evaluate(() => (window.glowTest!.offline = true));
    await page.getByRole("button", { name: "Edit: Description of Mindfulness" }).click();
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type("Calm and focus");
    await page.keyboard.press("Enter");
    await page.getByRole("status", { name: "Offline" }).waitFor({ timeout: 10_000 });
    await expect.poll(() => page.getByRole("status").filter({ hasText: "Queued:" }).count()).toBe(1);
    // The table stays, with the queued change on its row.
    expect(await table.locator('[data-category="mindfulness"]').textContent()).toContain("Calm and focus");
    expect(await table.locator('[data-category="mindfulness"]').textContent()).toContain("Queued");
    expect((await db().category.findUniqueOrThrow({ where: { slug: "mindfulness" } })).description).not.toBe("Calm and focus");
    await goTo(page, "Queued changes");
    await expect.poll(() => page.getByRole("list", { name: "Queued changes" }).getByRole("listitem").count()).toBe(1);
    await page.screenshot({ path: await screenshotPath("desktop-offline-queue") });

    await page.evaluate(() => (window.glowTest!.offline = false));
    await page.getByRole("button", { name: "Try again" }).click();
    await expect
      .poll(async () => (await db().category.findUniqueOrThrow({ where: { slug: "mindfulness" } })).description, { timeout: 10_000 })
      .toBe("Calm and focus");
    await page.getByText("Nothing is waiting to be sent").waitFor({ timeout: 10_000 });
    await page.getByRole("status", { name: "Offline" }).waitFor({ state: "hidden", timeout: 10_000 });
    expect(problems, problems.join("\n")).toEqual([]);
    await page.close();
  });
});
