// The renderer as Chromium runs it: served by Vite with the build's own plugins (and its
// CSP), talking through the bridge's tRPC proxy to the real server. Electron cannot run
// here, so a stub stands in for the preload's bridge (see support.ts).
import net, { type AddressInfo } from "node:net";
import { browserSkipNote, chromiumPath, screenshotPath } from "@glow/browser-testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApp, startDesktopStack, type DesktopStack } from "./support.ts";

/** A URL nothing listens on: a port the OS handed out and we closed again. */
async function closedPortUrl(): Promise<string> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}

describe.skipIf(!chromiumPath)(`renderer in Chromium${browserSkipNote}`, () => {
  let stack: DesktopStack;

  beforeAll(async () => {
    stack = await startDesktopStack({ version: "desktop-e2e" });
  });
  afterAll(async () => {
    await stack?.close();
  });

  const serverState = (page: Page) => page.locator('[data-stat="Status"]').textContent();

  it("shows the sign-in screen and that the server answers, fetched through the bridge", async () => {
    const { page, problems } = await openApp(stack.browser, stack.pageUrl, stack.server.url);
    await expect.poll(() => serverState(page), { timeout: 20_000 }).toBe("Up");
    // Signed out, the server does not say which version it runs.
    expect(await page.locator('[data-stat="Version"]').count()).toBe(0);
    expect(await page.getByRole("button", { name: "Sign in" }).isVisible()).toBe(true);
    // Tailwind's styles apply under the CSP (the shell's bg-glow-50).
    const background = await page.locator("div.min-h-screen").evaluate((shell) => getComputedStyle(shell).backgroundColor);
    expect(background).toBe("rgb(253, 244, 255)");

    await page.screenshot({ path: await screenshotPath("desktop-home"), fullPage: true });
    expect(problems, problems.join("\n")).toEqual([]);
    await page.close();
  });

  it("shows an error with a retry when the server is unreachable, and recovers on a new URL", async () => {
    const unreachable = await closedPortUrl();
    const { page, problems } = await openApp(stack.browser, stack.pageUrl, unreachable, {
      // Chromium logs each refused connection; that is the point of this test.
      expectedError: (message) => message.text().includes("ERR_CONNECTION_REFUSED"),
    });
    const alert = page.getByRole("alert");
    await expect.poll(() => alert.textContent(), { timeout: 20_000 }).toContain(`Could not reach the Glow server at ${unreachable}`);
    expect(await alert.getByRole("button", { name: "Try again" }).isVisible()).toBe(true);

    await page.getByLabel("Server URL").fill(stack.server.url);
    await page.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => serverState(page), { timeout: 20_000 }).toBe("Up");
    expect(await page.getByRole("alert").count()).toBe(0);
    expect(problems, problems.join("\n")).toEqual([]);
    await page.close();
  });
});
