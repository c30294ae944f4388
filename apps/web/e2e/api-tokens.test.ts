// The API tokens screen: create a token, use it from outside the browser, revoke it.
import { browserSkipNote, chromiumPath, screenshotPath } from "@glow/browser-testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectConsoleErrors, signInDirectly, startWebStack, type WebStack } from "./stack.ts";

describe.skipIf(!chromiumPath)(`API tokens in Chromium${browserSkipNote}`, () => {
  let stack: WebStack;
  beforeAll(async () => {
    stack = await startWebStack({ version: "web-tokens-e2e" });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("creates a token shown once, which works over REST until it is revoked", async () => {
    const page = await stack.browser.newPage();
    const errors = collectConsoleErrors(page, [400]);
    await signInDirectly(
      page,
      { serverUrl: stack.server.url, webUrl: stack.webUrl },
      { name: "Dev Eloper", email: "dev@example.com", password: "granite-falcon-58-river" },
    );
    await page.goto(`${stack.webUrl}/settings`);

    const section = page.getByRole("region", { name: "API tokens" });
    await section.getByRole("button", { name: "Create token" }).click();
    await expect.poll(() => section.textContent()).toMatch(/Name the token/);
    await section.getByLabel("Name").fill("backup script");
    await section.getByRole("button", { name: "Create token" }).click();
    const token = (await section.locator("[data-new-token]").textContent())!.trim();
    expect(token).toMatch(/^glow_pat_[a-z2-7]{32}$/);
    await expect.poll(() => section.locator("[data-api-token]").count()).toBe(1);
    await page.screenshot({ path: await screenshotPath("web-api-tokens"), fullPage: true });

    const me = await fetch(`${stack.server.url}/api/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(await me.json()).toMatchObject({ email: "dev@example.com" });

    await section.getByRole("button", { name: "Revoke token backup script" }).click();
    await expect.poll(() => section.locator("[data-api-token]").count()).toBe(0);
    expect(await (await fetch(`${stack.server.url}/api/me`, { headers: { authorization: `Bearer ${token}` } })).json()).toBeNull();
    expect(errors).toEqual([]);
    await page.close();
  });
});
