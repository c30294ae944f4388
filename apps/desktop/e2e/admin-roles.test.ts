// The Roles screen, in Chromium against a real server and database: an admin adds a role and
// grants and revokes its permissions by ticking them; a person whose roles grant none of it
// has no Roles screen.
import { browserSkipNote, chromiumPath } from "@glow/browser-testing";
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from "@glow/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openAppSignedIn, startDesktopStack, type DesktopStack } from "./support.ts";

const [ADMIN, USER] = DEMO_ACCOUNTS;

describe.skipIf(!chromiumPath)(`the desktop's Roles screen in Chromium${browserSkipNote}`, () => {
  let stack: DesktopStack;

  beforeAll(async () => {
    stack = await startDesktopStack({ demoData: true });
  });
  afterAll(async () => {
    await stack?.close();
  });

  async function grantsOf(role: string): Promise<string[]> {
    const held = await stack.server.database.db.rolePermission.findMany({ where: { role: { name: role } }, include: { permission: true } });
    return held.map(({ permission: p }) => `${p.action}:${p.entity}:${p.access}`).sort();
  }

  it("lets an admin add a role, grant it read:audit and revoke it again", async () => {
    const { page, problems } = await openAppSignedIn(stack.browser, stack.pageUrl, stack.server.url, {
      email: ADMIN.email,
      password: DEMO_PASSWORD,
    });
    await page.getByRole("link", { name: "Roles" }).click();
    await page.getByLabel("Name").fill("auditor");
    await page.getByRole("button", { name: "Add role" }).click();
    const readAudit = page.getByRole("group", { name: "Permissions of auditor" }).getByRole("checkbox", { name: "read:audit:any" });
    await readAudit.waitFor({ timeout: 10_000 });
    expect(await readAudit.isChecked()).toBe(false);

    await readAudit.click();
    await expect.poll(() => readAudit.isChecked(), { timeout: 10_000 }).toBe(true);
    expect(await grantsOf("auditor")).toEqual(["read:audit:any"]);
    await readAudit.click();
    await expect.poll(() => readAudit.isChecked(), { timeout: 10_000 }).toBe(false);
    expect(await grantsOf("auditor")).toEqual([]);
    expect(problems, problems.join("\n")).toEqual([]);
    await page.close();
  });

  it("shows no Roles screen to a person whose roles grant nothing", async () => {
    const { page, problems } = await openAppSignedIn(stack.browser, stack.pageUrl, stack.server.url, {
      email: USER.email,
      password: DEMO_PASSWORD,
    });
    expect(await page.getByRole("link", { name: "Roles" }).count()).toBe(0);
    expect(problems, problems.join("\n")).toEqual([]);
    await page.close();
  });
});
