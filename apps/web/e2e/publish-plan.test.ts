// Publish's plan & usage in Chromium: a free workspace at its monthly limit of scheduled posts
// is refused in the composer with a notice that names the limit and leads to the plan page;
// it upgrades to Pro through the payments sandbox's own checkout page, comes back, sees Pro
// once the signed webhook has landed, and can schedule again.
import { sandboxPlatform } from "@glow/api";
import { browserSkipNote, chromiumPath } from "@glow/browser-testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectConsoleErrors, signInDirectly, startWebStack, type WebStack } from "./stack.ts";

const PERSON = { name: "Frida Free", email: "frida@publish-plan-e2e.test", password: "publish-plan-e2e-password" };
const WORKSPACE = "Frida's Ceramics";
const HANDLE = "fridaceramics";

const pathname = (page: Page) => new URL(page.url()).pathname;
const currentPlan = (page: Page) => page.locator("[data-current-plan]").getAttribute("data-current-plan", { timeout: 20_000 });

describe.skipIf(!chromiumPath)(`publish's plan and its limits in Chromium${browserSkipNote}`, () => {
  let stack: WebStack;
  let page: Page;
  let errors: string[];
  let orgId = "";

  beforeAll(async () => {
    stack = await startWebStack({ publishDemo: true });
    page = await stack.browser.newPage({ viewport: { width: 1280, height: 900 } });
    // The composer's refusal at the limit is a 403 the screen shows on purpose.
    errors = collectConsoleErrors(page, [403]);
    await signInDirectly(page, { serverUrl: stack.server.url, webUrl: stack.webUrl }, PERSON);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("a new workspace is on Free, with its usage and the plans to move to", async () => {
    await page.goto(`${stack.webUrl}/publish/plan`);
    await page.getByLabel("Workspace name").fill(WORKSPACE, { timeout: 20_000 });
    await page.getByRole("button", { name: "Create workspace" }).click();
    await expect.poll(() => currentPlan(page)).toBe("free");
    const db = stack.server.database.db;
    orgId = (await db.organization.findFirstOrThrow({ where: { name: WORKSPACE } })).id;

    expect(await page.locator('[data-metric="scheduledPosts"] [data-usage]').textContent()).toBe("0 / 10");
    expect(await page.locator('[data-plan="free"]').getAttribute("data-current")).toBe("true");
    expect(await page.getByRole("button", { name: "Upgrade to Pro" }).count()).toBe(1);
    expect(await page.locator('[data-plan="enterprise"]').textContent()).toContain("Unlimited");
    expect(errors, errors.join("\n")).toEqual([]);
  });

  it("scheduling past the month's limit shows the notice with the way to the plan page", async () => {
    expect(orgId).not.toBe("");
    const { db, secrets, platforms } = stack.server.services;
    const owner = await db.user.findUniqueOrThrow({ where: { email: PERSON.email } });
    // A connected sandbox account, and this month's ten scheduled posts already used.
    const sandbox = sandboxPlatform(platforms)!;
    const profile = { externalId: `sbx_${HANDLE}`, handle: HANDLE, displayName: "Frida's Ceramics (Sandbox)" };
    const tokens = sandbox.mintTokens(profile);
    await db.publishAccount.create({
      data: {
        orgId,
        platform: "sandbox",
        ...profile,
        accessToken: secrets.encrypt(tokens.accessToken, "publish_accounts.access_token"),
        refreshToken: tokens.refreshToken ? secrets.encrypt(tokens.refreshToken, "publish_accounts.refresh_token") : null,
        tokenExpiresAt: tokens.expiresAt,
        scopes: tokens.scopes,
        connectedById: owner.id,
      },
    });
    const now = new Date();
    const period = `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, "0")}`;
    await db.$executeRaw`INSERT INTO usage_counters (org_id, metric, period, count, updated_at) VALUES (${orgId}::uuid, 'scheduledPosts', ${period}, 10, now())`;

    await page.goto(`${stack.webUrl}/publish/new`);
    await page.getByLabel("Text", { exact: true }).fill("New glazes are out of the kiln!", { timeout: 20_000 });
    await page.getByRole("button", { name: "Schedule", exact: true }).click();
    const notice = page.locator("[data-plan-limit]");
    await expect
      .poll(() => notice.textContent(), { timeout: 15_000 })
      .toContain("Your Free plan allows 10 scheduled posts a month. Upgrade to Basic for 60.");
    expect(await db.publishTarget.count({ where: { orgId, state: "scheduled" } })).toBe(0);

    // The composer's AI caption button: three suggestions, then refused at the month's five with the same way out.
    await page.getByRole("button", { name: "AI caption" }).click();
    const popover = page.getByRole("dialog", { name: "AI caption suggestions" });
    await popover.getByRole("button", { name: "Suggest" }).click();
    await expect
      .poll(() => popover.getByRole("list", { name: "Caption suggestions" }).getByRole("button").count(), { timeout: 15_000 })
      .toBe(3);
    await db.$executeRaw`INSERT INTO usage_counters (org_id, metric, period, count, updated_at) VALUES (${orgId}::uuid, 'aiCaptions', ${period}, 5, now())
      ON CONFLICT (org_id, metric, period) DO UPDATE SET count = 5`;
    await popover.getByRole("button", { name: "Again" }).click();
    await expect
      .poll(() => popover.locator("[data-plan-limit]").textContent(), { timeout: 15_000 })
      .toContain("Your Free plan allows 5 AI captions a month.");
    expect(await popover.getByRole("link", { name: "See plans and upgrade" }).count()).toBe(1);
    await page.keyboard.press("Escape");

    await notice.getByRole("link", { name: "See plans and upgrade" }).click();
    await expect.poll(() => pathname(page)).toBe("/publish/plan");
    await expect.poll(() => page.locator('[data-metric="scheduledPosts"]').getAttribute("data-full", { timeout: 20_000 })).toBe("true");
    expect(await page.locator('[data-metric="scheduledPosts"] [data-usage]').textContent()).toBe("10 / 10");
    expect(
      errors.filter((line) => !line.includes("status of 403")),
      errors.join("\n"),
    ).toEqual([]);
  });

  it("upgrades to Pro through the sandbox checkout page and comes back on Pro, then schedules", async () => {
    await page.getByRole("button", { name: "Upgrade to Pro" }).click();
    // The payments sandbox's page, served by the Glow server itself.
    await expect.poll(() => page.url(), { timeout: 15_000 }).toContain("/payments/sandbox/checkout/");
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toBe("Sandbox checkout");
    expect(await page.textContent("body")).toContain("Pro plan: $29.00 a month");
    await page.getByRole("button", { name: "Pay" }).click();

    await expect.poll(() => `${pathname(page)}${new URL(page.url()).search}`, { timeout: 15_000 }).toBe("/publish/plan?checkout=success");
    await expect.poll(() => currentPlan(page)).toBe("pro");
    await expect.poll(() => page.getByText("Payment received: you are on the Pro plan.").count()).toBe(1);
    expect(await page.locator('[data-metric="scheduledPosts"] [data-usage]').textContent()).toBe("10 / 300");
    const subscription = await stack.server.database.db.planSubscription.findUniqueOrThrow({ where: { orgId } });
    expect([subscription.plan, subscription.status, subscription.provider]).toEqual(["pro", "active", "sandbox"]);

    // The limit is lifted: the same post schedules now.
    await page.goto(`${stack.webUrl}/publish/new`);
    await page.getByLabel("Text", { exact: true }).fill("New glazes are out of the kiln!", { timeout: 20_000 });
    await page.getByRole("button", { name: "Schedule", exact: true }).click();
    await expect.poll(() => pathname(page), { timeout: 15_000 }).toMatch(/^\/publish\/posts\/[0-9a-f-]{36}$/);
    expect(await stack.server.database.db.publishTarget.count({ where: { orgId, state: "scheduled" } })).toBe(1);
    expect(
      errors.filter((line) => !line.includes("status of 403")),
      errors.join("\n"),
    ).toEqual([]);
  });
});
