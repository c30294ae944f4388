// Signing in and the admin Users screen, in Chromium against a real server and database.
// The stub bridge (support.ts) signs in with `auth.login` and keeps the token, as main does.
import { browserSkipNote, chromiumPath, launchBrowser, screenshotPath } from "@glow/browser-testing";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, seedDemo } from "@glow/db";
import { callTrpc, startTestServer, type TestServer } from "@glow/server/testing";
import type { Browser, Page } from "playwright-core";
import type { ViteDevServer } from "vite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { USERS_PAGE_SIZE } from "../src/renderer/users/paging.ts";
import { openApp, openAppSignedIn, startVite } from "./support.ts";

const [ADMIN, USER] = DEMO_ACCOUNTS;
const PASSWORD = "violet-harbour-73-lantern";
/** Registered in beforeAll: one to deactivate, one who stays a plain user. */
const LEAVER = { email: "dee.parted@example.test", name: "Dee Parted" };
const MEMBER = { email: "nina.member@example.test", name: "Nina Member" };
const BULK_USERS = 30;

describe.skipIf(!chromiumPath)(`sign-in and admin users in Chromium${browserSkipNote}`, () => {
  let vite: ViteDevServer;
  let pageUrl: string;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    ({ vite, url: pageUrl } = await startVite());
    server = await startTestServer({ corsOrigins: [new URL(pageUrl).origin] });
    await seedDemo(server.database.db, { nodeEnv: "test" });
    for (const person of [LEAVER, MEMBER]) {
      const registered = await callTrpc(server.url, "auth.register", {
        type: "mutation",
        input: { ...person, password: PASSWORD, delivery: "token" },
      });
      if (registered.error) throw new Error(`Could not register ${person.email}: ${registered.error.message}`);
    }
    // Enough people for a second page of the list.
    await server.database.db.user.createMany({
      data: Array.from({ length: BULK_USERS }, (_, index) => ({ email: `bulk${index}@crowd.example.test`, name: `Crowd Member ${index}` })),
    });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await vite?.close();
    await server?.close();
  });

  async function signIn(page: Page, email: string, password: string): Promise<void> {
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
  }

  const accountName = (page: Page) => page.getByTestId("account-name").textContent();

  async function openUser(page: Page, search: string, name: string) {
    await page.getByLabel("Search by name or email").fill(search);
    const list = page.getByRole("table", { name: "Users" });
    await expect.poll(() => list.getByRole("button").allTextContents(), { timeout: 10_000 }).toEqual([expect.stringContaining(name)]);
    await list.getByRole("button", { name: new RegExp(name) }).click();
    const details = page.getByRole("region", { name, exact: true });
    await details.getByRole("checkbox").first().waitFor();
    return { list, details };
  }

  async function rolesOf(email: string): Promise<string[]> {
    const user = await server.database.db.user.findUniqueOrThrow({ where: { email }, include: { roles: { include: { role: true } } } });
    return user.roles.map(({ role }) => role.name).sort();
  }

  it("shows the sign-in screen with the demo hint, and the server's refusal of a wrong password", async () => {
    const { page, problems } = await openApp(browser, pageUrl, server.url, {
      // Chromium logs the refused login's 401; in the app that request is main's, not the page's.
      expectedError: (message) => message.location().url.startsWith(`${server.url}/trpc/auth.login`) && message.text().includes("401"),
    });
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    expect(await page.getByText(ADMIN.email, { exact: true }).isVisible()).toBe(true);
    expect(await page.getByText(DEMO_PASSWORD, { exact: true }).isVisible()).toBe(true);
    await page.screenshot({ path: await screenshotPath("desktop-sign-in"), fullPage: true });

    await signIn(page, ADMIN.email, "not-the-password");
    const alert = page.getByRole("alert");
    await expect.poll(() => alert.textContent(), { timeout: 10_000 }).toContain("Email or password is incorrect");
    expect(await page.getByTestId("account-name").count()).toBe(0);
    expect(problems, problems.join("\n")).toEqual([]);
    await page.close();
  });

  it("lets an admin find user@glow.dev and make them an admin, then deactivate a new user after confirming", async () => {
    const { page, problems } = await openAppSignedIn(browser, pageUrl, server.url, { email: ADMIN.email, password: DEMO_PASSWORD });
    await expect.poll(() => accountName(page), { timeout: 10_000 }).toBe(ADMIN.name);
    await page.getByRole("link", { name: "Users" }).click();

    // Roles: the checkbox list comes from admin.roles.list; saving calls admin.users.setRoles.
    const uma = await openUser(page, USER.email, USER.name);
    expect(await uma.details.getByText(USER.email).first().isVisible()).toBe(true);
    const adminRole = uma.details.getByRole("checkbox", { name: /^admin/ });
    expect(await adminRole.isChecked()).toBe(false);
    await adminRole.check();
    await uma.details.getByRole("button", { name: "Save roles" }).click();
    await expect.poll(() => uma.details.getByRole("status").allTextContents(), { timeout: 10_000 }).toContain("Roles saved");
    expect(await rolesOf(USER.email)).toEqual(["admin", "user"]);
    await expect.poll(() => uma.list.locator(`tr[data-user="${USER.email}"]`).textContent()).toContain("admin");

    // Deactivation, by keyboard: Escape cancels, and only the dialog's button deactivates.
    const dee = await openUser(page, "dee.parted", LEAVER.name);
    expect(await dee.details.getByTestId("user-status").textContent()).toBe("Active");
    const deactivate = dee.details.getByRole("button", { name: "Deactivate…" });
    await deactivate.focus();
    await page.keyboard.press("Enter");
    const dialog = page.getByRole("dialog", { name: `Deactivate ${LEAVER.name}?` });
    await dialog.waitFor();
    expect(await dialog.getByRole("button", { name: "Cancel" }).evaluate((button) => button === document.activeElement)).toBe(true);
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    expect(await deactivate.evaluate((button) => button === document.activeElement)).toBe(true);
    expect((await server.database.db.user.findUniqueOrThrow({ where: { email: LEAVER.email } })).deactivatedAt).toBeNull();

    await page.keyboard.press("Enter");
    await dialog.waitFor();
    await page.keyboard.press("Tab");
    await page.keyboard.press("Enter");
    await expect.poll(() => dee.details.getByTestId("user-status").textContent(), { timeout: 10_000 }).toBe("Deactivated");
    await expect.poll(() => dee.list.getByRole("button", { name: new RegExp(LEAVER.name) }).textContent()).toContain("Deactivated");
    expect(await dee.details.getByText("No active sessions.").isVisible()).toBe(true);
    const leaver = await server.database.db.user.findUniqueOrThrow({ where: { email: LEAVER.email }, include: { sessions: true } });
    expect(leaver.deactivatedAt).not.toBeNull();
    expect(leaver.sessions).toEqual([]);

    await page.screenshot({ path: await screenshotPath("desktop-admin-users"), fullPage: true });
    expect(problems, problems.join("\n")).toEqual([]);
    await page.close();
  });

  it("pages through the list with Load more and says when a search finds no one", async () => {
    const { page, problems } = await openAppSignedIn(browser, pageUrl, server.url, { email: ADMIN.email, password: DEMO_PASSWORD });
    await page.getByRole("link", { name: "Users" }).click();
    const rows = page.getByRole("table", { name: "Users" }).getByRole("button");
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(USERS_PAGE_SIZE);
    const everyone = 2 + 2 + BULK_USERS; // the demo accounts, the two registered, the crowd
    await page.getByRole("button", { name: "Load more" }).click();
    await expect.poll(() => rows.count(), { timeout: 10_000 }).toBe(everyone);
    expect(await page.getByRole("button", { name: "Load more" }).count()).toBe(0);
    expect(new Set(await rows.allTextContents()).size).toBe(everyone);

    await page.getByLabel("Search by name or email").fill("nobody-by-this-name");
    await expect.poll(() => page.getByText("No users match “nobody-by-this-name”.").isVisible(), { timeout: 10_000 }).toBe(true);
    expect(problems, problems.join("\n")).toEqual([]);
    await page.close();
  });

  it("shows a non-admin their account and the access note, and signs them out on the server too", async () => {
    const member = await server.database.db.user.findUniqueOrThrow({ where: { email: MEMBER.email } });
    const sessions = () => server.database.db.session.count({ where: { userId: member.id } });
    const before = await sessions();

    const { page, problems } = await openAppSignedIn(browser, pageUrl, server.url, { email: MEMBER.email, password: PASSWORD });
    await expect.poll(() => accountName(page), { timeout: 10_000 }).toBe(MEMBER.name);
    expect(await page.getByText("You need admin access").isVisible()).toBe(true);
    expect(await page.getByRole("link", { name: "Users" }).count()).toBe(0);
    expect(await page.getByRole("region", { name: "Your account" }).getByText(MEMBER.email).isVisible()).toBe(true);
    expect(await sessions()).toBe(before + 1);
    await page.screenshot({ path: await screenshotPath("desktop-account-member"), fullPage: true });

    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    expect(await page.getByTestId("account-name").count()).toBe(0);
    expect(await sessions()).toBe(before);
    expect(problems, problems.join("\n")).toEqual([]);
    await page.close();
  });
});
