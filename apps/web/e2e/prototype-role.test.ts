// A role named like an Object.prototype property ("constructor") once blanked the web app
// for its holder: the layout's permission mirror threw on every page.
import { browserSkipNote, chromiumPath } from "@glow/browser-testing";
import { DEMO_PASSWORD, seedDemo } from "@glow/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectConsoleErrors, signInDirectly, startWebStack, type WebStack } from "./stack.ts";

describe.skipIf(!chromiumPath)(`a role named constructor, in Chromium${browserSkipNote}`, () => {
  let stack: WebStack;

  beforeAll(async () => {
    stack = await startWebStack({ version: "web-e2e" });
    const db = stack.server.database.db;
    await seedDemo(db, { nodeEnv: "test" });
    const role = await db.role.create({ data: { name: "constructor", description: "Named like Object.prototype.constructor" } });
    const user = await db.user.findUniqueOrThrow({ where: { email: "user@glow.dev" } });
    await db.userRole.create({ data: { userId: user.id, roleId: role.id } });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("signs its holder in to pages that render, with no admin links", async () => {
    const page = await stack.browser.newPage({ viewport: { width: 1280, height: 900 } });
    const consoleErrors = collectConsoleErrors(page);
    await signInDirectly(page, { serverUrl: stack.server.url, webUrl: stack.webUrl }, { email: "user@glow.dev", password: DEMO_PASSWORD });
    await page.goto(stack.webUrl);

    // The demo user has picked no categories: the onboarding page, inside the signed-in layout.
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 20_000 }).toBe("/onboarding");
    const accountNav = page.getByRole("navigation", { name: "Account" });
    await expect.poll(() => accountNav.getByRole("button", { name: "Sign out" }).count(), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).count(), { timeout: 10_000 }).toBe(1);
    expect(await accountNav.getByRole("link", { name: "Metrics" }).count()).toBe(0);
    expect(consoleErrors).toEqual([]);
    await page.close();
  });
});
