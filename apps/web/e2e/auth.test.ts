// Accounts through the real web app: sign up, sign in and out, settings, password change
// and reset, email confirmation, provider sign-in errors and the admin outbox, in Chromium
// against the real server.
import { browserSkipNote, chromiumPath, screenshotPath } from "@glow/browser-testing";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectConsoleErrors, signInDirectly, startWebStack, type WebStack } from "./stack.ts";

const name = "Ana Lima";
const email = "ana.lima@example.com";
const firstPassword = "violet-harbor-47-lantern";
const secondPassword = "quiet-meadow-82-compass";
const thirdPassword = "amber-tunnel-19-whistle";

/** The newest email to `to` in the server's outbox, and the first link in it. */
async function latestEmail(stack: WebStack, to: string, subject: RegExp): Promise<{ subject: string; link: string }> {
  let found: { subject: string; text: string } | null = null;
  await expect
    .poll(async () => {
      found = await stack.server.database.db.outboxEmail.findFirst({ where: { to }, orderBy: { createdAt: "desc" } });
      return found?.subject ?? "";
    })
    .toMatch(subject);
  const { subject: foundSubject, text } = found!;
  const link = /https?:\/\/\S+/.exec(text)?.[0];
  expect(link, text).toBeDefined();
  return { subject: foundSubject, link: link! };
}

async function heading(page: Page): Promise<string | null> {
  return page.getByRole("heading", { level: 1 }).textContent();
}

async function signIn(page: Page, webUrl: string, password: string): Promise<void> {
  await page.goto(`${webUrl}/sign-in`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

describe.skipIf(!chromiumPath)(`account screens in Chromium${browserSkipNote}`, () => {
  let stack: WebStack;

  beforeAll(async () => {
    // GitHub is "configured" so its button shows; its pages are faked with page.route below.
    stack = await startWebStack({ version: "web-auth-e2e", oauth: { github: { clientId: "test-client", clientSecret: "test-secret" } } });
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("signs up, signs out and in, manages the account, and resets a forgotten password", async () => {
    const { webUrl } = stack;
    const page = await stack.browser.newPage({ viewport: { width: 1100, height: 900 } });
    // 400: refused input shown beside fields; 401: the wrong password shown as an alert.
    const consoleErrors = collectConsoleErrors(page, [400, 401]);

    // Sign up: a common password is refused with the server's reason, beside the field.
    await page.goto(`${webUrl}/sign-up`);
    await page.getByLabel("Name").fill(name);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("password123");
    expect(await page.getByText("At least 10 characters, and not a common").count()).toBe(1);
    await page.getByRole("button", { name: "Create account" }).click();
    const passwordField = page.getByLabel("Password");
    await expect.poll(() => passwordField.getAttribute("aria-invalid"), { timeout: 20_000 }).toBe("true");
    expect(await page.getByText(/This password is too easy to guess/).count()).toBe(1);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("password");
    await page.screenshot({ path: await screenshotPath("web-sign-up"), fullPage: true });

    await passwordField.fill(firstPassword);
    await page.getByRole("button", { name: "Create account" }).click();
    // Home sends a new person on to pick their feed's categories, which greets them.
    await expect.poll(() => heading(page), { timeout: 20_000 }).toBe(`Welcome, ${name}`);
    expect(new URL(page.url()).pathname).toBe("/onboarding");
    expect(await page.locator("[data-account-name]").textContent()).toContain(name);
    expect(await page.getByText(/Please confirm your email address/).count()).toBe(1);

    // Sign out from the header.
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/sign-in");
    await expect.poll(() => page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" }).count()).toBe(1);

    // A wrong password is refused with a message; the right one signs in.
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill("not-my-password-at-all");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Email or password is incorrect");
    expect(await page.getByRole("link", { name: "Forgot password?" }).count()).toBe(1);
    expect(await page.getByRole("button", { name: "Continue with GitHub" }).count()).toBe(1);
    expect(await page.getByText("admin@glow.dev").count()).toBe(1); // the development hint
    await page.screenshot({ path: await screenshotPath("web-sign-in"), fullPage: true });

    await page.getByLabel("Password").fill(firstPassword);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect.poll(() => heading(page)).toBe(`Welcome, ${name}`);

    // Settings: one session, this one.
    await page.getByRole("link", { name: "Settings" }).click();
    await expect.poll(() => heading(page)).toBe("Account settings");
    const sessions = page.getByRole("region", { name: "Sessions" }).locator("[data-session]");
    await expect.poll(() => sessions.count()).toBe(1);
    expect(await sessions.first().textContent()).toContain("This device");
    expect(await page.getByText("No other devices are signed in.").count()).toBe(1);

    // Change the name; the header follows.
    const profile = page.getByRole("region", { name: "Profile" });
    await profile.getByLabel("Name").fill("Ana Souza");
    await profile.getByRole("button", { name: "Save name" }).click();
    await expect.poll(() => profile.getByRole("status").textContent()).toContain("Your name is saved");
    await expect.poll(() => page.locator("[data-account-name]").textContent()).toContain("Ana Souza");

    // Change the password: a wrong current one is refused beside its field.
    const passwordCard = page.getByRole("region", { name: "Change password" });
    await passwordCard.getByLabel("Current password").fill("not-my-password-at-all");
    await passwordCard.getByLabel("New password").fill(secondPassword);
    await passwordCard.getByRole("button", { name: "Change password" }).click();
    await expect.poll(() => passwordCard.getByText("Your current password is incorrect").count()).toBe(1);
    expect(await passwordCard.getByLabel("Current password").getAttribute("aria-invalid")).toBe("true");
    await passwordCard.getByLabel("Current password").fill(firstPassword);
    await passwordCard.getByLabel("New password").fill(secondPassword);
    await passwordCard.getByRole("button", { name: "Change password" }).click();
    await expect.poll(() => passwordCard.getByRole("status").textContent()).toContain("Your password is changed");
    expect(await passwordCard.getByLabel("Current password").inputValue()).toBe("");

    // Confirm the email with the link the server sent at sign-up.
    const verification = await latestEmail(stack, email, /Confirm your email/);
    expect(verification.link.startsWith(`${webUrl}/verify-email?token=`)).toBe(true);
    await page.goto(verification.link);
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Your email address is confirmed");
    await page.goto(`${webUrl}/settings`);
    await expect.poll(() => page.getByRole("region", { name: "Email" }).textContent()).toContain("Verified");
    expect(await page.getByRole("button", { name: "Resend verification email" }).count()).toBe(0);
    await page.screenshot({ path: await screenshotPath("web-settings"), fullPage: true });

    // Forgot password, signed out: the same message whatever the address, and a link by email.
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/sign-in");
    await page.getByRole("link", { name: "Forgot password?" }).click();
    await expect.poll(() => heading(page)).toBe("Reset your password");
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Send reset link" }).click();
    await expect
      .poll(() => page.getByRole("status").textContent())
      .toContain("If an account exists for ana.lima@example.com, we sent a link");

    const reset = await latestEmail(stack, email, /Reset your Glow password/);
    await page.goto(reset.link);
    await expect.poll(() => heading(page)).toBe("Choose a new password");
    expect(await page.getByText("Resetting your password signs you out everywhere and revokes your API tokens.").count()).toBe(1);
    await page.getByLabel("New password").fill(thirdPassword);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect.poll(() => heading(page)).toBe("Password changed");
    await page.getByRole("link", { name: "Sign in with your new password" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/sign-in");

    // The link is single-use.
    const again = await stack.browser.newPage();
    await again.goto(reset.link);
    await again.getByLabel("New password").fill("another-fresh-password-55");
    await again.getByRole("button", { name: "Change password" }).click();
    await expect.poll(() => again.getByRole("alert").textContent()).toContain("This reset link is invalid or has expired");
    await again.close();

    // The old password no longer works; the new one does.
    await signIn(page, webUrl, secondPassword);
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Email or password is incorrect");
    await page.getByLabel("Password").fill(thirdPassword);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect.poll(() => heading(page)).toBe("Welcome, Ana Souza");

    expect(consoleErrors, consoleErrors.join("\n")).toEqual([]);
    await page.close();
  });

  it("sends a signed-out visitor to sign in and back, and keeps the outbox for admins", async () => {
    const { webUrl } = stack;
    const page = await stack.browser.newPage();
    const consoleErrors = collectConsoleErrors(page);

    // A screen that needs an account sends the visitor to sign in, then back to it.
    await page.goto(`${webUrl}/admin/outbox`);
    await expect.poll(() => new URL(page.url()).pathname, { timeout: 20_000 }).toBe("/sign-in");
    // By keyboard alone: type, Tab to the password, Enter to submit.
    await page.getByLabel("Email").focus();
    await page.keyboard.type(email);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("password");
    await page.keyboard.type(thirdPassword);
    await page.keyboard.press("Enter");
    await expect.poll(() => new URL(page.url()).pathname).toBe("/admin/outbox");
    await expect.poll(() => page.getByRole("heading", { name: "You do not have access" }).count()).toBe(1);
    expect(await page.getByRole("link", { name: "Outbox" }).count()).toBe(0);

    // Made an admin, and signed in again, the same person sees the outbox and its links.
    const db = stack.server.database.db;
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    await db.userRole.create({ data: { user: { connect: { id: user.id } }, role: { connect: { name: "admin" } } } });
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe("/sign-in");
    await signInDirectly(page, { serverUrl: stack.server.url, webUrl }, { email, password: thirdPassword });
    await page.goto(webUrl);
    await expect.poll(() => heading(page)).toBe("Welcome, Ana Souza");
    await page.getByRole("link", { name: "Outbox" }).click();
    await expect.poll(() => heading(page)).toBe("Outbox");
    const emails = page.locator("[data-email]");
    await expect.poll(() => emails.count()).toBe(2); // the confirmation, then the reset
    expect(await emails.first().textContent()).toContain("Reset your Glow password");
    expect(await emails.first().getByRole("link").getAttribute("href")).toMatch(/\/reset-password\?token=/);

    await page.getByLabel("Recipient").fill("nobody@example.com");
    await page.getByRole("button", { name: "Filter" }).click();
    await expect.poll(() => page.getByText("No emails to nobody@example.com").count()).toBe(1);
    await page.screenshot({ path: await screenshotPath("web-outbox-empty"), fullPage: true });

    expect(consoleErrors, consoleErrors.join("\n")).toEqual([]);
    await page.close();
  });

  it("shows why a provider sign-in failed, coming back through the /auth proxy", async () => {
    const { webUrl } = stack;
    const page = await stack.browser.newPage();
    const consoleErrors = collectConsoleErrors(page);
    // Stands in for GitHub: the person cancels, and GitHub sends them back to the callback.
    let authorizeUrl: URL | null = null;
    await page.route("https://github.com/**", async (route) => {
      authorizeUrl = new URL(route.request().url());
      await route.fulfill({ status: 302, headers: { location: `${webUrl}/auth/oauth/github/callback?error=access_denied` } });
    });

    await page.goto(`${webUrl}/sign-in`);
    await page.getByRole("button", { name: "Continue with GitHub" }).click();
    await expect.poll(() => page.getByRole("alert").textContent(), { timeout: 20_000 }).toContain("Sign-in was cancelled at the provider");
    expect(new URL(page.url()).pathname).toBe("/sign-in");
    expect(authorizeUrl!.pathname).toBe("/login/oauth/authorize");
    expect(authorizeUrl!.searchParams.get("state")).toBeTruthy();

    // Text of a link's own choosing is never shown: only the wording of known codes.
    await page.goto(`${webUrl}/sign-in?error=${encodeURIComponent("Your account is suspended. Call +1 555 0100")}`);
    await expect.poll(() => page.getByRole("alert").textContent()).toBe("Sign-in did not finish. Please try again.");

    expect(consoleErrors, consoleErrors.join("\n")).toEqual([]);
    await page.close();
  });

  it("fits the account screens on a phone-width screen", async () => {
    const { webUrl } = stack;
    const page = await stack.browser.newPage({ viewport: { width: 375, height: 740 } });
    for (const [path, title, shot] of [
      ["/sign-in", "Sign in", "web-sign-in-phone"],
      ["/sign-up", "Create your account", "web-sign-up-phone"],
      ["/forgot-password", "Reset your password", null],
    ] as const) {
      await page.goto(`${webUrl}${path}`);
      await expect.poll(() => heading(page), { timeout: 20_000 }).toBe(title);
      expect(await horizontalOverflow(page), path).toBeLessThanOrEqual(0);
      if (shot) await page.screenshot({ path: await screenshotPath(shot), fullPage: true });
    }

    await signInDirectly(page, { serverUrl: stack.server.url, webUrl }, { email, password: thirdPassword });
    await page.goto(webUrl);
    await expect.poll(() => heading(page)).toBe("Welcome, Ana Souza");
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: await screenshotPath("web-home-signed-in-phone"), fullPage: true });
    // Back from linking a provider, settings says so.
    await page.goto(`${webUrl}/settings?linked=github`);
    await expect
      .poll(() => page.getByRole("region", { name: "Linked accounts" }).getByRole("status").textContent())
      .toContain("Your GitHub account is now linked");
    for (const [path, title, shot] of [
      ["/settings", "Account settings", "web-settings-phone"],
      ["/admin/outbox", "Outbox", "web-outbox-phone"],
    ] as const) {
      await page.goto(`${webUrl}${path}`);
      await expect.poll(() => heading(page)).toBe(title);
      await expect
        .poll(() =>
          page
            .getByRole("status")
            .filter({ hasText: /Loading/ })
            .count(),
        )
        .toBe(0);
      expect(await horizontalOverflow(page), path).toBeLessThanOrEqual(0);
      await page.screenshot({ path: await screenshotPath(shot), fullPage: true });
    }
    await page.close();
  });
});
