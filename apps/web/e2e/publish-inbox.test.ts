// Publish's inbox in Chromium: the seeded Glow Studio workspace (two sandbox accounts, messages
// and comments) read newest first with unread counts per account, filtered, marked read, and a
// message answered through the sandbox platform, the reply shown under it; and at phone width.
import { sandboxPlatform } from "@glow/api";
import { browserSkipNote, chromiumPath } from "@glow/browser-testing";
import { DEMO_PASSWORD } from "@glow/db";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectConsoleErrors, signInDirectly, startWebStack, type WebStack } from "./stack.ts";

const OWNER = { email: "user@glow.dev", password: DEMO_PASSWORD };
const REPLY = "Thanks for writing! Yes, we do — details are on our site.";

const unreadTotal = (page: Page) => page.locator("[data-unread-total]").getAttribute("data-unread-total");
const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

describe.skipIf(!chromiumPath)(`publish's inbox in Chromium${browserSkipNote}`, () => {
  let stack: WebStack;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    stack = await startWebStack({ publishDemo: true });
    page = await stack.browser.newPage({ viewport: { width: 1280, height: 900 } });
    errors = collectConsoleErrors(page);
    await signInDirectly(page, { serverUrl: stack.server.url, webUrl: stack.webUrl }, OWNER);
  });
  afterAll(async () => {
    await stack?.close();
  });

  it("lists every account's messages newest first with unread counts, filters by account and unread", async () => {
    const db = stack.server.database.db;
    const stored = await db.publishInboxMessage.findMany({ orderBy: { receivedAt: "desc" }, include: { account: true } });
    const unread = stored.filter((message) => message.readAt === null);
    expect(unread.length).toBeGreaterThan(1);

    await page.goto(`${stack.webUrl}/publish/inbox`);
    await expect.poll(() => page.getByRole("heading", { level: 1 }).textContent(), { timeout: 20_000 }).toBe("Inbox");
    await expect.poll(() => page.locator("[data-message]").count(), { timeout: 20_000 }).toBe(Math.min(stored.length, 20));
    // Newest first, as stored.
    const shown = await page.locator("[data-message]").evaluateAll((items) => items.map((item) => item.getAttribute("data-message")));
    expect(shown).toEqual(stored.slice(0, 20).map((message) => message.id));
    await expect.poll(() => unreadTotal(page)).toBe(String(unread.length));

    // One account's chip carries its own count; choosing it shows only its messages.
    const account = unread[0]!.account;
    const mine = stored.filter((message) => message.accountId === account.id);
    const chip = page.locator(`[data-account-filter="${account.id}"]`);
    expect(await chip.locator("[data-unread-count]").getAttribute("data-unread-count")).toBe(
      String(unread.filter((message) => message.accountId === account.id).length),
    );
    await chip.click();
    await expect.poll(() => page.locator("[data-message]").count()).toBe(Math.min(mine.length, 20));

    await page.getByLabel("Unread only").check();
    await expect
      .poll(() => page.locator("[data-message]").count())
      .toBe(unread.filter((message) => message.accountId === account.id).length);
    expect(await page.locator('[data-message][data-unread="false"]').count()).toBe(0);
    await page.getByLabel("Unread only").uncheck();
    await page.getByRole("button", { name: /^All accounts/ }).click();
    await expect.poll(() => page.locator("[data-message]").count()).toBe(Math.min(stored.length, 20));
    expect(errors, errors.join("\n")).toEqual([]);
  });

  it("answers a message through the sandbox platform and shows the reply under it; marks another read", async () => {
    const db = stack.server.database.db;
    const [first, second] = await db.publishInboxMessage.findMany({
      where: { readAt: null, replyText: null },
      orderBy: { receivedAt: "desc" },
      take: 2,
    });
    const before = Number(await unreadTotal(page));

    const item = page.locator(`[data-message="${first!.id}"]`);
    await item.getByRole("textbox").fill(REPLY);
    await item.getByRole("button", { name: "Reply" }).click();
    await expect.poll(() => item.locator("[data-reply]").textContent(), { timeout: 15_000 }).toContain(REPLY);
    expect(await item.getByRole("textbox").count()).toBe(0);
    // Through the platform, and recorded.
    const sandbox = sandboxPlatform(stack.server.services.platforms)!;
    expect(sandbox.replies.map((reply) => reply.text)).toEqual([REPLY]);
    expect(sandbox.replies[0]!.inReplyTo).toBe(first!.externalId);
    expect((await db.publishInboxMessage.findUniqueOrThrow({ where: { id: first!.id } })).replyText).toBe(REPLY);

    // Mark read: the count goes down by what was read (a reply may mark its message read too).
    const other = page.locator(`[data-message="${second!.id}"]`);
    await other.getByRole("button", { name: /^Mark the message from/ }).click();
    await expect.poll(() => other.getAttribute("data-unread")).toBe("false");
    const readNow = await db.publishInboxMessage.count({ where: { readAt: { not: null }, id: { in: [first!.id, second!.id] } } });
    await expect.poll(() => unreadTotal(page)).toBe(String(before - readNow));
    expect(errors, errors.join("\n")).toEqual([]);
  });

  it("an empty reply is refused beside its box, not sent", async () => {
    const db = stack.server.database.db;
    const open = await db.publishInboxMessage.findFirstOrThrow({ where: { replyText: null }, orderBy: { receivedAt: "desc" } });
    const item = page.locator(`[data-message="${open.id}"]`);
    await item.getByRole("button", { name: "Reply" }).click();
    await expect.poll(() => item.getByRole("alert").textContent()).toContain("Write a reply first");
    expect(sandboxPlatform(stack.server.services.platforms)!.replies).toHaveLength(1);
  });

  it("Sync now fetches each account's new messages, which arrive on screen without a reload", async () => {
    const db = stack.server.database.db;
    const before = await db.publishInboxMessage.count();
    const clicked = new Date();
    await page.getByRole("button", { name: "Sync now" }).click();
    await expect.poll(() => page.getByText(/^Checking 2 accounts for new messages/).count()).toBe(1);
    // The sync job (on the server's worker) stores the sandbox's messages and announces them over SSE.
    await expect.poll(() => db.publishAccount.count({ where: { lastSyncedAt: { gte: clicked } } }), { timeout: 30_000 }).toBe(2);
    const after = await db.publishInboxMessage.count();
    expect(after).toBeGreaterThan(before);
    const arrived = page.getByText(/^\d+ new messages? arrived\.$/);
    await expect
      .poll(() => arrived.textContent({ timeout: 15_000 }))
      .toBe(`${after - before} new message${after - before === 1 ? "" : "s"} arrived.`);
    const unread = await db.publishInboxMessage.count({ where: { readAt: null } });
    await expect.poll(() => unreadTotal(page)).toBe(String(unread));
    expect(errors, errors.join("\n")).toEqual([]);
  });

  it("pages with Load more, twenty at a time", async () => {
    const db = stack.server.database.db;
    const account = await db.publishAccount.findFirstOrThrow();
    const oldest = await db.publishInboxMessage.findFirstOrThrow({ orderBy: { receivedAt: "asc" } });
    await db.publishInboxMessage.createMany({
      data: Array.from({ length: 12 }, (_, index) => ({
        orgId: account.orgId,
        accountId: account.id,
        externalId: `e2e_old_${index}`,
        kind: "message",
        authorName: `Old Friend ${index}`,
        text: `An old message ${index}`,
        receivedAt: new Date(oldest.receivedAt.getTime() - (index + 1) * 60_000),
        readAt: new Date(),
      })),
    });
    const total = await db.publishInboxMessage.count();
    expect(total).toBeGreaterThan(20);
    expect(total).toBeLessThanOrEqual(40);
    await page.reload();
    await expect.poll(() => page.locator("[data-message]").count(), { timeout: 20_000 }).toBe(20);
    await page.getByRole("button", { name: "Load more" }).click();
    await expect.poll(() => page.locator("[data-message]").count()).toBe(total);
    expect(await page.locator("[data-message]").last().textContent()).toContain("An old message 11");
    expect(errors, errors.join("\n")).toEqual([]);
  });

  it("fits a phone's width", async () => {
    const phone = await stack.browser.newPage({ viewport: { width: 375, height: 812 } });
    const phoneErrors = collectConsoleErrors(phone);
    await signInDirectly(phone, { serverUrl: stack.server.url, webUrl: stack.webUrl }, OWNER);
    await phone.goto(`${stack.webUrl}/publish/inbox`);
    await expect.poll(() => phone.locator("[data-message]").count(), { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await horizontalOverflow(phone)).toBeLessThanOrEqual(0);
    expect(phoneErrors, phoneErrors.join("\n")).toEqual([]);
    await phone.close();
  });
});
